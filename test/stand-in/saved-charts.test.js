'use strict';

const { useServer, getApi, basic, T0 } = require('./helpers');
const { analyticsEvents } = require('./analytics-data');

const OPEN_APP = {
	title: 'Open App users',
	description: 'Daily uniques',
	event: { event_type: 'Open App' },
	start: '20240801',
	end: '20240803',
};
const ctx = useServer({ charts: { open1234: OPEN_APP } });
beforeEach(() => ctx.server.seed(analyticsEvents()));

const read = (id, auth) => getApi(ctx.url, `/api/3/chart/${id}/csv`, {}, auth);
const admin = (method, path, body, auth = basic()) =>
	fetch(`${ctx.url}/admin/charts${path}`, {
		method,
		headers: { Authorization: auth, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	}).then(async (res) => ({ status: res.status, json: await res.json() }));

describe('GET /api/3/chart/{id}/csv', () => {
	test("a live segmentation chart as CSV inside JSON, in Amplitude's layout", async () => {
		const res = await read('open1234');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.json).toEqual({
			data:
				'"\tOpen App users"\r\n"\tDaily uniques"\r\n\r\n"\tUniques"\r\n"\tOpen App"\r\n\r\n' +
				'"\tSegment","\t2024-08-01","\t2024-08-02","\t2024-08-03"\r\n"\tAll Users","2","1","1"\r\n',
		});
	});

	test('grouped charts have one row per value in the range; the last N days follow the clock', async () => {
		ctx.server.charts.set('bycountry', {
			title: 'By country',
			event: { event_type: 'Open App', group_by: [{ type: 'user', value: 'country' }] },
			metric: 'totals',
			days: 2,
		});
		ctx.clock.now = T0 + 2 * 86_400_000 + 3_600_000; // 2024-08-03 01:00
		const { data } = (await read('bycountry')).json;
		expect(data.split('\r\n').slice(3)).toEqual([
			'"\tEvent Totals"',
			'"\tOpen App"',
			'',
			'"\tSegment","\t2024-08-02","\t2024-08-03"',
			'"\tUnited States","1","1"',
			'',
		]);
	});

	test('a chart given as CSV is answered as it is; quotes in titles are doubled in live charts', async () => {
		ctx.server.charts.set('raw', { csv: '"\tStep","\tUsers"\r\n"\tSign Up","3"\r\n' });
		expect((await read('raw')).json).toEqual({ data: '"\tStep","\tUsers"\r\n"\tSign Up","3"\r\n' });
		ctx.server.charts.set('quoted', { ...OPEN_APP, title: 'The "best" chart' });
		expect((await read('quoted')).json.data).toMatch(/^"\tThe ""best"" chart"\r\n/);
	});

	test('an unknown chart: 404; wrong keys: 403; no auth: 401', async () => {
		const missing = await read('nope');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({
			error: { http_code: 404, type: 'not_found', message: 'Chart not found' },
		});
		expect((await read('open1234', basic('test-api-key', 'wrong'))).status).toBe(403);
		expect((await read('open1234', null)).status).toBe(401);
	});

	test('reset() brings back the charts the server was created with', async () => {
		ctx.server.charts.set('extra', { csv: 'x' });
		ctx.server.charts.delete('open1234');
		ctx.server.reset();
		expect(ctx.server.charts.ids()).toEqual(['open1234']);
	});

	test('a definition that cannot be answered is refused when set', () => {
		expect(() => ctx.server.charts.set('bad', { title: 'No event', days: 7 })).toThrow(
			'chart bad: A chart needs event.event_type',
		);
		expect(() =>
			ctx.server.charts.set('bad', {
				title: 'x',
				event: { event_type: 'a' },
				days: 7,
				metric: 'formula',
			}),
		).toThrow(/metric is one of uniques, totals/);
	});
});

describe('/admin/charts', () => {
	test('PUT stores a chart, GET lists the IDs, DELETE removes it', async () => {
		expect(await admin('PUT', '/weekly', { ...OPEN_APP, interval: 7 })).toEqual({
			status: 200,
			json: { stored: 'weekly' },
		});
		expect(await admin('GET', '')).toEqual({
			status: 200,
			json: { charts: ['open1234', 'weekly'] },
		});
		expect((await read('weekly')).json.data).toContain(
			'"\tSegment","\t2024-07-28"\r\n"\tAll Users","3"',
		);
		expect((await admin('DELETE', '/weekly')).status).toBe(200);
		expect((await read('weekly')).status).toBe(404);
		expect((await admin('DELETE', '/weekly')).status).toBe(404);
	});

	test.each([
		['not JSON', 'PUT', '/x', undefined, 400],
		['a bad definition', 'PUT', '/x', { title: 'x' }, 400],
		['another method', 'POST', '/x', {}, 405],
	])('%s: %s', async (_name, method, path, body, status) => {
		expect((await admin(method, path, body)).status).toBe(status);
	});

	test('needs the project keys', async () => {
		expect((await admin('GET', '', undefined, basic('test-api-key', 'wrong'))).status).toBe(401);
	});
});
