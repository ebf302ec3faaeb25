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
	FUNNEL_BODY,
	FUNNEL_ROWS,
	GROUPED_FUNNEL_BODY,
} = require('../../support/analyticsFixtures');

setupNock();

const PATH = '/api/2/funnels';
const STEPS = ['Search Song or Video', 'Select Song or Video', 'Play Song or Video'];
const steps = (...eventTypes) => ({ step: eventTypes.map((eventType) => ({ eventType })) });
const funnel = (extra = {}) => ({
	resource: 'analytics',
	operation: 'funnel',
	steps: steps(...STEPS),
	start: '20170814',
	end: '2017-08-15',
	...extra,
});
const e = (eventType) => JSON.stringify({ event_type: eventType });

/** Runs a funnel against a 200 answer and returns the one request's URL. */
async function urlFor(parameters, items, body = FUNNEL_BODY) {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, body]);
	const result = await runAmplitude({ parameters, items });
	expect(result.error).toBeUndefined();
	expect(seen.calls).toHaveLength(1);
	return new URL(seen.calls[0].url);
}

describe.each(REGIONS)('Funnel on the %s region', (region, credentials) => {
	test('GETs /api/2/funnels with one e per step, in order, and maps the funnels', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, FUNNEL_BODY]);
		const result = await runAmplitude({
			parameters: funnel({
				mode: 'sequential',
				newOrActive: 'new',
				conversionWindowDays: 7,
				interval: '7',
				groupBy: 'gp:plan',
				limit: 200,
			}),
			credentials,
		});

		const call = expectOneGet(result, seen, {
			url: urlWithQuery(HOSTS[region].dashboard, PATH, [
				['e', e(STEPS[0])],
				['e', e(STEPS[1])],
				['e', e(STEPS[2])],
				['start', '20170814'],
				['end', '20170815'],
				['mode', 'sequential'],
				['n', 'new'],
				['i', '7'],
				['cs', 604800],
				['g', 'gp:plan'],
				['limit', 200],
			]),
			// Object.fromEntries keeps the last of the repeated e's; all three are checked below.
			query: {
				e: e(STEPS[2]),
				start: '20170814',
				end: '20170815',
				mode: 'sequential',
				n: 'new',
				i: '7',
				cs: '604800',
				g: 'gp:plan',
				limit: '200',
			},
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(new URL(call.url).searchParams.getAll('e')).toEqual(STEPS.map(e));
		// Spaces as %20, braces and quotes percent-encoded; never e[]= or e[0]=.
		expect(call.url).toContain('e=%7B%22event_type%22%3A%22Search%20Song%20or%20Video%22%7D&e=');
		expect(call.url).not.toMatch(/e%5B|e\[/);

		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		const raw = result.output[0].json;
		expect(Object.keys(raw)).toEqual(['success', 'funnels']);
		expect(raw.success).toBe(true);
		expect(raw.funnels[0]).toMatchObject({
			meta: { segment_index: 0 },
			events: STEPS,
			step_by_step: FUNNEL_BODY.data[0].stepByStep,
			cumulative: FUNNEL_BODY.data[0].cumulative,
			cumulative_raw: [163054, 161670, 157485],
			median_trans_times: [0, 166444, 270194],
			avg_trans_times: [0, 2175406, 5607243],
			day_funnels: {
				series: FUNNEL_BODY.data[0].dayFunnels.series,
				x_values: ['2017-08-14', '2017-08-15'],
				formatted_x_values: ['Aug 14', 'Aug 15'],
			},
		});
		expect(JSON.stringify(raw)).not.toMatch(
			/timeComputed|wasCached|backend|numSeries|novaCost|cacheFreshness|perQueryMetadata/,
		);
		expectNoSecrets(result.run, credentials);
	});

	test('Output Format "rows": one item per step with conversion and times', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, FUNNEL_BODY]);
		const result = await runAmplitude({
			parameters: funnel({ options: { outputFormat: 'rows' } }),
			credentials,
		});

		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(jsonOf(result)).toEqual(FUNNEL_ROWS);
	});
});

test('the defaults: ordered, active users, 30 days (2592000 s), daily, limit 50, no g, last 7 days', async () => {
	const today = n8nToday();
	const url = await urlFor({
		resource: 'analytics',
		operation: 'funnel',
		steps: steps('Sign Up', 'Purchase'),
	});
	expect([...url.searchParams]).toEqual([
		['e', e('Sign Up')],
		['e', e('Purchase')],
		['start', yyyymmdd(today.minus({ days: 7 }))],
		['end', yyyymmdd(today)],
		['mode', 'ordered'],
		['n', 'active'],
		['i', '1'],
		['cs', '2592000'],
		['limit', '50'],
	]);
});

test.each([
	[0.25, '21600'],
	[1.5, '129600'],
	['2', '172800'],
	[0.001, '86'],
])('Conversion Window %j days is sent as cs=%s seconds', async (days, cs) => {
	const url = await urlFor(funnel({ conversionWindowDays: days }));
	expect(url.searchParams.get('cs')).toBe(cs);
});

test('steps from expressions, _active and _all, hourly and realtime intervals', async () => {
	const url = await urlFor(
		funnel({
			steps: steps('={{ $json.first }}', '_active', '_all'),
			interval: '-3600000',
			mode: 'unordered',
		}),
		[{ first: ' ce:Signed Up ' }],
	);
	expect(url.searchParams.getAll('e')).toEqual([e('ce:Signed Up'), e('_active'), e('_all')]);
	expect(url.searchParams.get('i')).toBe('-3600000');
	expect(url.searchParams.get('mode')).toBe('unordered');
});

test('a grouped funnel: rows per group value and step', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, GROUPED_FUNNEL_BODY]);
	const result = await runAmplitude({
		parameters: funnel({
			steps: steps('Sign Up', 'Purchase'),
			groupBy: 'country',
			options: { outputFormat: 'rows' },
		}),
	});
	expect(
		jsonOf(result).map((r) => [r.series_label, r.step, r.users, r.conversion_from_start]),
	).toEqual([
		['United States', 1, 40, 1],
		['United States', 2, 10, 0.25],
		['Germany', 1, 8, 1],
		['Germany', 2, 4, 0.5],
	]);
});

test('no matching data (observed {data: [], numSeries: 0}): raw has no funnels, rows are none', async () => {
	const empty = { data: [], numSeries: 0, wasCached: false };
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, empty]);
	expect(jsonOf(await runAmplitude({ parameters: funnel() }))).toEqual([
		{ success: true, funnels: [] },
	]);
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, empty]);
	const rows = await runAmplitude({ parameters: funnel({ options: { outputFormat: 'rows' } }) });
	expect(rows.status).toBe('success');
	expect(rows.output).toEqual([]);
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			'no steps',
			{ steps: {} },
			"'Steps' has 0 steps, and a funnel needs at least 2. Add a step per event, in order, e.g. Sign Up, then Purchase [item 0]",
		],
		[
			'one step',
			{ steps: steps('Sign Up') },
			"'Steps' has 1 step, and a funnel needs at least 2. Add a step per event, in order, e.g. Sign Up, then Purchase [item 0]",
		],
		[
			'an empty step',
			{ steps: steps('Sign Up', '={{ $json.missing }}', 'Purchase') },
			"Step 2's 'Event Type' is empty. Give the event name, e.g. Sign Up, or _active for any active event [item 0]",
		],
		[
			'_new as a step',
			{ steps: steps('_new', 'Purchase') },
			"Step 1 is _new, which funnels do not take. Set 'New or Active' to New Users and give the step's event [item 0]",
		],
		[
			'start after end',
			{ start: '20170816', end: '20170815' },
			"'Start' (20170816) is after 'End' (20170815). Swap them or pick an earlier start [item 0]",
		],
		[
			'a start that is not a date',
			{ start: 'last monday' },
			`'Start' is not a valid date: "last monday". Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }} [item 0]`,
		],
		[
			'a conversion window of 0',
			{ conversionWindowDays: 0 },
			"'Conversion Window (Days)' must be a number from 0.001 to 365, but it is 0 [item 0]",
		],
		[
			'a conversion window over a year',
			{ conversionWindowDays: 400 },
			"'Conversion Window (Days)' must be a number from 0.001 to 365, but it is 400 [item 0]",
		],
		[
			'a limit over 1000',
			{ groupBy: 'country', limit: 1001 },
			"'Limit' must be a whole number from 1 to 1000, but it is 1001 [item 0]",
		],
		[
			'a mode from an expression that Amplitude does not know',
			{ mode: '={{ "strict" }}' },
			`'Mode' is "strict", which is not one of ordered, unordered, sequential. Pick one of those [item 0]`,
		],
		[
			'an interval Amplitude does not know',
			{ interval: '={{ "14" }}' },
			`'Interval' is "14", which is not one of 1, 7, 30, -3600000, -300000. Pick one of those [item 0]`,
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: funnel(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});
});
