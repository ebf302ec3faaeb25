const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	REVENUE_BODY,
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

const PATH = '/api/2/revenue/ltv';
const revenue = (extra = {}) => ({
	resource: 'analytics',
	operation: 'revenue',
	start: '2021-10-03',
	end: '2021-10-04',
	...extra,
});

// Amplitude's dates descend; the output's x_values ascend, with one series per metric key.
const EXPECTED_RAW = {
	success: true,
	series: [
		[9.99, 4.5],
		[19.98, 9],
		[742.52, 300.25],
		[110, 40],
		[37, 12],
		[781.39, 310.75],
	],
	series_labels: ['r1d', 'r2d', 'r90d', 'count', 'paid', 'total_amount'],
	x_values: ['2021-10-03', '2021-10-04'],
};

describe.each(REGIONS)('Revenue LTV on the %s region', (region, credentials) => {
	test('GETs /api/2/revenue/ltv with start, end, m and i, and turns dates into ascending x_values', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, REVENUE_BODY]);
		const result = await runAmplitude({
			parameters: revenue({ metric: '2', interval: '7' }),
			credentials,
		});

		const call = expectOneGet(result, seen, {
			url: urlWithQuery(HOSTS[region].dashboard, PATH, [
				['start', '20211003'],
				['end', '20211004'],
				['m', '2'],
				['i', '7'],
			]),
			query: { start: '20211003', end: '20211004', m: '2', i: '7' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([{ json: EXPECTED_RAW, pairedItem: { item: 0 } }]);
		expectNoSecrets(result.run, credentials);
	});

	test('Output Format "rows" gives one item per date and metric key, in date order', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, REVENUE_BODY]);
		const result = await runAmplitude({
			parameters: revenue({ options: { outputFormat: 'rows' } }),
			credentials,
		});

		const rows = EXPECTED_RAW.series_labels.flatMap((label, index) =>
			EXPECTED_RAW.x_values.map((date, point) => ({
				date,
				series_label: label,
				value: EXPECTED_RAW.series[index][point],
			})),
		);
		expect(rows).toHaveLength(12);
		expect(rows[0]).toEqual({ date: '2021-10-03', series_label: 'r1d', value: 9.99 });
		expect(result.output).toEqual(rows.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

test('the defaults: ARPU (m=0), daily, from 7 days ago to today', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, REVENUE_BODY]);
	const today = n8nToday();
	const result = await runAmplitude({
		parameters: { resource: 'analytics', operation: 'revenue' },
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].query).toEqual({
		start: yyyymmdd(today.minus({ days: 7 })),
		end: yyyymmdd(today),
		m: '0',
		i: '1',
	});
});

test('a date listed without values gets null points, and numeric strings become numbers', async () => {
	// The reference example: two dates listed, values for one only.
	const body = {
		data: {
			seriesLabels: [''],
			series: [
				{
					dates: ['2021-10-04', '2021-10-03'],
					values: { '2021-10-03': { r1d: '9.99', count: 110, paid: 37, total_amount: 781.39 } },
				},
			],
		},
	};
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	const raw = await runAmplitude({ parameters: revenue() });
	expect(jsonOf(raw)).toEqual([
		{
			success: true,
			series: [
				[9.99, null],
				[110, null],
				[37, null],
				[781.39, null],
			],
			series_labels: ['r1d', 'count', 'paid', 'total_amount'],
			x_values: ['2021-10-03', '2021-10-04'],
		},
	]);

	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	const rows = await runAmplitude({
		parameters: revenue({ metric: '3', options: { outputFormat: 'rows' } }),
	});
	expect(jsonOf(rows).slice(0, 2)).toEqual([
		{ date: '2021-10-03', series_label: 'r1d', value: 9.99 },
		{ date: '2021-10-04', series_label: 'r1d', value: null },
	]);
});

test('no revenue data gives empty series', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, { data: { seriesLabels: [], series: [] } }]);
	const result = await runAmplitude({ parameters: revenue() });
	expect(jsonOf(result)).toEqual([{ success: true, series: [], series_labels: [], x_values: [] }]);
});

describe('bad input is refused before any request', () => {
	const DATE_HINT =
		'Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }}';

	test.each([
		['an empty end', { end: '={{ "" }}' }, `'End' is empty. ${DATE_HINT} [item 0]`],
		[
			'a start that is not a date',
			{ start: 'October' },
			`'Start' is not a valid date: "October". ${DATE_HINT} [item 0]`,
		],
		[
			'start after end',
			{ start: '2021-10-05' },
			"'Start' (20211005) is after 'End' (20211004). Swap them or pick an earlier start [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: revenue(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: revenue(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	});
});
