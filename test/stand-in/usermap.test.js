'use strict';
// The stand-in's user mapping (POST /usermap) and how user search and activity follow it.

const { API_KEY, useServer, postForm, getApi, event, T0 } = require('./helpers');

const ctx = useServer();

beforeEach(() => {
	ctx.server.seed([
		event({ user_id: 'app-alice', event_type: 'Open App', time: T0 }),
		event({ user_id: 'app-alice', event_type: 'Purchase', time: T0 + 1000 }),
		event({ user_id: 'crm-alice', event_type: 'Email Opened', time: T0 + 2000 }),
		event({ user_id: 'app-bob', event_type: 'Open App', time: T0 + 3000 }),
	]);
});

const amplitudeIdOf = (userId) =>
	ctx.server.store.events.find((e) => e.user_id === userId).amplitude_id;
const mapUsers = (mapping, fields = {}) =>
	postForm(ctx.url, '/usermap', { api_key: API_KEY, mapping: JSON.stringify(mapping), ...fields });
const search = (user) => getApi(ctx.url, '/api/2/usersearch', { user }).then((r) => r.json);
const activity = (user) => getApi(ctx.url, '/api/2/useractivity', { user }).then((r) => r.json);

test('a mapping is kept; search and activity follow it; unmap undoes it', async () => {
	const res = await mapUsers([{ user_id: 'app-alice', global_user_id: 'crm-alice' }]);
	expect([res.status, res.json]).toEqual([200, { code: 200, success: true }]);
	expect(ctx.server.store.aliases).toEqual(new Map([['app-alice', 'crm-alice']]));

	// The mapped user ID finds the global user.
	expect(await search('app-alice')).toEqual({
		matches: [{ user_id: 'crm-alice', amplitude_id: amplitudeIdOf('crm-alice') }],
		type: 'match_user_or_device_id',
	});
	// The global user's activity holds the mapped user's events.
	const merged = await activity(amplitudeIdOf('crm-alice'));
	expect(merged.events.map((e) => e.event_type)).toEqual(['Email Opened', 'Purchase', 'Open App']);
	expect(merged.userData.merged_amplitude_ids).toEqual([amplitudeIdOf('app-alice')]);
	expect(merged.userData.num_events).toBe(3);

	await mapUsers({ user_id: 'app-alice', unmap: true });
	expect(await search('app-alice')).toEqual({
		matches: [{ user_id: 'app-alice', amplitude_id: amplitudeIdOf('app-alice') }],
		type: 'match_user_or_device_id',
	});
	expect((await activity(amplitudeIdOf('crm-alice'))).events).toHaveLength(1);
});

test('a global user ID the stand-in has no user for finds the users mapped to it', async () => {
	await mapUsers([
		{ user_id: 'app-alice', global_user_id: 'global-7' },
		{ user_id: 'app-bob', global_user_id: 'global-7' },
	]);
	expect(await search('global-7')).toEqual({
		matches: [
			{ user_id: 'app-alice', amplitude_id: amplitudeIdOf('app-alice') },
			{ user_id: 'app-bob', amplitude_id: amplitudeIdOf('app-bob') },
		],
		type: 'match_user_or_device_id',
	});
});

test('the fields may come in the query string too', async () => {
	const query = new URLSearchParams({
		api_key: API_KEY,
		mapping: JSON.stringify([{ user_id: 'app-bob', global_user_id: 'crm-bob' }]),
	});
	const res = await fetch(`${ctx.url}/usermap?${query}`, { method: 'POST' });
	expect(res.status).toBe(200);
	expect(ctx.server.store.aliases.get('app-bob')).toBe('crm-bob');
});

test.each([
	[
		'a wrong API key',
		[{ user_id: 'a', global_user_id: 'b' }],
		{ api_key: 'nope' },
		400,
		'Invalid API key',
	],
	['no user_id', [{ global_user_id: 'b' }], {}, 400, 'user_id is required'],
	[
		'no global_user_id',
		[{ user_id: 'a' }],
		{},
		400,
		'global_user_id is required unless unmap is true',
	],
	[
		'global_user_id with unmap',
		[{ user_id: 'a', global_user_id: 'b', unmap: true }],
		{},
		400,
		'global_user_id must be absent when unmap is true',
	],
	[
		'2001 mappings',
		Array.from({ length: 2001 }, (_, i) => ({ user_id: `u${i}`, global_user_id: 'g' })),
		{},
		400,
		'At most 2000 mappings per request',
	],
])('%s is refused', async (_label, mapping, fields, status, error) => {
	const res = await mapUsers(mapping, fields);
	expect([res.status, res.json.error]).toEqual([status, error]);
	expect(ctx.server.store.aliases.size).toBe(0);
});

test('more than 1500 requests in 30 seconds are throttled', async () => {
	const mapping = [{ user_id: 'app-bob', global_user_id: 'crm-bob' }];
	for (let i = 0; i < 1500; i++) expect((await mapUsers(mapping)).status).toBe(200);
	expect((await mapUsers(mapping)).status).toBe(429);
	ctx.clock.now += 30_000;
	expect((await mapUsers(mapping)).status).toBe(200);
});
