const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	trapAllHosts,
} = require('../../support/fixtures');
const { SAVED_CHART_BODY, SAVED_CHART_PARSED } = require('../../support/analyticsFixtures');

setupNock();

const savedChart = (extra = {}) => ({
	resource: 'analytics',
	operation: 'savedChart',
	chartId: 'abc123xy',
	...extra,
});
const PATH = '/api/3/chart/abc123xy/csv';

const EXPECTED_RAW = { success: true, chart_id: 'abc123xy', ...SAVED_CHART_PARSED };

describe.each(REGIONS)('Saved Chart on the %s region', (region, credentials) => {
	test('GETs /api/3/chart/{id}/csv with no query and parses the CSV in data into a series', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, SAVED_CHART_BODY]);
		const result = await runAmplitude({ parameters: savedChart(), credentials });

		expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}${PATH}`,
			query: {},
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([{ json: EXPECTED_RAW, pairedItem: { item: 0 } }]);
		expectNoSecrets(result.run, credentials);
	});

	test('a chart address is accepted: the ID after /chart/ is requested', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, SAVED_CHART_BODY]);
		const result = await runAmplitude({
			parameters: savedChart({
				chartId: 'https://app.amplitude.com/analytics/acme/chart/abc123xy/edit/q1w2e3',
			}),
			credentials,
		});
		expect(result.status).toBe('success');
		expect(seen.calls.map((call) => call.path)).toEqual([PATH]);
		expect(jsonOf(result)[0].chart_id).toBe('abc123xy');
	});

	test('Output Format "rows": one item per cell', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, SAVED_CHART_BODY]);
		const result = await runAmplitude({
			parameters: savedChart({ options: { outputFormat: 'rows' } }),
			credentials,
		});
		expect(result.output).toEqual(
			[
				{ date: '2026-06-01', series_label: 'All Users', value: 0 },
				{ date: '2026-06-02', series_label: 'All Users', value: 3 },
				{ date: '2026-06-03', series_label: 'All Users', value: 0 },
			].map((json) => ({ json, pairedItem: { item: 0 } })),
		);
	});
});

test('a chart without a Segment row: raw is the grid as it is, rows one per cell', async () => {
	const body = { data: '"\tFunnel"\r\n\r\n"\tStep","\tUsers"\r\n"\tSign Up","30"\r\n' };
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	expect(jsonOf(await runAmplitude({ parameters: savedChart() }))).toEqual([
		{
			success: true,
			chart_id: 'abc123xy',
			grid: [['Funnel'], [''], ['Step', 'Users'], ['Sign Up', '30']],
		},
	]);
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	const rows = await runAmplitude({
		parameters: savedChart({ options: { outputFormat: 'rows' } }),
	});
	expect(jsonOf(rows)).toEqual([
		{ row: 0, column: 0, value: 'Funnel' },
		{ row: 2, column: 0, value: 'Step' },
		{ row: 2, column: 1, value: 'Users' },
		{ row: 3, column: 0, value: 'Sign Up' },
		{ row: 3, column: 1, value: 30 },
	]);
});

test('an answer without CSV in data is an error, not an empty chart', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, { data: { series: [] } }]);
	const result = await runAmplitude({ parameters: savedChart() });
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toBe(
		'Amplitude answered 200 for chart abc123xy without the chart\'s CSV in "data" [item 0]',
	);
	expect(result.error.httpCode).toBe('200');

	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, { data: 5 }]);
	const continued = await runAmplitude({ parameters: savedChart(), continueOnFail: true });
	expect(jsonOf(continued)).toEqual([
		{
			success: false,
			error:
				'Amplitude answered 200 for chart abc123xy without the chart\'s CSV in "data" [item 0]. The address may not be an Amplitude API. Check the credential region or custom URLs.',
			code: 200,
		},
	]);
});

describe('bad input is refused before any request', () => {
	const HINT =
		"It is the letters and digits after /chart/ in the chart's address in Amplitude (app.amplitude.com/analytics/<org>/chart/<ID>); the whole address works too";
	test.each([
		[
			'an empty chart ID',
			{ chartId: '={{ $json.missing }}' },
			`'Chart ID' is empty. ${HINT} [item 0]`,
		],
		[
			'a chart ID with a space',
			{ chartId: 'abc 123' },
			`'Chart ID' "abc 123" is not a chart ID. ${HINT} [item 0]`,
		],
		[
			'a dashboard address',
			{ chartId: 'https://app.amplitude.com/analytics/acme/dashboard/d1' },
			`'Chart ID' is an address without a chart ID in it: "https://app.amplitude.com/analytics/acme/dashboard/d1". Open the chart in Amplitude and copy its address (…/chart/<ID>), or give the ID alone [item 0]`,
		],
		[
			'an unsaved chart',
			{ chartId: 'https://app.amplitude.com/analytics/acme/chart/new' },
			"'Chart ID' is the address of a chart that is not saved yet (…/chart/new). Save the chart in Amplitude first, then use its address or ID [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: savedChart(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});
});
