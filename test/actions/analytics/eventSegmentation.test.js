const { runAmplitude, jsonOf } = require('../../support/harness');
const { nock, HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	SEGMENTATION_BODY,
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

const PATH = '/api/2/events/segmentation';
const segmentation = (extra = {}) => ({
	resource: 'analytics',
	operation: 'eventSegmentation',
	eventType: 'watch_tutorial',
	start: '20240801',
	end: '20240802',
	...extra,
});

const EXPECTED_RAW = {
	success: true,
	series: [
		[120, 134],
		[80, 75],
	],
	series_labels: [
		[0, 'United States'],
		[0, 'Germany'],
	],
	series_collapsed: [[{ setId: '', value: 254 }], [{ setId: '', value: 155 }]],
	x_values: ['2024-08-01', '2024-08-02'],
};

const EXPECTED_ROWS = [
	{ date: '2024-08-01', series_label: 'United States', value: 120 },
	{ date: '2024-08-02', series_label: 'United States', value: 134 },
	{ date: '2024-08-01', series_label: 'Germany', value: 80 },
	{ date: '2024-08-02', series_label: 'Germany', value: 75 },
];

/** Runs a segmentation against a 200 answer and returns the one request's query. */
async function queryFor(parameters, items) {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, SEGMENTATION_BODY]);
	const result = await runAmplitude({ parameters, items });
	expect(result.error).toBeUndefined();
	expect(seen.calls).toHaveLength(1);
	return seen.calls[0].query;
}

describe.each(REGIONS)('Event Segmentation on the %s region', (region, credentials) => {
	test('GETs /api/2/events/segmentation with e as URL-encoded JSON and maps the chart', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, SEGMENTATION_BODY]);
		const result = await runAmplitude({
			parameters: segmentation({ metric: 'totals', interval: '7', groupBy: 'country', limit: 100 }),
			credentials,
		});

		const e = '{"event_type":"watch_tutorial","group_by":[{"type":"user","value":"country"}]}';
		const call = expectOneGet(result, seen, {
			url: urlWithQuery(HOSTS[region].dashboard, PATH, [
				['start', '20240801'],
				['end', '20240802'],
				['m', 'totals'],
				['i', '7'],
				['e', e],
				['limit', 100],
			]),
			query: { start: '20240801', end: '20240802', m: 'totals', i: '7', e, limit: '100' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(call.url).toContain(
			'e=%7B%22event_type%22%3A%22watch_tutorial%22%2C%22group_by%22%3A%5B%7B%22type%22%3A%22user%22',
		);
		expect(result.output).toEqual([{ json: EXPECTED_RAW, pairedItem: { item: 0 } }]);
		expectNoSecrets(result.run, credentials);
	});

	test('Output Format "rows" gives one item per data point, numbers as numbers', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, SEGMENTATION_BODY]);
		const result = await runAmplitude({
			parameters: segmentation({ groupBy: 'country', options: { outputFormat: 'rows' } }),
			credentials,
		});

		expect(result.status).toBe('success');
		expect(result.output).toEqual(EXPECTED_ROWS.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

test('the defaults: uniques, daily, limit 50, e without group_by, start 7 days ago and end today', async () => {
	const today = n8nToday();
	const query = await queryFor({
		resource: 'analytics',
		operation: 'eventSegmentation',
		eventType: 'page_view',
	});
	expect(query).toEqual({
		start: yyyymmdd(today.minus({ days: 7 })),
		end: yyyymmdd(today),
		m: 'uniques',
		i: '1',
		e: '{"event_type":"page_view"}',
		limit: '50',
	});
});

describe('start and end accept YYYYMMDD, ISO dates and n8n dates, and send YYYYMMDD', () => {
	test.each([
		['YYYYMMDD', '20261101', '20261107', '20261101', '20261107'],
		['ISO dates', '2026-11-01', '2026-11-07', '20261101', '20261107'],
		[
			'ISO date-times in UTC',
			'2026-11-01T00:00:00Z',
			'2026-11-07T23:59:59Z',
			'20261101',
			'20261107',
		],
		[
			'ISO date-times keep the calendar date they are written in',
			'2026-11-01T23:30:00-08:00',
			'2026-11-07T01:00:00+09:00',
			'20261101',
			'20261107',
		],
		['a number from an expression', '={{ 20261101 }}', '={{ 20261107 }}', '20261101', '20261107'],
		['a leap day', '20240229', '2024-02-29', '20240229', '20240229'],
	])('%s', async (_name, start, end, sentStart, sentEnd) => {
		const query = await queryFor(segmentation({ start, end }));
		expect([query.start, query.end]).toEqual([sentStart, sentEnd]);
	});

	test('n8n date expressions ($today.minus(7, "days"), $today) in the workflow time zone', async () => {
		const today = n8nToday();
		const query = await queryFor(
			segmentation({ start: '={{ $today.minus(7, "days") }}', end: '={{ $today }}' }),
		);
		expect([query.start, query.end]).toEqual([yyyymmdd(today.minus({ days: 7 })), yyyymmdd(today)]);
	});

	test('formatted n8n dates and dates from input items', async () => {
		const today = n8nToday();
		const query = await queryFor(
			segmentation({
				start: '={{ $json.from }}',
				end: '={{ $today.minus(1, "days").toFormat("yyyyMMdd") }}',
			}),
			[{ from: '2026-01-15T08:00:00.000+01:00' }],
		);
		expect([query.start, query.end]).toEqual(['20260115', yyyymmdd(today.minus({ days: 1 }))]);
	});
});

describe('metrics, interval and group-by', () => {
	test('formula sends the formula', async () => {
		const query = await queryFor(
			segmentation({ metric: 'formula', formula: 'UNIQUES(A)/TOTALS(A)' }),
		);
		expect(query).toEqual({
			start: '20240801',
			end: '20240802',
			m: 'formula',
			i: '1',
			formula: 'UNIQUES(A)/TOTALS(A)',
			e: '{"event_type":"watch_tutorial"}',
			limit: '50',
		});
	});

	test.each(['histogram', 'sums', 'value_avg'])(
		'%s puts the event property first in group_by, then the user group-by',
		async (metric) => {
			const query = await queryFor(
				segmentation({
					metric,
					eventProperty: 'price',
					groupBy: 'gp:plan',
					interval: '-3600000',
					limit: 1000,
				}),
			);
			expect(query).toMatchObject({ m: metric, i: '-3600000', limit: '1000' });
			expect(JSON.parse(query.e)).toEqual({
				event_type: 'watch_tutorial',
				group_by: [
					{ type: 'event', value: 'price' },
					{ type: 'user', value: 'gp:plan' },
				],
			});
			expect(query.formula).toBeUndefined();
		},
	);

	test('a formula or event property left from another metric is not sent', async () => {
		const query = await queryFor(
			segmentation({ metric: 'average', formula: 'UNIQUES(A)', eventProperty: 'price' }),
		);
		expect(query.formula).toBeUndefined();
		expect(query.e).toBe('{"event_type":"watch_tutorial"}');
		expect(query.m).toBe('average');
	});

	test('realtime interval and custom event names are sent as given', async () => {
		const query = await queryFor(
			segmentation({ eventType: 'ce:Signed Up', interval: '-300000', metric: 'pct_dau' }),
		);
		expect(query).toMatchObject({ e: '{"event_type":"ce:Signed Up"}', i: '-300000', m: 'pct_dau' });
	});
});

describe('answers of other shapes', () => {
	test('without group-by, seriesLabels are event indexes and rows are labelled with the event type', async () => {
		const body = {
			data: {
				series: [[5, '7']],
				seriesLabels: [0],
				seriesCollapsed: [[{ setId: '', value: 12 }]],
				xValues: ['2024-08-01', '2024-08-02'],
			},
		};
		expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
		const result = await runAmplitude({
			parameters: segmentation({ options: { outputFormat: 'rows' } }),
		});
		expect(jsonOf(result)).toEqual([
			{ date: '2024-08-01', series_label: 'watch_tutorial', value: 5 },
			{ date: '2024-08-02', series_label: 'watch_tutorial', value: 7 },
		]);
	});

	test('an empty chart gives empty arrays (raw) or no rows', async () => {
		expectRequest(HOSTS.us.dashboard, 'GET', PATH, [
			200,
			{ data: { series: [], seriesLabels: [], seriesCollapsed: [], xValues: [] } },
		]);
		const raw = await runAmplitude({ parameters: segmentation() });
		expect(jsonOf(raw)).toEqual([
			{ success: true, series: [], series_labels: [], series_collapsed: [], x_values: [] },
		]);

		expectRequest(HOSTS.us.dashboard, 'GET', PATH, [
			200,
			{ data: { series: [], seriesLabels: [], seriesCollapsed: [], xValues: [] } },
		]);
		const rows = await runAmplitude({
			parameters: segmentation({ options: { outputFormat: 'rows' } }),
		});
		expect(rows.status).toBe('success');
		expect(rows.output).toEqual([]);
	});

	test('rows of several input items are each paired to their own item', async () => {
		const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, SEGMENTATION_BODY]);
		expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, SEGMENTATION_BODY]);
		const result = await runAmplitude({
			items: [{ event: 'a_event' }, { event: 'b_event' }],
			parameters: segmentation({
				eventType: '={{ $json.event }}',
				options: { outputFormat: 'rows' },
			}),
		});

		expect(result.status).toBe('success');
		expect(nock.isDone()).toBe(true);
		expect(seen.calls).toHaveLength(1);
		expect(result.output).toEqual([
			...EXPECTED_ROWS.map((json) => ({ json, pairedItem: { item: 0 } })),
			...EXPECTED_ROWS.map((json) => ({ json, pairedItem: { item: 1 } })),
		]);
	});
});

describe('bad input is refused before any request', () => {
	const DATE_HINT =
		'Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }}';

	test.each([
		[
			'an empty event type',
			{ eventType: '={{ $json.missing }}' },
			"'Event Type' is empty. Give the event name, e.g. page_view, or _active for any active event [item 0]",
		],
		['an empty start', { start: '={{ "" }}' }, `'Start' is empty. ${DATE_HINT} [item 0]`],
		[
			'an end that is not a date',
			{ end: 'last week' },
			`'End' is not a valid date: "last week". ${DATE_HINT} [item 0]`,
		],
		[
			'a day that does not exist',
			{ start: '2026-02-30' },
			`'Start' is not a valid date: "2026-02-30". ${DATE_HINT} [item 0]`,
		],
		[
			'a month that does not exist',
			{ end: '20261301' },
			`'End' is not a valid date: "20261301". ${DATE_HINT} [item 0]`,
		],
		[
			'start after end',
			{ start: '20240803', end: '2024-08-02' },
			"'Start' (20240803) is after 'End' (20240802). Swap them or pick an earlier start [item 0]",
		],
		[
			'a limit of 0',
			{ limit: 0 },
			"'Limit' must be a whole number from 1 to 1000, but it is 0 [item 0]",
		],
		[
			'a limit over 1000',
			{ limit: 1001 },
			"'Limit' must be a whole number from 1 to 1000, but it is 1001 [item 0]",
		],
		[
			'histogram without Event Property',
			{ metric: 'histogram' },
			"'Event Property' is empty, and the histogram metric needs one. Name the event property to compute it over, e.g. price [item 0]",
		],
		[
			'sums without Event Property',
			{ metric: 'sums', eventProperty: ' ' },
			"'Event Property' is empty, and the sums metric needs one. Name the event property to compute it over, e.g. price [item 0]",
		],
		[
			'value_avg without Event Property',
			{ metric: 'value_avg' },
			"'Event Property' is empty, and the value_avg metric needs one. Name the event property to compute it over, e.g. price [item 0]",
		],
		[
			'formula without Formula',
			{ metric: 'formula', formula: '={{ "" }}' },
			"'Formula' is empty. Give a formula over the event, e.g. UNIQUES(A) [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: segmentation(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			parameters: segmentation(),
			credentials: US_WITHOUT_SECRET,
		});
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	});

	test('the item named is the bad one, from expressions over the items', async () => {
		const trap = trapAllHosts();
		const items = [{ from: '2026-11-10' }, { from: '2026-11-12' }];
		const result = await runAmplitude({
			items,
			parameters: segmentation({ start: '={{ $json.from }}', end: '20261111' }),
		});
		expectOperationError(
			result,
			"'Start' (20261112) is after 'End' (20261111). Swap them or pick an earlier start [item 1]",
			1,
		);
		// Item 0 was valid and may have been requested; item 1 never was.
		expect(trap.calls.every((call) => call.query.start === '20261110')).toBe(true);
	});
});
