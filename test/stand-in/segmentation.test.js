'use strict';

const { useServer, getApi } = require('./helpers');
const { analyticsEvents } = require('./analytics-data');

const ctx = useServer();
beforeEach(() => ctx.server.seed(analyticsEvents()));

const THREE_DAYS = { start: '20240801', end: '20240803' };
const segment = (e, params = {}) =>
	getApi(ctx.url, '/api/2/events/segmentation', { e, ...THREE_DAYS, ...params });
const OPEN_APP = { event_type: 'Open App' };
const byCountry = { ...OPEN_APP, group_by: [{ type: 'user', value: 'country' }] };

describe('GET /api/2/events/segmentation', () => {
	test("uniques (the default) per day, in Amplitude's shape", async () => {
		const res = await segment(OPEN_APP);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			data: {
				series: [[2, 1, 1]],
				seriesLabels: [0],
				seriesCollapsed: [[{ setId: '', value: 3 }]],
				xValues: ['2024-08-01', '2024-08-02', '2024-08-03'],
			},
		});
	});

	test.each([
		['totals', OPEN_APP, [3, 1, 1], 5],
		['average', OPEN_APP, [1.5, 1, 1], 1.6667],
		['pct_dau', { event_type: 'Purchase' }, [0, 100, 50], 66.6667],
		[
			'sums',
			{ event_type: 'Purchase', group_by: [{ type: 'event', value: 'amount' }] },
			[0, 20, 5],
			25,
		],
		[
			'value_avg',
			{ event_type: 'Purchase', group_by: [{ type: 'event', value: 'amount' }] },
			[0, 20, 5],
			12.5,
		],
		['totals', { event_type: '_active' }, [3, 2, 2], 7],
		['totals', { event_type: '_all' }, [3, 2, 2], 7],
	])('m=%s of %j', async (m, e, series, total) => {
		const { data } = (await segment(e, { m })).json;
		expect(data.series).toEqual([series]);
		expect(data.seriesCollapsed).toEqual([[{ setId: '', value: total }]]);
	});

	test('formula combines A (e) and B (e2) per period', async () => {
		const res = await segment(
			{ event_type: 'Purchase' },
			{ m: 'formula', e2: { event_type: '_active' }, formula: 'UNIQUES(A) / UNIQUES(B) * 100' },
		);
		expect(res.json.data.series).toEqual([[0, 100, 50]]);
	});

	test('a user group_by splits the series, largest first, with [0, label] labels', async () => {
		const { data } = (await segment(byCountry)).json;
		expect(data.seriesLabels).toEqual([
			[0, 'United States'],
			[0, 'Germany'],
		]);
		expect(data.series).toEqual([
			[1, 1, 1],
			[1, 0, 0],
		]);
		expect(data.seriesCollapsed).toEqual([[{ setId: '', value: 2 }], [{ setId: '', value: 1 }]]);
	});

	test('gp: properties come from user_properties; unset values are "(none)"; limit keeps the top groups', async () => {
		const e = { ...OPEN_APP, group_by: [{ type: 'user', value: 'gp:plan' }] };
		expect((await segment(e)).json.data.seriesLabels).toEqual([
			[0, '(none)'],
			[0, 'pro'],
		]);
		expect((await segment(byCountry, { limit: 1 })).json.data.seriesLabels).toEqual([
			[0, 'United States'],
		]);
	});

	test('filters on user and event properties', async () => {
		const germany = {
			...OPEN_APP,
			filters: [
				{
					subprop_type: 'user',
					subprop_key: 'country',
					subprop_op: 'is',
					subprop_value: ['Germany'],
				},
			],
		};
		expect((await segment(germany, { m: 'totals' })).json.data.series).toEqual([[1, 0, 0]]);
		const push = {
			...OPEN_APP,
			filters: [
				{
					subprop_type: 'event',
					subprop_key: 'source',
					subprop_op: 'is not',
					subprop_value: ['push'],
				},
			],
		};
		expect((await segment(push, { m: 'totals' })).json.data.series).toEqual([[2, 1, 1]]);
	});

	test.each([
		[
			'weekly',
			{ i: 7, start: '20240801', end: '20240810' },
			['2024-07-28', '2024-08-04'],
			[[5, 0]],
		],
		[
			'monthly',
			{ i: 30, start: '20240715', end: '20240815' },
			['2024-07-01', '2024-08-01'],
			[[0, 5]],
		],
	])('%s intervals start on Sunday / the 1st', async (_, params, xValues, series) => {
		const { data } = (await segment(OPEN_APP, { m: 'totals', ...params })).json;
		expect(data.xValues).toEqual(xValues);
		expect(data.series).toEqual(series);
	});

	test('hourly and 5-minute intervals', async () => {
		const hourly = (
			await segment(OPEN_APP, { m: 'totals', i: -3600000, start: '20240801', end: '20240801' })
		).json.data;
		expect(hourly.xValues).toHaveLength(24);
		expect(hourly.xValues[1]).toBe('2024-08-01T01:00:00');
		expect(hourly.series[0].slice(0, 4)).toEqual([0, 1, 1, 1]);
		const fiveMin = (await segment(OPEN_APP, { i: -300000, start: '20240801', end: '20240801' }))
			.json.data;
		expect(fiveMin.xValues).toHaveLength(288);
		expect(fiveMin.xValues[13]).toBe('2024-08-01T01:05:00');
	});

	test.each([
		['no e', { e: undefined }, /Missing required parameter e/],
		['e that is not JSON', { e: '{oops' }, /not valid JSON/],
		['e without event_type', { e: { filters: [] } }, /needs an event_type/],
		['no start', { start: undefined }, /start/],
		['a malformed date', { end: '2024-08-03' }, /Invalid end/],
		['end before start', { start: '20240805' }, /end must not be before start/],
		['an unknown metric', { m: 'median' }, /Invalid m/],
		['histogram', { m: 'histogram' }, /histogram/],
		['an unknown interval', { i: 2 }, /Invalid interval/],
		['hourly over more than 7 days', { i: -3600000, end: '20240809' }, /too long/],
		['limit above 1000', { limit: 1001 }, /Invalid limit/],
		['sums without a property', { m: 'sums' }, /needs a property/],
		['formula without formula', { m: 'formula' }, /needs a formula/],
		['a malformed formula', { m: 'formula', formula: 'UNIQUES(A) +' }, /formula/i],
		[
			'an invalid filter',
			{
				e: {
					event_type: 'x',
					filters: [{ subprop_key: 'a', subprop_op: 'near', subprop_value: [] }],
				},
			},
			/Invalid filter/,
		],
	])("%s -> 400 with Amplitude's error shape", async (_, params, message) => {
		const query = { e: OPEN_APP, ...THREE_DAYS, ...params };
		for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
		const res = await getApi(ctx.url, '/api/2/events/segmentation', query);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			error: { http_code: 400, type: 'invalid', message: expect.stringMatching(message) },
		});
	});
});
