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
const { RETENTION_BODY, RETENTION_ROWS } = require('../../support/analyticsFixtures');

setupNock();

const PATH = '/api/2/retention';
const retention = (extra = {}) => ({
	resource: 'analytics',
	operation: 'retention',
	start: '20260914',
	end: '20260915',
	...extra,
});
const event = (eventType) => JSON.stringify({ event_type: eventType });

async function queryFor(parameters) {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, RETENTION_BODY]);
	const result = await runAmplitude({ parameters });
	expect(result.error).toBeUndefined();
	expect(seen.calls).toHaveLength(1);
	return seen.calls[0].query;
}

describe.each(REGIONS)('Retention on the %s region', (region, credentials) => {
	test('GETs /api/2/retention with se, re and rm=nday (not n-day) and maps the series', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, RETENTION_BODY]);
		const result = await runAmplitude({
			parameters: retention({
				startEvent: 'Sign Up',
				returnEvent: 'Play Song',
				interval: '7',
				groupBy: 'country',
			}),
			credentials,
		});

		expectOneGet(result, seen, {
			url: urlWithQuery(HOSTS[region].dashboard, PATH, [
				['se', event('Sign Up')],
				['re', event('Play Song')],
				['start', '20260914'],
				['end', '20260915'],
				['rm', 'nday'],
				['i', '7'],
				['g', 'country'],
			]),
			query: {
				se: event('Sign Up'),
				re: event('Play Song'),
				start: '20260914',
				end: '20260915',
				rm: 'nday',
				i: '7',
				g: 'country',
			},
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					series: [
						{
							dates: ['Sep 15, 2026', 'Sep 14, 2026'],
							datetimes: ['2026-09-15', '2026-09-14'],
							values: RETENTION_BODY.data.series[0].values,
							combined: [
								{
									count: 218,
									outof: 218,
									incomplete: false,
									retained_set_id: '',
									dropoff_set_id: '',
								},
								{
									count: 75,
									outof: 218,
									incomplete: false,
									retained_set_id: '',
									dropoff_set_id: '',
								},
							],
						},
					],
					series_labels: [''],
					series_meta: [{ segment_index: 0, event_index: 0 }],
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});

	test('bracket mode sends rb as compact JSON, and rows name the brackets', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, RETENTION_BODY]);
		const result = await runAmplitude({
			parameters: retention({
				retentionMode: 'bracket',
				brackets: ' [[0, 1], [1, 8], [8, 31]] ',
				options: { outputFormat: 'rows' },
			}),
			credentials,
		});

		expect(result.status).toBe('success');
		const call = seen.calls[0];
		expect(call.query).toEqual({
			se: event('_new'),
			re: event('_active'),
			start: '20260914',
			end: '20260915',
			rm: 'bracket',
			rb: '[[0,1],[1,8],[8,31]]',
			i: '1',
		});
		expect(call.url).toContain('rb=%5B%5B0%2C1%5D%2C%5B1%2C8%5D%2C%5B8%2C31%5D%5D');
		expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		expect(jsonOf(result).map((r) => [r.cohort_date, r.interval, r.interval_label])).toEqual([
			['2026-09-14', 0, 'Day 0'],
			['2026-09-14', 1, 'Day 1-7'],
			['2026-09-14', 2, 'Day 8-30'],
			['2026-09-15', 0, 'Day 0'],
			['2026-09-15', 1, 'Day 1-7'],
		]);
	});

	test('Output Format "rows": one item per cohort date and interval, read from datetimes', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, RETENTION_BODY]);
		const result = await runAmplitude({
			parameters: retention({ options: { outputFormat: 'rows' } }),
			credentials,
		});
		expect(result.status).toBe('success');
		expect(result.output.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(jsonOf(result)).toEqual(RETENTION_ROWS);
	});
});

test('the defaults: _new → _active, nday, daily, last 7 days, no g', async () => {
	const today = n8nToday();
	const query = await queryFor({ resource: 'analytics', operation: 'retention' });
	expect(query).toEqual({
		se: event('_new'),
		re: event('_active'),
		start: yyyymmdd(today.minus({ days: 7 })),
		end: yyyymmdd(today),
		rm: 'nday',
		i: '1',
	});
});

test('rolling (unbounded), monthly, _active → _all, and brackets left from bracket mode are not sent', async () => {
	const query = await queryFor(
		retention({
			startEvent: '_active',
			returnEvent: '_all',
			retentionMode: 'rolling',
			brackets: '[[0,1]]',
			interval: '30',
		}),
	);
	expect(query).toEqual({
		se: event('_active'),
		re: event('_all'),
		start: '20260914',
		end: '20260915',
		rm: 'rolling',
		i: '30',
	});
});

describe('bad input is refused before any request', () => {
	const BRACKETS_EXAMPLE = 'e.g. [[0,1],[1,8]] for Day 0, then Days 1 to 7';
	test.each([
		[
			'bracket mode without brackets',
			{ retentionMode: 'bracket' },
			`'Brackets' is empty, and Bracket retention needs them. Give a JSON array of [fromDay, toDayExclusive] pairs, ${BRACKETS_EXAMPLE} [item 0]`,
		],
		[
			'brackets that are not JSON',
			{ retentionMode: 'bracket', brackets: '0-4, 5-7' },
			/^'Brackets' is not valid JSON \(.+\)\. Give a JSON array of \[fromDay, toDayExclusive\] pairs, e\.g\. \[\[0,1\],\[1,8\]\] for Day 0, then Days 1 to 7 \[item 0\]$/,
		],
		[
			'brackets that are not pairs',
			{ retentionMode: 'bracket', brackets: '[0,4]' },
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${BRACKETS_EXAMPLE}, but it is [0,4] [item 0]`,
		],
		[
			'an empty bracket (the end is exclusive)',
			{ retentionMode: 'bracket', brackets: '[[0,1],[4,4]]' },
			"'Brackets': [4,4] holds no day, because the second number is exclusive. Day 4 alone is [4,5] [item 0]",
		],
		[
			'overlapping brackets',
			{ retentionMode: 'bracket', brackets: '[[0,5],[4,8]]' },
			`'Brackets': [4,8] starts before the bracket before it, [0,5], ends. Give the brackets in order without overlaps, ${BRACKETS_EXAMPLE} [item 0]`,
		],
		[
			'an empty start event',
			{ startEvent: ' ' },
			"'Start Event' is empty. Give _new for new users, _active for any active event, or an event name, e.g. Sign Up [item 0]",
		],
		[
			'an empty return event',
			{ returnEvent: '={{ "" }}' },
			"'Return Event' is empty. Give _active for any active event, _all for any event, or an event name, e.g. Open App [item 0]",
		],
		[
			'_new as return event',
			{ returnEvent: '_new' },
			"'Return Event' is _new, which only a start event can be. Give _active for any active event, _all for any event, or an event name [item 0]",
		],
		[
			'the documented "n-day", which Amplitude refuses',
			{ retentionMode: '={{ "n-day" }}' },
			`'Retention Mode' is "n-day", which is not one of nday, rolling, bracket. Pick one of those [item 0]`,
		],
		[
			'an hourly interval',
			{ interval: '={{ "-3600000" }}' },
			`'Interval' is "-3600000", which is not one of 1, 7, 30. Pick one of those [item 0]`,
		],
		[
			'start after end',
			{ start: '2026-09-16', end: '2026-09-15' },
			"'Start' (20260916) is after 'End' (20260915). Swap them or pick an earlier start [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: retention(extra) });
		if (message instanceof RegExp) {
			expect(result.error.name).toBe('NodeOperationError');
			expect(result.error.message).toMatch(message);
			expect(result.error.context.itemIndex).toBe(0);
		} else expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});
});
