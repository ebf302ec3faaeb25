'use strict';

const {
	API_KEY,
	SECRET_KEY,
	useServer,
	postForm,
	postJson,
	sendEvents,
	event,
} = require('./helpers');

const ctx = useServer();

const identify = (identification, apiKey = API_KEY) =>
	postForm(ctx.url, '/identify', {
		api_key: apiKey,
		identification: JSON.stringify(identification),
	});
const groupIdentify = (identification) =>
	postForm(ctx.url, '/groupidentify', {
		api_key: API_KEY,
		identification: JSON.stringify(identification),
	});

async function profileProps(userId) {
	const res = await fetch(`${ctx.url}/v1/userprofile?user_id=${userId}&get_amp_props=true`, {
		headers: { Authorization: `Api-Key ${SECRET_KEY}` },
	});
	return (await res.json()).userData.amp_props;
}

describe('POST /identify', () => {
	test('accepts one object or an array, answers "success" and records them', async () => {
		expect(
			await identify({ user_id: 'user-alpha', user_properties: { plan: 'pro' } }),
		).toMatchObject({ status: 200, text: 'success' });
		await identify([{ device_id: 'device-one', country: 'Germany' }, { user_id: 'user-beta' }]);
		expect(ctx.server.store.identifies).toEqual([
			expect.objectContaining({
				user_id: 'user-alpha',
				user_properties: { plan: 'pro' },
				amplitude_id: expect.any(Number),
			}),
			expect.objectContaining({ device_id: 'device-one', country: 'Germany' }),
			expect.objectContaining({ user_id: 'user-beta' }),
		]);
	});

	test('applies property operations to the user profile', async () => {
		await identify({
			user_id: 'user-alpha',
			user_properties: {
				$set: { plan: 'pro', tmp: 1 },
				$add: { logins: 2 },
				$append: { tags: 'a' },
			},
		});
		await identify({
			user_id: 'user-alpha',
			user_properties: {
				$setOnce: { plan: 'free', source: 'ads' },
				$add: { logins: 3 },
				$append: { tags: ['b'] },
				$unset: { tmp: '-' },
			},
		});
		expect(await profileProps('user-alpha')).toEqual({
			plan: 'pro',
			source: 'ads',
			logins: 5,
			tags: ['a', 'b'],
		});
	});

	test('$identify events sent through /2/httpapi update properties too', async () => {
		await sendEvents(ctx.url, [
			event({ event_type: '$identify', user_properties: { $set: { plan: 'team' } } }),
		]);
		expect(await profileProps('user-alpha')).toMatchObject({ plan: 'team' });
	});

	test.each([
		['a wrong api_key', () => identify({ user_id: 'user-alpha' }, 'wrong'), 'Invalid API key'],
		[
			'no identification',
			() => postForm(ctx.url, '/identify', { api_key: API_KEY }),
			'missing_event',
		],
		[
			'malformed identification',
			() => postForm(ctx.url, '/identify', { api_key: API_KEY, identification: '{oops' }),
			'missing_event',
		],
		['an empty array', () => identify([]), 'missing_event'],
		[
			'a JSON body',
			() =>
				postJson(ctx.url, '/identify', {
					api_key: API_KEY,
					identification: [{ user_id: 'user-alpha' }],
				}),
			'missing_event',
		],
	])('%s -> 400', async (_, send, message) => {
		const res = await send();
		expect(res.status).toBe(400);
		expect(res.text).toBe(message);
		expect(ctx.server.store.identifies).toHaveLength(0);
	});

	test('needs user_id or device_id, and rejects invalid IDs', async () => {
		expect((await identify({ user_properties: { a: 1 } })).text).toMatch(
			/Missing user_id or device_id.*identification 0/,
		);
		expect((await identify([{ user_id: 'user-alpha' }, { user_id: 'null' }])).text).toMatch(
			/Invalid user_id.*identification 1/,
		);
		expect(ctx.server.store.identifies).toHaveLength(0);
	});

	test('refuses user_properties that mix operations with plain keys', async () => {
		const res = await identify({
			user_id: 'user-alpha',
			user_properties: { $set: { a: 1 }, plan: 'pro' },
		});
		expect(res.status).toBe(400);
		expect(res.text).toMatch(/cannot mix/);
	});
});

describe('POST /groupidentify', () => {
	const group = (extra = {}) => ({
		group_type: 'org id',
		group_value: '12345678',
		group_properties: { $set: { tier: 'gold' } },
		...extra,
	});

	test('records group identifies and applies their properties', async () => {
		expect((await groupIdentify(group())).text).toBe('success');
		await groupIdentify([group({ group_properties: { $add: { seats: 5 } } })]);
		expect(ctx.server.store.groupIdentifies).toHaveLength(2);
		expect([...ctx.server.store.groups.values()]).toEqual([
			{ group_type: 'org id', group_value: '12345678', properties: { tier: 'gold', seats: 5 } },
		]);
	});

	test.each(['group_type', 'group_value', 'group_properties'])(
		'a missing %s -> 400',
		async (field) => {
			const res = await groupIdentify(group({ [field]: undefined }));
			expect(res.status).toBe(400);
			expect(res.text).toContain(`Missing ${field}`);
		},
	);

	test('more than 1024 group identifies -> 413', async () => {
		expect((await groupIdentify(Array.from({ length: 1024 }, () => group()))).status).toBe(200);
		const res = await groupIdentify(Array.from({ length: 1025 }, () => group()));
		expect(res.status).toBe(413);
		expect(res.json).toEqual({ code: 413, error: 'Payload too large' });
	});
});
