'use strict';
// The stand-in's User Privacy API: deletion requests, jobs and their status, removal from a job.

const { useServer, postJson, getApi, basic, event, T0, DAY } = require('./helpers');

const ctx = useServer({ projectId: 4242 });
const AUTH = { headers: { Authorization: basic() } };
const TODAY = '2024-08-01';

beforeEach(() => {
	ctx.server.seed(
		['alice', 'bob', 'carol'].map((name) => event({ user_id: `user-${name}`, time: T0 })),
	);
});

const amplitudeIdOf = (userId) =>
	ctx.server.store.events.find((e) => e.user_id === userId).amplitude_id;
const request = (body) => postJson(ctx.url, '/api/2/deletions/users', body, AUTH);
const later = (ms) => (ctx.clock.now += ms);
const remove = (amplitudeId, day) =>
	fetch(`${ctx.url}/api/2/deletions/users/${amplitudeId}/${day}`, {
		method: 'DELETE',
		...AUTH,
	}).then(async (r) => ({
		status: r.status,
		type: r.headers.get('content-type'),
		json: JSON.parse(await r.text()),
	}));

describe('POST /api/2/deletions/users', () => {
	test('schedules the users into a staging job 12 days ahead; an array of jobs, as text/html', async () => {
		const res = await request({
			user_ids: ['user-alice'],
			amplitude_ids: [amplitudeIdOf('user-bob')],
			include_mapped_user_ids: true,
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
		expect(res.json).toEqual([
			{
				active_scrub_done_date: null,
				amplitude_ids: [
					{
						amplitude_id: amplitudeIdOf('user-bob'),
						requested_on_day: TODAY,
						requester: 'rest',
						user_id: 'user-bob',
					},
					{
						amplitude_id: amplitudeIdOf('user-alice'),
						requested_on_day: TODAY,
						requester: 'rest',
						user_id: 'user-alice',
					},
				],
				app: '4242',
				day: '2024-08-13',
				status: 'staging',
			},
		]);
	});

	test('without include_mapped_user_ids the entries name no user ID; requester is kept', async () => {
		const res = await request({ user_ids: ['user-alice'], requester: 'dpo@example.com' });
		expect(res.json[0].amplitude_ids).toEqual([
			{
				amplitude_id: amplitudeIdOf('user-alice'),
				requested_on_day: TODAY,
				requester: 'dpo@example.com',
			},
		]);
	});

	test('one request per second: a second one within the second gets 429, a later one joins the job', async () => {
		await request({ user_ids: ['user-alice'] });
		later(500);
		const early = await request({ user_ids: ['user-bob'] });
		expect(early.status).toBe(429);
		later(1000);
		const next = await request({ user_ids: ['user-bob'] });
		expect(next.status).toBe(200);
		expect(next.json[0].day).toBe('2024-08-13');
		expect(ctx.server.deletions.jobs.get('2024-08-13').entries).toHaveLength(2);
	});

	test('an unknown user refuses the request (400 naming it) and schedules nobody', async () => {
		const res = await request({ user_ids: ['user-alice', 'ghost'] });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			error: {
				http_code: 400,
				type: 'invalid',
				message: 'Invalid IDs',
				metadata: { invalid_ids: ['ghost'] },
			},
		});
		expect(ctx.server.deletions.jobs.size).toBe(0);
	});

	test('ignore_invalid_id: the known users are scheduled and the unknown listed', async () => {
		const res = await request({
			user_ids: ['user-alice', 'ghost'],
			amplitude_ids: [1],
			ignore_invalid_id: 'True',
		});
		expect(res.status).toBe(200);
		expect(res.json[0].invalid_ids).toEqual([1, 'ghost']);
		expect(res.json[0].amplitude_ids.map((e) => e.amplitude_id)).toEqual([
			amplitudeIdOf('user-alice'),
		]);
	});

	test('no known user at all with ignore_invalid_id: 200 with a plain message', async () => {
		const res = await request({ user_ids: ['ghost'], ignore_invalid_id: true });
		expect([res.status, res.text]).toEqual([200, 'No valid IDs to delete']);
	});

	test.each([
		[{}, 'amplitude_ids or user_ids is required'],
		[{ user_ids: Array.from({ length: 101 }, (_, i) => `u${i}`) }, 'At most 100 IDs per request'],
	])('%j is refused', async (body, message) => {
		const res = await request(body);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toBe(message);
	});

	test('within 3 days of the job day a request starts a new job', async () => {
		await request({ user_ids: ['user-alice'] });
		later(10 * DAY);
		const res = await request({ user_ids: ['user-bob'] });
		expect(res.json[0].day).toBe('2024-08-23');
		expect([...ctx.server.deletions.jobs.keys()]).toEqual(['2024-08-13', '2024-08-23']);
	});
});

describe('GET /api/2/deletions/users', () => {
	test('the jobs whose day is in the range, with their status now', async () => {
		await request({ user_ids: ['user-alice'] });
		const list = (start, end) =>
			getApi(ctx.url, '/api/2/deletions/users', { start_day: start, end_day: end });
		let res = await list('2024-08-01', '2024-09-01');
		expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
		expect(res.json.map((job) => [job.day, job.status])).toEqual([['2024-08-13', 'staging']]);
		expect((await list('2024-08-14', '2024-09-01')).json).toEqual([]);

		later(9 * DAY);
		res = await list('2024-08-01', '2024-09-01');
		expect(res.json[0].status).toBe('submitted');
		later(3 * DAY);
		res = await list('2024-08-01', '2024-09-01');
		expect(res.json[0]).toMatchObject({ status: 'done', active_scrub_done_date: '2024-08-13' });
	});

	test.each([
		[{ start_day: '2024-01-01' }, 'start_day and end_day are required'],
		[{ start_day: '20240101', end_day: '20240201' }, 'start_day and end_day must be YYYY-MM-DD'],
		[{ start_day: '2024-01-01', end_day: '2024-07-02' }, 'The range may be at most 6 months'],
		[{ start_day: '2024-02-01', end_day: '2024-01-01' }, 'start_day must not be after end_day'],
	])('%j is refused', async (query, message) => {
		const res = await getApi(ctx.url, '/api/2/deletions/users', query);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toBe(message);
	});
});

describe('DELETE /api/2/deletions/users/{amplitude_id}/{day}', () => {
	test('takes the user out of a staging job and says what was removed', async () => {
		await request({
			user_ids: ['user-alice', 'user-bob'],
			requester: 'dpo@example.com',
			include_mapped_user_ids: true,
		});
		const alice = amplitudeIdOf('user-alice');
		const res = await remove(alice, '2024-08-13');
		expect(res).toEqual({
			status: 200,
			type: 'text/html; charset=UTF-8',
			json: { amplitude_id: alice, requested_on_day: TODAY, requester: 'dpo@example.com' },
		});
		expect(ctx.server.deletions.jobs.get('2024-08-13').entries.map((e) => e.user_id)).toEqual([
			'user-bob',
		]);
		expect((await remove(alice, '2024-08-13')).status).toBe(404);
	});

	test('a submitted job cannot change; an unknown job is 404', async () => {
		await request({ user_ids: ['user-alice'] });
		expect((await remove(amplitudeIdOf('user-alice'), '2024-09-30')).status).toBe(404);
		later(10 * DAY);
		const res = await remove(amplitudeIdOf('user-alice'), '2024-08-13');
		expect(res.status).toBe(400);
		expect(res.json.error.message).toBe(
			'The job of 2024-08-13 is submitted; only staging jobs can change',
		);
	});
});

test('every path needs Basic auth', async () => {
	const res = await postJson(ctx.url, '/api/2/deletions/users', { user_ids: ['user-alice'] });
	expect(res.status).toBe(401);
	expect((await getApi(ctx.url, '/api/2/deletions/users', {}, basic('x', 'y'))).status).toBe(403);
});
