const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	ACTIVE_USERS_BODY,
	dashboardAuth,
	n8nToday,
	yyyymmdd,
	urlWithQuery,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/2/users';
const activeUsers = (extra = {}) => ({
	resource: 'analytics',
	operation: 'activeUsers',
	start: '2017-08-14',
	end: '20170815',
	...extra,
});

const EXPECTED_RAW = {
	success: true,
	series: [
		[46109, 47542],
		[42845, 42626],
	],
	series_meta: ['United States', 'Canada'],
	x_values: ['2017-08-14', '2017-08-15'],
};

describe.each(REGIONS)('Active Users on the %s region', (region, credentials) => {
	test('GETs /api/2/users with start, end, m and i and maps the chart', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, ACTIVE_USERS_BODY]);
		const result = await runAmplitude({
			parameters: activeUsers({ metric: 'new', interval: '30' }),
			credentials,
		});

		const call = expectOneGet(result, seen, {
			url: urlWithQuery(HOSTS[region].dashboard, PATH, [
				['start', '20170814'],
				['end', '20170815'],
				['m', 'new'],
				['i', '30'],
			]),
			query: { start: '20170814', end: '20170815', m: 'new', i: '30' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([{ json: EXPECTED_RAW, pairedItem: { item: 0 } }]);
		expectNoSecrets(result.run, credentials);
	});

	test('Output Format "rows" gives one item per data point labelled by seriesMeta', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, ACTIVE_USERS_BODY]);
		const result = await runAmplitude({
			parameters: activeUsers({ options: { outputFormat: 'rows' } }),
			credentials,
		});

		expect(result.output).toEqual(
			[
				{ date: '2017-08-14', series_label: 'United States', value: 46109 },
				{ date: '2017-08-15', series_label: 'United States', value: 47542 },
				{ date: '2017-08-14', series_label: 'Canada', value: 42845 },
				{ date: '2017-08-15', series_label: 'Canada', value: 42626 },
			].map((json) => ({ json, pairedItem: { item: 0 } })),
		);
	});
});

test('the defaults: active users, daily, from 7 days ago to today in the workflow time zone', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, ACTIVE_USERS_BODY]);
	const today = n8nToday();
	const result = await runAmplitude({
		parameters: { resource: 'analytics', operation: 'activeUsers' },
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].query).toEqual({
		start: yyyymmdd(today.minus({ days: 7 })),
		end: yyyymmdd(today),
		m: 'active',
		i: '1',
	});
});

test('n8n date expressions are sent as YYYYMMDD', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, ACTIVE_USERS_BODY]);
	const today = n8nToday();
	await runAmplitude({
		parameters: activeUsers({
			start: '={{ $today.minus(30, "days") }}',
			end: '={{ $now }}',
			interval: '7',
		}),
	});

	expect(seen.calls[0].query).toEqual({
		start: yyyymmdd(today.minus({ days: 30 })),
		end: yyyymmdd(today),
		m: 'active',
		i: '7',
	});
});

test('the in-the-wild shape (seriesMeta objects, extra keys) keeps the documented keys only', async () => {
	const body = {
		data: {
			series: [[10, 12]],
			seriesMeta: [{ segmentIndex: 0 }],
			seriesLabels: [0],
			seriesCollapsed: [[{ setId: '', value: 22 }]],
			xValues: ['2024-08-01', '2024-08-02'],
		},
	};
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	const raw = await runAmplitude({
		parameters: activeUsers({ start: '20240801', end: '20240802' }),
	});
	expect(jsonOf(raw)).toEqual([
		{
			success: true,
			series: [[10, 12]],
			series_meta: [{ segmentIndex: 0 }],
			x_values: ['2024-08-01', '2024-08-02'],
		},
	]);

	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	const rows = await runAmplitude({
		parameters: activeUsers({
			start: '20240801',
			end: '20240802',
			options: { outputFormat: 'rows' },
		}),
	});
	expect(jsonOf(rows)).toEqual([
		{ date: '2024-08-01', series_label: '0', value: 10 },
		{ date: '2024-08-02', series_label: '0', value: 12 },
	]);
});

describe('bad input is refused before any request', () => {
	const DATE_HINT =
		'Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }}';

	test.each([
		[
			'an empty start',
			{ start: '={{ $json.missing }}' },
			`'Start' is empty. ${DATE_HINT} [item 0]`,
		],
		[
			'a start that is not a date',
			{ start: '14/08/2017' },
			`'Start' is not a valid date: "14/08/2017". ${DATE_HINT} [item 0]`,
		],
		[
			'an end that does not exist',
			{ end: '2017-02-29' },
			`'End' is not a valid date: "2017-02-29". ${DATE_HINT} [item 0]`,
		],
		[
			'start after end',
			{ start: '20170816' },
			"'Start' (20170816) is after 'End' (20170815). Swap them or pick an earlier start [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: activeUsers(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			parameters: activeUsers(),
			credentials: US_WITHOUT_SECRET,
		});
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	});
});
