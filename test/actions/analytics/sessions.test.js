const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	dashboardAuth,
	n8nToday,
	yyyymmdd,
	urlWithQuery,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	trapAllHosts,
} = require('../../support/fixtures');
const {
	SESSIONS_AVERAGE_BODY,
	SESSIONS_PER_USER_BODY,
	SESSIONS_LENGTH_BODY,
} = require('../../support/analyticsFixtures');

setupNock();

const sessions = (extra = {}) => ({
	resource: 'analytics',
	operation: 'sessions',
	start: '2026-09-17',
	end: '20260918',
	...extra,
});

const METRICS = [
	// [metric, path, answer, raw output, rows]
	[
		'average',
		'/api/2/sessions/average',
		SESSIONS_AVERAGE_BODY,
		{
			series: [[1204.02, 1197.42]],
			series_collapsed: [[{ set_id: '', value: 1200.7 }]],
			series_meta: [{ segment_index: 0, session_index: 0 }],
			x_values: ['2026-09-17', '2026-09-18'],
		},
		[
			{ date: '2026-09-17', series_label: 'All Users', value: 1204.02 },
			{ date: '2026-09-18', series_label: 'All Users', value: 1197.42 },
		],
	],
	[
		'perUser',
		'/api/2/sessions/peruser',
		SESSIONS_PER_USER_BODY,
		{
			series: [[1.8, 2.25]],
			series_collapsed: [[{ set_id: '', value: 2.01 }]],
			series_meta: [{ segment_index: 0, session_index: 0 }],
			x_values: ['2026-09-17', '2026-09-18'],
		},
		[
			{ date: '2026-09-17', series_label: 'All Users', value: 1.8 },
			{ date: '2026-09-18', series_label: 'All Users', value: 2.25 },
		],
	],
	[
		'length',
		'/api/2/sessions/length',
		SESSIONS_LENGTH_BODY,
		{ series: SESSIONS_LENGTH_BODY.data.series, x_values: SESSIONS_LENGTH_BODY.data.xValues },
		SESSIONS_LENGTH_BODY.data.xValues.map((bin, index) => ({
			session_length: bin,
			series_label: 'All Users',
			value: SESSIONS_LENGTH_BODY.data.series[0][index],
		})),
	],
];

describe.each(REGIONS)('Sessions on the %s region', (region, credentials) => {
	test.each(METRICS)(
		'%s: GETs %s with start and end and maps the chart',
		async (metric, path, body, raw) => {
			const seen = expectRequest(HOSTS[region].dashboard, 'GET', path, [200, body]);
			const result = await runAmplitude({ parameters: sessions({ metric }), credentials });

			expectOneGet(result, seen, {
				url: urlWithQuery(HOSTS[region].dashboard, path, [
					['start', '20260917'],
					['end', '20260918'],
				]),
				query: { start: '20260917', end: '20260918' },
				authorization: dashboardAuth(credentials),
				credentials,
			});
			expect(result.output).toEqual([{ json: { success: true, ...raw }, pairedItem: { item: 0 } }]);
			expectNoSecrets(result.run, credentials);
		},
	);

	test.each(METRICS)('%s: rows, numbers as numbers', async (metric, path, body, _raw, rows) => {
		expectRequest(HOSTS[region].dashboard, 'GET', path, [200, body]);
		const result = await runAmplitude({
			parameters: sessions({ metric, options: { outputFormat: 'rows' } }),
			credentials,
		});
		expect(result.status).toBe('success');
		expect(result.output).toEqual(rows.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

test('the defaults: average session length over the last 7 days', async () => {
	const today = n8nToday();
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/sessions/average', [
		200,
		SESSIONS_AVERAGE_BODY,
	]);
	const result = await runAmplitude({
		parameters: { resource: 'analytics', operation: 'sessions' },
	});
	expect(result.status).toBe('success');
	expect(seen.calls[0].query).toEqual({
		start: yyyymmdd(today.minus({ days: 7 })),
		end: yyyymmdd(today),
	});
});

test('the observed empty answer: raw keeps the empty lists, rows are none', async () => {
	const empty = {
		withSets: false,
		data: { series: [], seriesMeta: [], xValues: [], seriesLabels: [], seriesCollapsed: [] },
		timeComputed: 1,
	};
	expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/sessions/length', [200, empty]);
	const raw = await runAmplitude({ parameters: sessions({ metric: 'length' }) });
	expect(jsonOf(raw)).toEqual([
		{
			success: true,
			series: [],
			series_meta: [],
			x_values: [],
			series_labels: [],
			series_collapsed: [],
		},
	]);
	expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/sessions/length', [200, empty]);
	const rows = await runAmplitude({
		parameters: sessions({ metric: 'length', options: { outputFormat: 'rows' } }),
	});
	expect(rows.status).toBe('success');
	expect(rows.output).toEqual([]);
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			'start after end',
			{ start: '20260919' },
			"'Start' (20260919) is after 'End' (20260918). Swap them or pick an earlier start [item 0]",
		],
		[
			'an empty end',
			{ end: '={{ "" }}' },
			`'End' is empty. Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }} [item 0]`,
		],
		[
			'a metric Amplitude does not have',
			{ metric: '={{ "median" }}' },
			`'Metric' is "median", which is not one of average, perUser, length. Pick one of those [item 0]`,
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: sessions(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});
});
