'use strict';
// The stand-in's Experiment evaluation (/v1/vardata) from a small configurable set of flags.

const { useServer } = require('./helpers');

const FLAGS = [
	{ key: 'split', expKey: 'exp-7', variants: [{ value: 'a' }, { value: 'b', payload: { n: 1 } }] },
	{
		key: 'pro-only',
		variants: [{ value: 'on' }],
		targeting: { property: 'plan', values: ['pro'] },
	},
	{ key: 'off', deployed: false, variants: [{ value: 'on' }] },
];
const ctx = useServer({ flags: FLAGS, deploymentKey: 'dk-test' });

async function vardata(
	query,
	headers = { Authorization: 'Api-Key dk-test', 'X-Amp-Exp-Track': 'no-track' },
) {
	const res = await fetch(`${ctx.url}/v1/vardata?${new URLSearchParams(query)}`, { headers });
	return { status: res.status, json: await res.json() };
}

test("v1's answer: keyed by flag, key = the variant's value, payload and expKey when set", async () => {
	const res = await vardata({
		user_id: 'user-1',
		context: JSON.stringify({ user_properties: { plan: 'pro' } }),
	});
	expect(res.status).toBe(200);
	expect(Object.keys(res.json).sort()).toEqual(['pro-only', 'split']);
	expect(res.json['pro-only']).toEqual({ key: 'on' });
	expect(['a', 'b']).toContain(res.json.split.key);
	expect(res.json.split.expKey).toBe('exp-7');
	if (res.json.split.key === 'b') expect(res.json.split.payload).toEqual({ n: 1 });
});

test('the same user always gets the same variant; users are spread over the variants', async () => {
	const variantOf = async (id) =>
		(await vardata({ user_id: id, flag_keys: 'split' })).json.split.key;
	expect(await variantOf('user-1')).toBe(await variantOf('user-1'));
	const seen = new Set();
	for (let i = 0; i < 20; i++) seen.add(await variantOf(`user-${i}`));
	expect([...seen].sort()).toEqual(['a', 'b']);
});

test('targeting, undeployed flags and flag_keys leave flags out', async () => {
	expect((await vardata({ user_id: 'u', flag_keys: 'pro-only' })).json).toEqual({});
	expect((await vardata({ device_id: 'd', flag_keys: 'off,split' })).json).toEqual({
		split: expect.objectContaining({ key: expect.any(String) }),
	});
});

test('tracking: an [Experiment] Assignment event unless X-Amp-Exp-Track: no-track', async () => {
	await vardata({ user_id: 'user-1', flag_keys: 'split' });
	expect(ctx.server.store.events).toEqual([]);
	expect(ctx.server.store.assignments).toEqual([]);
	const res = await vardata(
		{ user_id: 'user-1', flag_keys: 'split' },
		{ Authorization: 'Api-Key dk-test' },
	);
	const variant = res.json.split.key;
	expect(ctx.server.store.assignments).toEqual([
		{ user_id: 'user-1', device_id: null, flag: 'split', variant, time: expect.any(Number) },
	]);
	expect(ctx.server.store.events).toEqual([
		expect.objectContaining({
			event_type: '[Experiment] Assignment',
			user_id: 'user-1',
			event_properties: { 'split.variant': variant },
		}),
	]);
	expect([...ctx.server.store.users.values()][0].properties).toEqual({
		'[Experiment] split': variant,
	});
});

test.each([
	['no key', {}, 401],
	['the wrong key', { Authorization: 'Api-Key nope' }, 401],
	['a Basic header', { Authorization: 'Basic abc' }, 401],
])('%s -> 401', async (_name, headers, status) => {
	expect((await vardata({ user_id: 'u' }, headers)).status).toBe(status);
});

test('400 for invalid context JSON or no user', async () => {
	expect((await vardata({ user_id: 'u', context: '{nope' })).status).toBe(400);
	expect((await vardata({ flag_keys: 'split' })).status).toBe(400);
});
