'use strict';

const { useServer, getApi, postForm, API_KEY } = require('./helpers');
const { analyticsEvents } = require('./analytics-data');

const ctx = useServer();
beforeEach(() => ctx.server.seed(analyticsEvents()));

const composition = (p, params = {}) =>
	getApi(ctx.url, '/api/2/composition', { start: '20240801', end: '20240803', p, ...params });

describe('GET /api/2/composition', () => {
	test("a custom property (gp:): active users by their current value, in Amplitude's shape", async () => {
		// alice set plan pro on her events, carol free by $identify, bob none.
		const res = await composition('gp:plan');
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			data: { xValues: ['(none)', 'free', 'pro'], series: [[1, 1, 1]], seriesLabels: ['gp:plan'] },
		});
	});

	test('a built-in property, most users first', async () => {
		expect((await composition('country')).json.data).toEqual({
			xValues: ['United States', 'Germany'],
			series: [[2, 1]],
			seriesLabels: ['country'],
		});
	});

	test('only users active in the range; identify updates count', async () => {
		await postForm(ctx.url, '/identify', {
			api_key: API_KEY,
			identification: JSON.stringify({
				user_id: 'user-bob',
				user_properties: { $set: { plan: 'team' } },
			}),
		});
		// On 08-03 only bob (now team) and carol (free) were active.
		expect((await composition('gp:plan', { start: '20240803' })).json.data).toEqual({
			xValues: ['free', 'team'],
			series: [[1, 1]],
			seriesLabels: ['gp:plan'],
		});
		expect((await composition('gp:plan')).json.data.xValues).toEqual(['free', 'pro', 'team']);
	});

	test('list values count the user once per element', async () => {
		await postForm(ctx.url, '/identify', {
			api_key: API_KEY,
			identification: JSON.stringify({
				user_id: 'user-bob',
				user_properties: { tags: ['a', 'b', 'a'] },
			}),
		});
		expect((await composition('gp:tags')).json.data).toEqual({
			xValues: ['(none)', 'a', 'b'],
			series: [[2, 1, 1]],
			seriesLabels: ['gp:tags'],
		});
	});

	test.each([
		['plan', 'Invalid user property plan; custom user properties need the gp: prefix'],
		['', 'Missing required parameter p'],
	])('p=%j: 400', async (p, message) => {
		const res = await composition(p);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: { http_code: 400, type: 'invalid', message } });
	});
});
