'use strict';
// The stand-in's cohorts: list, upload, membership, and member downloads (request, poll, file,
// storage redirect, gzip).

const zlib = require('node:zlib');
const { useServer, postJson, getApi, basic, event, T0 } = require('./helpers');

const ctx = useServer({ projectId: 4242, cohortRedirectAbove: 3, cohortWriteMs: 40 });
const AUTH = { headers: { Authorization: basic() } };

beforeEach(() => {
	ctx.server.seed(
		['alice', 'bob', 'carol', 'dave', 'erin'].map((name, i) =>
			event({
				user_id: `user-${name}`,
				time: T0 + i,
				user_properties: {
					$set: { plan: i % 2 ? 'pro' : 'free', address: `${i} Main St,\n"Springfield"` },
				},
			}),
		),
	);
});

const amplitudeIdOf = (userId) =>
	ctx.server.store.events.find((e) => e.user_id === userId).amplitude_id;
const upload = (body, headers = AUTH.headers) =>
	postJson(
		ctx.url,
		'/api/3/cohorts/upload',
		{
			name: 'Trials',
			app_id: 4242,
			id_type: 'BY_USER_ID',
			owner: 'o@example.com',
			published: true,
			...body,
		},
		{ headers },
	);
const membership = (body) => postJson(ctx.url, '/api/3/cohorts/membership', body, AUTH);

/** Runs the three download steps and returns the CSV text (following a redirect without auth). */
async function download(cohortId, query = '') {
	const requested = await fetch(`${ctx.url}/api/5/cohorts/request/${cohortId}${query}`, AUTH);
	expect(requested.status).toBe(202);
	const { request_id } = await requested.json();
	let status;
	do status = await getApi(ctx.url, `/api/5/cohorts/request-status/${request_id}`);
	while (status.status === 202);
	expect(status.json).toEqual({ request_id, cohort_id: cohortId, async_status: 'JOB COMPLETED' });
	let file = await fetch(`${ctx.url}/api/5/cohorts/request/${request_id}/file`, {
		...AUTH,
		redirect: 'manual',
	});
	let redirected = false;
	if (file.status === 302) {
		redirected = true;
		file = await fetch(file.headers.get('location'));
		expect(file.headers.get('content-encoding')).toBeNull();
		const bytes = Buffer.from(await file.arrayBuffer());
		expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
		return { redirected, text: zlib.gunzipSync(bytes).toString('utf8') };
	}
	expect(file.headers.get('content-encoding')).toBe('gzip');
	return { redirected, text: await file.text() };
}

describe('POST /api/3/cohorts/upload', () => {
	test('makes a static cohort of the known users; unknown IDs are the invalid sample', async () => {
		const res = await upload({ ids: ['user-alice', 'user-bob', 'nobody'] });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			cohortId: 'c0000001',
			metadata: { matched: 2, totals: 3, invalid_ids_sample: ['nobody'] },
		});
		const list = await getApi(ctx.url, '/api/3/cohorts');
		expect(list.json.cohorts).toEqual([
			expect.objectContaining({
				id: 'c0000001',
				name: 'Trials',
				appId: 4242,
				size: 2,
				owners: ['o@example.com'],
				published: true,
			}),
		]);
	});

	test('BY_AMP_ID takes Amplitude IDs as strings', async () => {
		const res = await upload({
			id_type: 'BY_AMP_ID',
			ids: [String(amplitudeIdOf('user-carol')), '1'],
		});
		expect(res.json.metadata).toEqual({ matched: 1, totals: 2, invalid_ids_sample: ['1'] });
	});

	test('existing_cohort_id replaces the members', async () => {
		await upload({ ids: ['user-alice', 'user-bob'] });
		const res = await upload({ ids: ['user-carol'], existing_cohort_id: 'c0000001' });
		expect(res.json.cohortId).toBe('c0000001');
		expect((await download('c0000001')).text).toBe(
			`"amplitude_id","user_id"\n"${amplitudeIdOf('user-carol')}","user-carol"\n`,
		);
	});

	test.each([
		['a foreign app_id', { app_id: 1 }, 400, 'Invalid app_id 1 for this API key'],
		['app_id as text', { app_id: '4242' }, 400, 'app_id must be an integer'],
		['numeric ids', { ids: [1, 2] }, 400, 'ids must be strings'],
		[
			'100,001 ids',
			{ ids: Array.from({ length: 100_001 }, (_, i) => `u${i}`) },
			400,
			'Amplitude limits single requests to 100000 identifiers',
		],
		[
			'unknown ids without skip_invalid_ids',
			{ ids: ['nobody'], skip_invalid_ids: false },
			400,
			'Invalid IDs: nobody',
		],
		[
			'an unknown existing_cohort_id',
			{ ids: ['user-alice'], existing_cohort_id: 'nope' },
			404,
			'No cohort nope',
		],
		[
			'another id_type',
			{ id_type: 'BY_EMAIL', ids: [] },
			400,
			'id_type must be BY_AMP_ID or BY_USER_ID',
		],
	])('%s is refused', async (_label, body, status, message) => {
		const res = await upload(body);
		expect(res.status).toBe(status);
		expect(res.json.error).toMatchObject({ http_code: status, message });
	});

	test('wrong or missing Basic auth', async () => {
		expect((await upload({ ids: [] }, { Authorization: basic('x', 'y') })).status).toBe(403);
		expect((await upload({ ids: [] }, {})).status).toBe(401);
	});
});

describe('POST /api/3/cohorts/membership', () => {
	test('adds and removes in order; unknown IDs are skipped; downloads reflect it', async () => {
		await upload({ ids: ['user-alice', 'user-bob'] });
		const res = await membership({
			cohort_id: 'c0000001',
			memberships: [
				{ ids: ['user-carol', 'ghost'], id_type: 'BY_NAME', operation: 'ADD' },
				{ ids: [String(amplitudeIdOf('user-alice'))], id_type: 'BY_ID', operation: 'REMOVE' },
			],
			skip_invalid_ids: true,
		});
		expect(res.json).toEqual({
			cohort_id: 'c0000001',
			memberships_result: [
				{ skipped_ids: ['ghost'], id_type: 'BY_NAME', operation: 'ADD' },
				{ skipped_ids: [], id_type: 'BY_ID', operation: 'REMOVE' },
			],
		});
		const { text } = await download('c0000001');
		expect(
			text
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split(',')[1]),
		).toEqual(['"user_id"', '"user-bob"', '"user-carol"']);
	});

	test('a second write to the same cohort while one is in progress gets 429', async () => {
		await upload({ ids: ['user-alice'] });
		const body = {
			cohort_id: 'c0000001',
			memberships: [{ ids: ['user-bob'], id_type: 'BY_NAME', operation: 'ADD' }],
		};
		const [first, second] = await Promise.all([membership(body), membership(body)]);
		expect([first.status, second.status].sort()).toEqual([200, 429]);
	});

	test.each([
		[{ cohort_id: 'nope', memberships: [{ ids: [], id_type: 'BY_NAME', operation: 'ADD' }] }, 404],
		[{ cohort_id: 'c0000001', memberships: [] }, 400],
		[
			{
				cohort_id: 'c0000001',
				memberships: [{ ids: ['x'], id_type: 'BY_NAME', operation: 'SET' }],
			},
			400,
		],
		[
			{
				cohort_id: 'c0000001',
				memberships: [{ ids: ['ghost'], id_type: 'BY_NAME', operation: 'ADD' }],
				skip_invalid_ids: false,
			},
			400,
		],
	])('%j is refused with %i', async (body, status) => {
		await upload({ ids: ['user-alice'] });
		expect((await membership(body)).status).toBe(status);
	});
});

describe('member downloads', () => {
	test('the job answers in progress for two polls, then completed; a small file comes gzip-encoded', async () => {
		await upload({ ids: ['user-alice', 'user-bob'] });
		const requested = await getApi(ctx.url, '/api/5/cohorts/request/c0000001');
		const statuses = [];
		for (let i = 0; i < 3; i++) {
			statuses.push(
				(await getApi(ctx.url, `/api/5/cohorts/request-status/${requested.json.request_id}`)).json
					.async_status,
			);
		}
		expect(statuses).toEqual(['JOB INPROGRESS', 'JOB INPROGRESS', 'JOB COMPLETED']);
		const file = await fetch(
			`${ctx.url}/api/5/cohorts/request/${requested.json.request_id}/file`,
			AUTH,
		);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(await file.text()).toBe(
			`"amplitude_id","user_id"\n"${amplitudeIdOf('user-alice')}","user-alice"\n"${amplitudeIdOf('user-bob')}","user-bob"\n`,
		);
	});

	test('the file is not there before the job completes', async () => {
		await upload({ ids: ['user-alice'] });
		const { json } = await getApi(ctx.url, '/api/5/cohorts/request/c0000001');
		const file = await getApi(ctx.url, `/api/5/cohorts/request/${json.request_id}/file`);
		expect(file.status).toBe(400);
	});

	test('props=1: amplitude_id again, then the properties; quoted commas, quotes and line breaks', async () => {
		await upload({ ids: ['user-alice'] });
		const alice = amplitudeIdOf('user-alice');
		expect((await download('c0000001', '?props=1')).text).toBe(
			`"amplitude_id","user_id","amplitude_id","address","plan"\n"${alice}","user-alice","${alice}","0 Main St,\n""Springfield""","free"\n`,
		);
		expect((await download('c0000001', '?props=1&propKeys=plan')).text).toBe(
			`"amplitude_id","user_id","amplitude_id","plan"\n"${alice}","user-alice","${alice}","free"\n`,
		);
	});

	test('a large cohort redirects to the storage path, which refuses an Authorization header', async () => {
		await upload({ ids: ['user-alice', 'user-bob', 'user-carol', 'user-dave'] });
		const { json } = await getApi(ctx.url, '/api/5/cohorts/request/c0000001');
		for (let i = 0; i < 3; i++)
			await getApi(ctx.url, `/api/5/cohorts/request-status/${json.request_id}`);
		const file = await fetch(`${ctx.url}/api/5/cohorts/request/${json.request_id}/file`, {
			...AUTH,
			redirect: 'manual',
		});
		expect(file.status).toBe(302);
		const location = file.headers.get('location');
		expect(location).toMatch(
			new RegExp(
				`^${ctx.url}/cohort-files/${json.request_id}\\.csv\\.gz\\?X-Amz-Date=\\d+&X-Amz-Expires=60&X-Amz-Signature=[0-9a-f]{64}$`,
			),
		);

		const withAuth = await fetch(location, AUTH);
		expect(withAuth.status).toBe(400);
		expect(await withAuth.text()).toContain(
			'<Code>InvalidArgument</Code><Message>Only one auth mechanism allowed',
		);

		const tampered = await fetch(location.replace(/Signature=\w/, 'Signature=0'));
		expect(tampered.status).toBe(403);

		ctx.clock.now += 61_000;
		const expired = await fetch(location);
		expect(expired.status).toBe(403);
		expect(await expired.text()).toContain('Request has expired');
	});

	test('the full download of a large cohort: redirect, then gzip without Content-Encoding', async () => {
		await upload({ ids: ['user-alice', 'user-bob', 'user-carol', 'user-dave'] });
		const { redirected, text } = await download('c0000001');
		expect(redirected).toBe(true);
		expect(text.trim().split('\n')).toHaveLength(5);
	});

	test('members are those of the time of the request; a later download sees later changes', async () => {
		await upload({ ids: ['user-alice'] });
		const before = await getApi(ctx.url, '/api/5/cohorts/request/c0000001');
		await membership({
			cohort_id: 'c0000001',
			memberships: [{ ids: ['user-bob'], id_type: 'BY_NAME', operation: 'ADD' }],
		});
		for (let i = 0; i < 3; i++)
			await getApi(ctx.url, `/api/5/cohorts/request-status/${before.json.request_id}`);
		const old = await fetch(
			`${ctx.url}/api/5/cohorts/request/${before.json.request_id}/file`,
			AUTH,
		);
		expect((await old.text()).trim().split('\n')).toHaveLength(2);
		expect((await download('c0000001')).text.trim().split('\n')).toHaveLength(3);
	});

	test('a synthetic cohort streams its generated members', async () => {
		ctx.server.cohorts.addSynthetic({ id: 'big', size: 50_000 });
		const { redirected, text } = await download('big');
		expect(redirected).toBe(true);
		const lines = text.trim().split('\n');
		expect(lines).toHaveLength(50_001);
		expect(lines[1]).toBe('"900000000001","synthetic-1"');
		expect(lines[50_000]).toBe('"900000050000","synthetic-50000"');
	});

	test('unknown cohorts and requests are 404; every step needs Basic auth', async () => {
		expect((await getApi(ctx.url, '/api/5/cohorts/request/nope')).status).toBe(404);
		expect((await getApi(ctx.url, '/api/5/cohorts/request-status/r9')).status).toBe(404);
		expect((await getApi(ctx.url, '/api/5/cohorts/request/r9/file')).status).toBe(404);
		expect((await getApi(ctx.url, '/api/3/cohorts', {}, null)).status).toBe(401);
		expect((await getApi(ctx.url, '/api/5/cohorts/request/c1', {}, null)).status).toBe(401);
	});
});

test('GET /api/3/cohorts: includeSyncInfo adds syncMetadata', async () => {
	await upload({ ids: ['user-alice'] });
	const plain = await getApi(ctx.url, '/api/3/cohorts');
	expect(plain.json.cohorts[0].syncMetadata).toBeUndefined();
	const sync = await getApi(ctx.url, '/api/3/cohorts', { includeSyncInfo: true });
	expect(sync.json.cohorts[0].syncMetadata).toEqual([]);
});
