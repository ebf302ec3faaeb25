'use strict';

const { SECRET_KEY, useServer, getApi } = require('./helpers');
const { analyticsEvents } = require('./analytics-data');

const ctx = useServer({
	cohorts: { 'cohort-buyers': ['user-alice', 'device-bob'], 'cohort-empty': [] },
});
beforeEach(() => ctx.server.seed(analyticsEvents()));

const amplitudeIdOf = (userId) =>
	ctx.server.store.events.find((e) => e.user_id === userId).amplitude_id;

describe('GET /api/2/usersearch', () => {
	test.each([
		['a user ID', () => 'user-bob', 'match_user_or_device_id', ['user-bob']],
		['a device ID', () => 'device-carol', 'match_user_or_device_id', ['user-carol']],
		[
			'an Amplitude ID',
			() => String(amplitudeIdOf('user-alice')),
			'match_amplitude_id',
			['user-alice'],
		],
		[
			'a user ID prefix',
			() => 'user-',
			'match_user_prefix',
			['user-alice', 'user-bob', 'user-carol'],
		],
	])('finds by %s', async (_, value, type, userIds) => {
		const res = await getApi(ctx.url, '/api/2/usersearch', { user: value() });
		expect(res.json.type).toBe(type);
		expect(res.json.matches).toEqual(
			userIds.map((id) => ({ user_id: id, amplitude_id: amplitudeIdOf(id) })),
		);
	});

	test('no match is 200 with type nomatch', async () => {
		const res = await getApi(ctx.url, '/api/2/usersearch', { user: 'nobody@example.com' });
		expect([res.status, res.json]).toEqual([200, { type: 'nomatch', matches: [] }]);
	});

	test('a missing user parameter -> 400', async () => {
		expect((await getApi(ctx.url, '/api/2/usersearch')).status).toBe(400);
	});
});

describe('GET /api/2/useractivity', () => {
	const activity = (params) =>
		getApi(ctx.url, '/api/2/useractivity', { user: amplitudeIdOf('user-alice'), ...params });

	test('userData and events, latest first', async () => {
		const { json } = await activity();
		expect(json.userData).toMatchObject({
			user_id: 'user-alice',
			canonical_amplitude_id: amplitudeIdOf('user-alice'),
			num_events: 4,
			num_sessions: 2,
			first_used: '2024-08-01',
			last_used: '2024-08-02',
			purchases: 1,
			revenue: 20,
			platform: 'iOS',
			country: 'United States',
			device_ids: ['device-alice'],
			properties: { plan: 'pro' },
		});
		expect(json.events.map((e) => e.event_type)).toEqual([
			'Purchase',
			'Open App',
			'Open App',
			'Open App',
		]);
		expect(json.events[0]).toMatchObject({
			event_time: '2024-08-02 02:00:00.000000',
			event_properties: { amount: 20 },
			user_properties: { plan: 'pro' },
			session_id: -1,
			country: 'United States',
			city: null,
			$insert_id: expect.stringMatching(/^seed-/),
			amplitude_id: amplitudeIdOf('user-alice'),
			uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
	});

	test('direction=earliest with offset and limit pages through the events', async () => {
		const page = async (offset) =>
			(await activity({ direction: 'earliest', offset, limit: 3 })).json.events.map(
				(e) => e.event_time,
			);
		expect(await page(0)).toEqual([
			'2024-08-01 01:00:00.000000',
			'2024-08-01 02:00:00.000000',
			'2024-08-02 01:00:00.000000',
		]);
		expect(await page(3)).toEqual(['2024-08-02 02:00:00.000000']);
		expect(await page(4)).toEqual([]);
	});

	test('an unknown Amplitude ID is 200 with empty userData and no events', async () => {
		const res = await getApi(ctx.url, '/api/2/useractivity', { user: '42' });
		expect(res.status).toBe(200);
		expect(res.json.events).toEqual([]);
		expect(res.json.userData).toMatchObject({
			user_id: null,
			canonical_amplitude_id: null,
			num_events: 0,
			device_ids: [],
			properties: {},
		});
	});

	test.each([
		[{ user: 'user-alice' }, /numeric Amplitude ID/],
		[{ limit: 1001 }, /Invalid limit/],
		[{ offset: -1 }, /Invalid offset/],
		[{ direction: 'sideways' }, /Invalid direction/],
	])('%j -> 400', async (params, message) => {
		const res = await activity(params);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(message);
	});
});

describe('GET /v1/userprofile (Authorization: Api-Key <secret>)', () => {
	const profile = (query, authorization = `Api-Key ${SECRET_KEY}`) =>
		fetch(`${ctx.url}/v1/userprofile?${new URLSearchParams(query)}`, {
			headers: authorization ? { Authorization: authorization } : {},
		}).then(async (r) => ({ status: r.status, json: await r.json() }));

	test('the base profile, and amp_props / cohort_ids only when asked', async () => {
		expect(await profile({ user_id: 'user-alice' })).toEqual({
			status: 200,
			json: {
				userData: { recommendations: null, user_id: 'user-alice', device_id: 'device-alice' },
			},
		});
		const full = await profile({
			user_id: 'user-alice',
			get_amp_props: 'true',
			get_cohort_ids: 'true',
			get_computations: 'true',
		});
		expect(full.json.userData).toEqual({
			recommendations: null,
			user_id: 'user-alice',
			device_id: 'device-alice',
			amp_props: { first_used: '2024-08-01', last_used: '2024-08-02', plan: 'pro' },
			cohort_ids: ['cohort-buyers'],
		});
	});

	test('looks users up by device_id; get_computations alone gives an empty amp_props', async () => {
		const res = await profile({
			device_id: 'device-bob',
			get_computations: 'true',
			get_cohort_ids: 'true',
		});
		expect(res.json.userData).toMatchObject({
			user_id: 'user-bob',
			device_id: 'device-bob',
			amp_props: {},
			cohort_ids: ['cohort-buyers'],
		});
	});

	test.each([
		[
			'no Authorization header',
			{ user_id: 'user-alice' },
			null,
			401,
			{ error: 'Missing Api-Key in Authorization header' },
		],
		[
			'Basic instead of Api-Key',
			{ user_id: 'user-alice' },
			`Basic ${SECRET_KEY}`,
			401,
			{ error: 'Missing Api-Key in Authorization header' },
		],
		[
			'a wrong secret key',
			{ user_id: 'user-alice' },
			'Api-Key wrong',
			401,
			{ error: 'Invalid Api-Key' },
		],
		[
			'an unknown user',
			{ user_id: 'user-nobody' },
			undefined,
			400,
			{ error: 'User id and device id not seen before' },
		],
		[
			'neither user_id nor device_id',
			{},
			undefined,
			400,
			{ error: 'Missing user_id or device_id' },
		],
	])('%s -> %i', async (_, query, authorization, status, body) => {
		expect(await profile(query, authorization)).toEqual({ status, json: body });
	});

	test('other /v1 paths answer 404 with an empty body', async () => {
		const res = await fetch(`${ctx.url}/v1/other`);
		expect([res.status, await res.text()]).toEqual([404, '']);
	});
});
