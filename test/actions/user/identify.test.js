const { runAmplitude, jsonOf, US, EU } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');

setupNock();

const identify = (extra = {}) => ({
	resource: 'user',
	operation: 'identify',
	userId: 'user-42',
	userProperties: '{"$set": {"plan": "pro"}, "$add": {"logins": 1}}',
	...extra,
});

function form(body) {
	return Object.fromEntries(new URLSearchParams(body));
}

describe.each([
	['us', US],
	['eu', EU],
])('Identify User on the %s region', (region, credentials) => {
	test('POSTs a form with api_key and identification as a JSON string', async () => {
		const seen = expectRequest(HOSTS[region].ingestion, 'POST', '/identify', [200, 'success']);
		const result = await runAmplitude({
			credentials,
			parameters: identify({
				additionalFields: { platform: 'Web', paying: true, country: 'Germany' },
			}),
		});

		expect(result.status).toBe('success');
		const [call] = seen.calls;
		expect(call.url).toBe(`${HOSTS[region].ingestion}/identify`);
		expect(call.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(call.headers.authorization).toBeUndefined();
		expect(typeof call.body).toBe('string');
		const fields = form(call.body);
		expect(Object.keys(fields).sort()).toEqual(['api_key', 'identification']);
		expect(fields.api_key).toBe(credentials.apiKey);
		expect(JSON.parse(fields.identification)).toEqual([
			{
				user_id: 'user-42',
				user_properties: { $set: { plan: 'pro' }, $add: { logins: 1 } },
				platform: 'Web',
				paying: true,
				country: 'Germany',
			},
		]);
		expect(call.body).not.toContain(encodeURIComponent(credentials.secretKey));
		expect(result.output).toEqual([
			{ json: { success: true, code: 200, message: 'success' }, pairedItem: { item: 0 } },
		]);
	});
});

test('many items travel as one identification array, each output paired to its item', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/identify', [200, 'success']);
	const items = [
		{ id: 'user-0001', plan: 'free' },
		{ id: 'user-0002', plan: 'pro' },
	];
	const result = await runAmplitude({
		items,
		parameters: identify({
			userId: '={{ $json.id }}',
			userProperties: '={{ { $set: { plan: $json.plan } } }}',
		}),
	});

	expect(seen.calls).toHaveLength(1);
	expect(JSON.parse(form(seen.calls[0].body).identification)).toEqual([
		{ user_id: 'user-0001', user_properties: { $set: { plan: 'free' } } },
		{ user_id: 'user-0002', user_properties: { $set: { plan: 'pro' } } },
	]);
	expect(result.output.map((item) => item.pairedItem.item)).toEqual([0, 1]);
});

test('auto-mapped identifications are sent as given', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/identify', [200, 'success']);
	const identification = {
		device_id: 'device-0001',
		user_properties: { $setOnce: { source: 'ads' } },
		app_version: '2.1',
	};
	await runAmplitude({
		items: [identification],
		parameters: { resource: 'user', operation: 'identify', mappingMode: 'autoMapInputData' },
	});
	expect(JSON.parse(form(seen.calls[0].body).identification)).toEqual([identification]);
});

test('auto-mapped identifications are left as they were when the node sends a normalized copy', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/identify', [200, 'success']);
	// The harness hands the node these very objects, as n8n hands a node the previous node's output.
	const items = [{ user_id: 12345, device_id: '', user_properties: { $set: { plan: 'pro' } } }];
	const before = structuredClone(items);
	await runAmplitude({
		items,
		parameters: { resource: 'user', operation: 'identify', mappingMode: 'autoMapInputData' },
	});
	expect(JSON.parse(form(seen.calls[0].body).identification)).toEqual([
		{ user_id: '12345', user_properties: { $set: { plan: 'pro' } } },
	]);
	expect(items).toEqual(before);
});

test.each([
	['no user or device', identify({ userId: '' }), /Neither 'User ID' nor 'Device ID'/],
	[
		'user properties that are not an object',
		identify({ userProperties: '"pro"' }),
		/'User Properties' must be a JSON object, but it is a string/,
	],
	[
		'mixed operations and plain keys',
		identify({ userProperties: '{"$set": {"a": 1}, "plan": "pro"}' }),
		/mixes operations/,
	],
	[
		'an unknown operation',
		identify({ userProperties: '{"$increment": {"a": 1}}' }),
		/unknown operation "\$increment"/,
	],
	[
		'empty user properties',
		identify({ userProperties: '={{ "" }}' }),
		/'User Properties' is empty/,
	],
])('refuses %s before any request', async (_name, parameters, message) => {
	const result = await runAmplitude({ parameters });
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeOperationError');
	expect(result.error.message).toMatch(message);
	expect(result.error.message).toMatch(/\[item 0\]$/);
});

test('a 400 for a batch with no per-item detail is narrowed down to the bad item by halving', async () => {
	const { nock } = require('../../support/http');
	const sent = [];
	nock(HOSTS.us.ingestion)
		.post('/identify')
		.times(10)
		.reply((_uri, body) => {
			const identifications = JSON.parse(form(body).identification);
			sent.push(identifications.map((entry) => entry.user_id));
			return identifications.some((entry) => entry.user_id === 'user-0003')
				? [400, 'missing_event']
				: [200, 'success'];
		});
	const items = ['user-0001', 'user-0002', 'user-0003', 'user-0004'].map((id) => ({ id }));
	const result = await runAmplitude({
		items,
		continueOnFail: true,
		parameters: identify({ userId: '={{ $json.id }}' }),
	});

	expect(sent).toEqual([
		['user-0001', 'user-0002', 'user-0003', 'user-0004'],
		['user-0001', 'user-0002'],
		['user-0003', 'user-0004'],
		['user-0003'],
		['user-0004'],
	]);
	expect(jsonOf(result).map((json) => json.success)).toEqual([true, true, false, true]);
	expect(jsonOf(result)[2]).toEqual({
		success: false,
		error: expect.stringMatching(/Amplitude answered 400: missing_event \[item 2\]/),
		code: 400,
	});
});
