'use strict';
// The stand-in's chart annotations (v3), categories and releases: what is created is read back.

const { useServer, postJson, getApi, basic, T0 } = require('./helpers');

const ctx = useServer({ annotationCategories: ['Releases'], projectId: 829528 });
const auth = { headers: { Authorization: basic() } };
const create = (body) => postJson(ctx.url, '/api/3/annotations', body, auth);

describe('annotations', () => {
	test('created annotations come back from the list, in UTC, with the category as {id, category}', async () => {
		const made = await create({
			label: 'Deploy',
			start: '2026-11-30T10:00:00+01:00',
			category: 'Releases',
			chart_id: 'abc',
			details: 'v2.4',
		});
		expect(made.status).toBe(200);
		expect(made.json).toEqual({
			data: {
				id: 1001,
				start: '2026-11-30T09:00:00+00:00',
				label: 'Deploy',
				details: 'v2.4',
				category: { id: 2, category: 'Releases' },
				end: null,
				chart_id: 'abc',
			},
		});
		await create({ label: 'Campaign', start: '2026-11-01T00:00:00Z', end: '2026-11-07T00:00:00Z' });
		const list = await getApi(ctx.url, '/api/3/annotations');
		expect(list.json.data.map((a) => [a.id, a.label, a.category.category, a.end])).toEqual([
			[1001, 'Deploy', 'Releases', null],
			[1002, 'Campaign', 'Uncategorized', '2026-11-07T00:00:00+00:00'],
		]);
		expect((await getApi(ctx.url, '/api/3/annotations/1002')).json.data.label).toBe('Campaign');
	});

	test('filters: category or chart_id (not both), start, end', async () => {
		await create({ label: 'A', start: '2026-11-01T00:00:00Z', category: 'Releases' });
		await create({ label: 'B', start: '2026-11-10T00:00:00Z', chart_id: 'c1' });
		await create({ label: 'C', start: '2026-11-20T00:00:00Z', end: '2026-11-25T00:00:00Z' });
		const labels = async (query) =>
			(await getApi(ctx.url, '/api/3/annotations', query)).json.data.map((a) => a.label);
		expect(await labels({ category: 'Releases' })).toEqual(['A']);
		expect(await labels({ chart_id: 'c1' })).toEqual(['B']);
		expect(await labels({ start: '2026-11-05T00:00:00+00:00' })).toEqual(['B', 'C']);
		expect(await labels({ end: '2026-11-21T00:00:00+00:00' })).toEqual(['A', 'B']);
		expect(
			(await getApi(ctx.url, '/api/3/annotations', { category: 'Releases', chart_id: 'c1' }))
				.status,
		).toBe(400);
	});

	test.each([
		['no label', { start: '2026-11-01T00:00:00Z' }, 400],
		['a start without an offset', { label: 'x', start: '2026-11-01T00:00:00' }, 400],
		['a date-only start', { label: 'x', start: '2026-11-01' }, 400],
		[
			'an end before the start',
			{ label: 'x', start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z' },
			400,
		],
		['an unknown category', { label: 'x', start: '2026-11-01T00:00:00Z', category: 'Nope' }, 404],
	])('refuses %s', async (_name, body, status) => {
		const res = await create(body);
		expect(res.status).toBe(status);
		expect(res.json.error.http_code).toBe(status);
	});

	test('delete, and 404 for an unknown id', async () => {
		await create({ label: 'x', start: '2026-11-01T00:00:00Z' });
		const gone = await fetch(`${ctx.url}/api/3/annotations/1001`, {
			method: 'DELETE',
			headers: { Authorization: basic() },
		});
		expect(await gone.json()).toEqual({ success: true });
		expect((await getApi(ctx.url, '/api/3/annotations/1001')).status).toBe(404);
	});

	test('categories: listed, created, 409 when they exist; reset keeps only the configured ones', async () => {
		expect(
			(await postJson(ctx.url, '/api/3/annotation-categories', { category: 'Campaigns' }, auth))
				.json,
		).toEqual({
			data: { id: 3, category: 'Campaigns' },
		});
		expect(
			(await postJson(ctx.url, '/api/3/annotation-categories', { category: 'Campaigns' }, auth))
				.status,
		).toBe(409);
		expect(
			(await getApi(ctx.url, '/api/3/annotation-categories')).json.data.map((c) => c.category),
		).toEqual(['Uncategorized', 'Releases', 'Campaigns']);
		ctx.server.reset();
		expect(ctx.server.store.annotationCategories.map((c) => c.category)).toEqual([
			'Uncategorized',
			'Releases',
		]);
	});

	test('Basic auth', async () => {
		const res = await postJson(
			ctx.url,
			'/api/3/annotations',
			{ label: 'x', start: '2026-11-01T00:00:00Z' },
			{ headers: { Authorization: basic('test-api-key', 'bad') } },
		);
		expect(res.status).toBe(403);
	});
});

describe('releases', () => {
	const release = { version: '2.0.0', title: 'Checkout', release_start: '2026-06-16 00:00:00' };

	test("Amplitude's answer shape; kept in store.releases", async () => {
		const res = await postJson(
			ctx.url,
			'/api/2/release',
			{ ...release, platforms: ['iOS'], created_by: 'bot' },
			auth,
		);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			success: true,
			release: {
				id: expect.stringMatching(/^[0-9a-f]{8}$/),
				app_id: 829528,
				org_id: 1,
				version: '2.0.0',
				release_start: '2026-06-16 00:00:00',
				release_end: null,
				type: 'integration',
				title: 'Checkout',
				description: '',
				platforms: ['iOS'],
				chart_visibility: true,
				params: {
					created: T0 + 12 * 3_600_000,
					created_by: 'bot',
					last_modified: T0 + 12 * 3_600_000,
					last_modified_by: '',
				},
			},
		});
		expect(ctx.server.store.releases).toEqual([res.json.release]);
	});

	test('as query parameters too, platforms comma-separated, chart_visibility as text', async () => {
		const query = new URLSearchParams({
			...release,
			platforms: 'iOS,Android',
			chart_visibility: 'false',
		});
		const res = await fetch(`${ctx.url}/api/2/release?${query}`, {
			method: 'POST',
			headers: { Authorization: basic() },
		});
		const body = await res.json();
		expect(body.release).toMatchObject({ platforms: ['iOS', 'Android'], chart_visibility: false });
	});

	test.each([
		['no version', { ...release, version: undefined }],
		['no title', { ...release, title: '' }],
		['an ISO start', { ...release, release_start: '2026-06-16T00:00:00Z' }],
		['an end before the start', { ...release, release_end: '2026-06-15 00:00:00' }],
		['platforms that are not names', { ...release, platforms: [1, 2] }],
	])('400 for %s', async (_name, body) => {
		const res = await postJson(ctx.url, '/api/2/release', body, auth);
		expect(res.status).toBe(400);
		expect(ctx.server.store.releases).toEqual([]);
	});
});
