'use strict';

const { useServer, getApi, event, T0, DAY } = require('./helpers');

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ctx = useServer();

// user-a: a session of 2 minutes on 08-01 and one of a single event on 08-02
// user-b: a session of 40 s on 08-01, and an event without session_id
// user-c: an event with session_id -1 (no session)
const at = (user, time, sessionId) =>
	event({ user_id: user, time, ...(sessionId === undefined ? {} : { session_id: sessionId }) });
const EVENTS = [
	at('user-a', T0 + HOUR, T0 + HOUR),
	at('user-a', T0 + HOUR + 2 * MINUTE, T0 + HOUR),
	at('user-a', T0 + DAY + HOUR, T0 + DAY + HOUR),
	at('user-b', T0 + 3 * HOUR, T0 + 3 * HOUR),
	at('user-b', T0 + 3 * HOUR + 40_000, T0 + 3 * HOUR),
	at('user-b', T0 + 4 * HOUR),
	at('user-c', T0 + 5 * HOUR, -1),
];
beforeEach(() => ctx.server.seed(EVENTS));

const RANGE = { start: '20240801', end: '20240803' };
const DAYS = ['2024-08-01T00:00:00', '2024-08-02T00:00:00', '2024-08-03T00:00:00'];
const sessions = (metric, params = {}) =>
	getApi(ctx.url, `/api/2/sessions/${metric}`, { ...RANGE, ...params });

describe('GET /api/2/sessions/*', () => {
	test('average: mean session length per day in seconds, days as YYYY-MM-DDT00:00:00', async () => {
		const res = await sessions('average');
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			data: {
				series: [[80, 0, 0]],
				seriesCollapsed: [[{ setId: '', value: 53.33 }]],
				seriesMeta: [{ segmentIndex: 0, sessionIndex: 0 }],
				xValues: DAYS,
			},
		});
	});

	test('peruser: sessions per user with a session that day', async () => {
		const { data } = (await sessions('peruser')).json;
		expect(data.series).toEqual([[1, 1, 0]]);
		expect(data.seriesCollapsed).toEqual([[{ setId: '', value: 1.5 }]]);
		expect(data.xValues).toEqual(DAYS);
	});

	test("length: sessions per Amplitude's default bins", async () => {
		const { data } = (await sessions('length')).json;
		expect(data).toEqual({
			series: [[1, 0, 0, 1, 1, 0, 0, 0, 0]],
			xValues: [
				'0s-3s',
				'3s-10s',
				'10s-30s',
				'30s-1m',
				'1m-3m',
				'3m-10m',
				'10m-30m',
				'30m-1h',
				'1h-24h',
			],
			seriesLabels: [''],
			seriesMeta: [{ segmentIndex: 0 }],
			seriesCollapsed: [[{ setId: '', value: 3 }]],
		});
	});

	test('only sessions that start in the range count', async () => {
		expect((await sessions('length', { start: '20240802' })).json.data.series).toEqual([
			[1, 0, 0, 0, 0, 0, 0, 0, 0],
		]);
	});

	test.each([
		['average', { end: '' }, 'Missing required parameter end'],
		[
			'length',
			{ timeHistogramConfigBinTimeUnit: 'seconds' },
			'Custom session length bins are not supported by the Amplitude stand-in',
		],
		['peruser', { start: '20240804' }, 'end must not be before start'],
	])('%s with %j: 400', async (metric, params, message) => {
		const res = await sessions(metric, params);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toBe(message);
	});
});
