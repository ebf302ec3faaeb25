'use strict';

const { useServer, basic, event, T0, DAY } = require('./helpers');

const HOUR = 3_600_000;
const ctx = useServer();

// Five users entering in the range 2024-08-01 … 08-03 (u5 signed up before it):
//   u1 US:  Sign Up 1h, Open App 2h, Search 3h, Purchase 5h
//   u2 DE:  Open App 5 days before, Sign Up 1h, Purchase 3h
//   u3 US:  Sign Up day 1 +1h, Open App +30 min, Search, Purchase 40 days later
//   u4 US:  Open App 1h, Sign Up 2h, Purchase 3h
//   u5 FR:  Sign Up 2 days before the range, Open App 1h
//   u6 DE:  Sign Up day 2 +1h, Open App 24.5 hours later (after the range)
const at = (user, country, eventType, time) =>
	event({ user_id: user, device_id: `device-${user}`, country, event_type: eventType, time });
const EVENTS = [
	at('user-1', 'United States', 'Sign Up', T0 + HOUR),
	at('user-1', 'United States', 'Open App', T0 + 2 * HOUR),
	at('user-1', 'United States', 'Search', T0 + 3 * HOUR),
	at('user-1', 'United States', 'Purchase', T0 + 5 * HOUR),
	at('user-2', 'Germany', 'Open App', T0 - 5 * DAY),
	at('user-2', 'Germany', 'Sign Up', T0 + HOUR),
	at('user-2', 'Germany', 'Purchase', T0 + 3 * HOUR),
	at('user-3', 'United States', 'Sign Up', T0 + DAY + HOUR),
	at('user-3', 'United States', 'Open App', T0 + DAY + 1.5 * HOUR),
	at('user-3', 'United States', 'Search', T0 + DAY + 2 * HOUR),
	at('user-3', 'United States', 'Purchase', T0 + 40 * DAY),
	at('user-4', 'United States', 'Open App', T0 + HOUR),
	at('user-4', 'United States', 'Sign Up', T0 + 2 * HOUR),
	at('user-4', 'United States', 'Purchase', T0 + 3 * HOUR),
	at('user-5', 'France', 'Sign Up', T0 - 2 * DAY),
	at('user-5', 'France', 'Open App', T0 + HOUR),
	at('user-6', 'Germany', 'Sign Up', T0 + 2 * DAY + HOUR),
	at('user-6', 'Germany', 'Open App', T0 + 3 * DAY + 1.5 * HOUR),
];
beforeEach(() => ctx.server.seed(EVENTS));

const STEPS = ['Sign Up', 'Open App', 'Purchase'];

/** GET /api/2/funnels with one e per step (repeated keys), like the node sends them. */
async function funnel(params = {}, steps = STEPS, auth = basic()) {
	const query = new URLSearchParams();
	for (const step of steps)
		query.append('e', JSON.stringify(typeof step === 'string' ? { event_type: step } : step));
	for (const [key, value] of Object.entries({ start: '20240801', end: '20240803', ...params }))
		query.append(key, String(value));
	const res = await fetch(`${ctx.url}/api/2/funnels?${query}`, {
		headers: { Authorization: auth },
	});
	return { status: res.status, json: await res.json() };
}
const raw = async (params, steps) =>
	(await funnel(params, steps)).json.data.map((f) => f.cumulativeRaw);

describe('GET /api/2/funnels', () => {
	test("ordered (the default): counts, conversion and times in Amplitude's shape", async () => {
		const res = await funnel();
		expect(res.status).toBe(200);
		const days = ['2024-08-01', '2024-08-02', '2024-08-03'];
		// At most one user per step and day: medians and averages are the same.
		const transTimesPerDay = {
			series: [
				[0, HOUR, 3 * HOUR],
				[0, 0.5 * HOUR, 0],
				[0, 24.5 * HOUR, 0],
			],
			xValues: days,
			formattedXValues: ['Aug 01', 'Aug 02', 'Aug 03'],
		};
		expect(res.json).toEqual({
			data: [
				{
					meta: { segmentIndex: 0 },
					events: STEPS,
					stepByStep: [1, 0.6, 1 / 3],
					cumulative: [1, 0.6, 0.2],
					cumulativeRaw: [5, 3, 1],
					// Open App after Sign Up: 30 min (u3), 1 h (u1), 24.5 h (u6); Purchase: 3 h (u1).
					medianTransTimes: [0, HOUR, 3 * HOUR],
					avgTransTimes: [0, ((0.5 + 1 + 24.5) * HOUR) / 3, 3 * HOUR],
					dayFunnels: {
						series: [
							[3, 1, 1],
							[1, 1, 0],
							[1, 1, 0],
						],
						xValues: days,
						formattedXValues: ['Aug 01', 'Aug 02', 'Aug 03'],
					},
					dayMedianTransTimes: transTimesPerDay,
					dayAvgTransTimes: transTimesPerDay,
				},
			],
			numSeries: 1,
			timeComputed: ctx.clock.now,
			wasCached: false,
		});
	});

	test('sequential: each step must be the very next event', async () => {
		// u1 and u3 search after opening the app; u2 and u4 purchase right after signing up.
		expect(await raw({ mode: 'sequential' })).toEqual([[5, 3, 0]]);
	});

	test('unordered: the steps in any order inside the window, rounded down to whole days', async () => {
		// u4 opened the app before signing up; u5's sign-up is outside its window.
		expect(await raw({ mode: 'unordered' })).toEqual([[5, 4, 2]]);
		// 25 hours become 1 day: u6's Open App (24.5 h later) falls out; ordered keeps it.
		expect(await raw({ mode: 'unordered', cs: 25 * 3600 })).toEqual([[5, 3, 2]]);
		expect(await raw({ cs: 25 * 3600 })).toEqual([[5, 3, 1]]);
	});

	test('unordered times: from when the previous step was complete', async () => {
		const { data } = (await funnel({ mode: 'unordered' }, ['Sign Up', 'Purchase'])).json;
		// u1 4 h, u2 2 h, u4 1 h; u3's purchase is outside the window.
		expect(data[0].medianTransTimes).toEqual([0, 2 * HOUR]);
		expect(data[0].avgTransTimes).toEqual([0, (7 * HOUR) / 3]);
	});

	test('the conversion window cuts later steps: cs in seconds', async () => {
		// 2 hours: u1's Open App (1 h) and u3's (30 min) stay, u6's (24.5 h) goes; u1's purchase 4 h after sign-up goes.
		expect(await raw({ cs: 7200 })).toEqual([[5, 2, 0]]);
	});

	test('n=new: only users first seen in the range (u2 was active before)', async () => {
		expect(await raw({ n: 'new' })).toEqual([[4, 3, 1]]);
	});

	test('g splits by a user property: one funnel per value with groupValue, most users first; limit', async () => {
		const { data } = (await funnel({ g: 'country' })).json;
		expect(data.map((f) => [f.groupValue, f.cumulativeRaw])).toEqual([
			['United States', [3, 2, 1]],
			['Germany', [2, 1, 0]],
		]);
		expect((await funnel({ g: 'country', limit: 1 })).json.data.map((f) => f.groupValue)).toEqual([
			'United States',
		]);
		expect((await funnel({ g: 'gp:plan' })).json.data.map((f) => f.groupValue)).toEqual(['(none)']);
	});

	test('weekly buckets and _active steps', async () => {
		const { data } = (await funnel({ i: 7 }, ['_active', 'Purchase'])).json;
		expect(data[0].dayFunnels.xValues).toEqual(['2024-07-28']);
		// Everyone active in the range enters (u5 too); u1, u2 and u4 purchase (u3 40 days later: too late).
		expect(data[0].cumulativeRaw).toEqual([6, 3]);
	});

	test('event filters apply per step', async () => {
		const germanOnly = {
			event_type: 'Sign Up',
			filters: [
				{
					subprop_type: 'user',
					subprop_key: 'country',
					subprop_op: 'is',
					subprop_value: ['Germany'],
				},
			],
		};
		expect(await raw({}, [germanOnly, 'Purchase'])).toEqual([[2, 1]]);
	});

	test('nobody entering: {data: [], numSeries: 0}, as Amplitude answers', async () => {
		const res = await funnel({}, ['Refund', 'Purchase']);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ data: [], numSeries: 0 });
	});

	test.each([
		['one step', {}, ['Sign Up'], 'A funnel needs at least 2 steps: one e parameter per step'],
		['segments', { s: '[]' }, STEPS, 'Segments (s) are not supported by the Amplitude stand-in'],
		[
			'per-step group_by',
			{},
			[{ event_type: 'Sign Up', group_by: [{ type: 'user', value: 'country' }] }, 'Purchase'],
			'Per-step group_by is not supported by the Amplitude stand-in; use g',
		],
		[
			'a custom property without gp:',
			{ g: 'plan' },
			STEPS,
			'Invalid user property plan; custom user properties need the gp: prefix',
		],
		[
			'an unknown mode',
			{ mode: 'strict' },
			STEPS,
			'Invalid mode=strict; use one of ordered, unordered, sequential',
		],
		['cs of 0', { cs: 0 }, STEPS, 'Invalid cs=0; expected an integer from 1 to 31622400'],
		[
			'hourly over more than 7 days',
			{ i: -3600000, end: '20240810' },
			STEPS,
			'Date range of 10 days is too long for i=-3600000 (max 7)',
		],
	])('%s: 400', async (_name, params, steps, message) => {
		const res = await funnel(params, steps);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: { http_code: 400, type: 'invalid', message } });
	});

	test('wrong keys: 403', async () => {
		expect((await funnel({}, STEPS, basic('test-api-key', 'wrong'))).status).toBe(403);
	});
});
