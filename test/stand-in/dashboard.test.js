'use strict';

const { API_KEY, SECRET_KEY, T0, DAY, useServer, getApi, basic, event } = require('./helpers');
const { analyticsEvents, HOUR } = require('./analytics-data');

const ctx = useServer();
beforeEach(() => ctx.server.seed(analyticsEvents()));

const THREE_DAYS = { start: '20240801', end: '20240803' };

describe('Dashboard auth (Basic api_key:secret_key)', () => {
	test.each([
		['no Authorization header', null, 401],
		['a malformed Basic header', 'Basic !!!', 401],
		['the profile scheme', `Api-Key ${SECRET_KEY}`, 401],
		['a wrong secret key', basic(API_KEY, 'wrong'), 403],
		['a wrong API key', basic('wrong', SECRET_KEY), 403],
	])('%s -> %i', async (_, authorization, status) => {
		const res = await getApi(ctx.url, '/api/2/events/list', {}, authorization);
		expect(res.status).toBe(status);
		expect(res.json.error).toMatchObject({ http_code: status, message: expect.any(String) });
	});

	test('unknown paths answer 404', async () => {
		expect((await getApi(ctx.url, '/api/2/nothing-here')).status).toBe(404);
		expect((await getApi(ctx.url, '/nothing/here')).status).toBe(404);
	});
});

describe('GET /api/2/events/list', () => {
	test('lists every event type with its count; $identify is not an event', async () => {
		const flags = { hidden: false, deleted: false, non_active: false, flow_hidden: false };
		expect((await getApi(ctx.url, '/api/2/events/list')).json).toEqual({
			data: [
				{ value: 'Open App', display: 'Open App', totals: 5, ...flags },
				{ value: 'Purchase', display: 'Purchase', totals: 2, ...flags },
			],
		});
	});
});

describe('GET /api/2/users', () => {
	test.each([
		['active', {}, [2, 1, 2]],
		['new', { m: 'new' }, [2, 0, 1]],
	])('m=%s per day', async (_, params, series) => {
		const res = await getApi(ctx.url, '/api/2/users', { ...THREE_DAYS, ...params });
		expect(res.json).toEqual({
			data: {
				series: [series],
				seriesMeta: ['All Users'],
				xValues: ['2024-08-01', '2024-08-02', '2024-08-03'],
			},
		});
	});

	test('weekly buckets', async () => {
		const res = await getApi(ctx.url, '/api/2/users', { start: '20240801', end: '20240810', i: 7 });
		expect(res.json.data).toMatchObject({
			series: [[3, 0]],
			xValues: ['2024-07-28', '2024-08-04'],
		});
	});

	test.each([
		[{ ...THREE_DAYS, m: 'returning' }, /Invalid m/],
		[{ ...THREE_DAYS, i: -300000 }, /Invalid interval/],
		[{ start: '20240801' }, /end/],
	])('%j -> 400', async (params, message) => {
		const res = await getApi(ctx.url, '/api/2/users', params);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(message);
	});
});

describe('GET /api/2/realtime', () => {
	test('288 five-minute buckets up to now(), today and the same time yesterday', async () => {
		ctx.clock.now = T0 + 5 * DAY + 12 * HOUR + 2 * 60_000; // 12:02
		ctx.server.seed([
			event({ user_id: 'user-now-1', time: ctx.clock.now - 60_000 }),
			event({ user_id: 'user-now-2', time: ctx.clock.now - 90_000 }),
			event({ user_id: 'user-earlier', time: ctx.clock.now - 5 * 60_000 }),
			event({ user_id: 'user-yesterday', time: ctx.clock.now - DAY - 60_000 }),
		]);
		const res = await getApi(ctx.url, '/api/2/realtime', { i: 5 });
		const { data } = res.json;
		expect(data.seriesLabels).toEqual(['Today', 'Yesterday']);
		expect(data.xValues).toHaveLength(288);
		expect([data.xValues[0], data.xValues[286], data.xValues[287]]).toEqual([
			'12:05',
			'11:55',
			'12:00',
		]);
		expect(data.series[0].slice(-2)).toEqual([1, 2]);
		expect(data.series[1].slice(-2)).toEqual([0, 1]);
		expect(data.series[0].reduce((a, b) => a + b)).toBe(3);
	});

	test('i other than 5 -> 400', async () => {
		expect((await getApi(ctx.url, '/api/2/realtime', { i: 1 })).status).toBe(400);
	});
});

describe('GET /api/2/revenue/ltv', () => {
	const ltv = async (m) =>
		(await getApi(ctx.url, '/api/2/revenue/ltv', { ...THREE_DAYS, m })).json.data;

	test('cohorts by first day; dates descend; count, paid and total_amount', async () => {
		const data = await ltv(0);
		expect(data.seriesLabels).toEqual(['']);
		expect(data.series[0].dates).toEqual(['2024-08-03', '2024-08-02', '2024-08-01']);
		expect(data.series[0].values['2024-08-01']).toMatchObject({
			count: 2,
			paid: 2,
			total_amount: 25,
		});
		expect(data.series[0].values['2024-08-02']).toMatchObject({
			count: 0,
			paid: 0,
			total_amount: 0,
			r1d: 0,
		});
		expect(data.series[0].values['2024-08-03']).toMatchObject({
			count: 1,
			paid: 0,
			total_amount: 0,
		});
		expect(Object.keys(data.series[0].values['2024-08-01'])).toEqual([
			'r1d',
			'r2d',
			'r3d',
			'r4d',
			'r5d',
			'r6d',
			'r7d',
			'r14d',
			'r30d',
			'r60d',
			'r90d',
			'count',
			'paid',
			'total_amount',
		]);
	});

	test.each([
		[0, 'ARPU', { r1d: 0, r2d: 10, r3d: 12.5, r90d: 12.5 }],
		[1, 'ARPPU', { r1d: 0, r2d: 20, r3d: 12.5 }],
		[2, 'total revenue', { r1d: 0, r2d: 20, r3d: 25 }],
		[3, 'paying users', { r1d: 0, r2d: 1, r3d: 2 }],
	])('m=%i (%s) for the first cohort', async (m, _, expected) => {
		expect((await ltv(m)).series[0].values['2024-08-01']).toMatchObject(expected);
	});

	test('bad m -> 400', async () => {
		expect((await getApi(ctx.url, '/api/2/revenue/ltv', { ...THREE_DAYS, m: 4 })).status).toBe(400);
	});
});
