const { runAmplitude, US, EU } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');

setupNock();

const groupIdentify = (extra = {}) => ({
	resource: 'group',
	operation: 'identify',
	groupType: 'company',
	groupValue: 'Acme Corp',
	groupProperties: '{"$set": {"plan": "enterprise"}}',
	...extra,
});

describe.each([
	['us', US],
	['eu', EU],
])('Group Identify on the %s region', (region, credentials) => {
	test('POSTs a form to /groupidentify with identification as a JSON string', async () => {
		const seen = expectRequest(HOSTS[region].ingestion, 'POST', '/groupidentify', [200, 'success']);
		const result = await runAmplitude({ credentials, parameters: groupIdentify() });

		expect(result.status).toBe('success');
		const [call] = seen.calls;
		expect(call.url).toBe(`${HOSTS[region].ingestion}/groupidentify`);
		expect(call.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(call.headers.authorization).toBeUndefined();
		const fields = Object.fromEntries(new URLSearchParams(call.body));
		expect(fields.api_key).toBe(credentials.apiKey);
		expect(JSON.parse(fields.identification)).toEqual([
			{
				group_type: 'company',
				group_value: 'Acme Corp',
				group_properties: { $set: { plan: 'enterprise' } },
			},
		]);
		expect(result.output).toEqual([
			{ json: { success: true, code: 200, message: 'success' }, pairedItem: { item: 0 } },
		]);
	});
});

test.each([
	[
		'a missing group type',
		groupIdentify({ groupType: '={{ "" }}' }),
		/'Group Type' \(group_type\) is missing/,
	],
	[
		'a missing group value',
		groupIdentify({ groupValue: '={{ "" }}' }),
		/'Group Value' \(group_value\) is missing/,
	],
	[
		'group properties that are not an object',
		groupIdentify({ groupProperties: '[]' }),
		/'Group Properties' must be a JSON object, but it is an array/,
	],
	[
		'an operation groups do not support',
		groupIdentify({ groupProperties: '{"$remove": {"a": [1]}}' }),
		/unknown operation "\$remove"/,
	],
])('refuses %s before any request', async (_name, parameters, message) => {
	const result = await runAmplitude({ parameters });
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(message);
	expect(result.error.message).toMatch(/\[item 0\]$/);
});

test('a rejected API key fails every item with a message about the key and the region', async () => {
	expectRequest(HOSTS.us.ingestion, 'POST', '/groupidentify', [400, 'Invalid API key']);
	const result = await runAmplitude({ parameters: groupIdentify() });
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toMatch(/Amplitude answered 400: Invalid API key/);
	expect(result.error.description).toMatch(/API key.*Region/);
	expect(JSON.stringify(result.error)).not.toContain(US.apiKey);
});
