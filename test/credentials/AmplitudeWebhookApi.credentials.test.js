// The Amplitude Webhook credential and its test: a local check (testedBy the trigger node), since
// Amplitude has no API to check a webhook secret against.
const nock = require('nock');

const { AmplitudeWebhookApi } = require('../../dist/credentials/AmplitudeWebhookApi.credentials');
const { AmplitudeTrigger } = require('../../dist/nodes/Amplitude/AmplitudeTrigger.node');
const limits = require('../../dist/nodes/Amplitude/limits');

const credential = new AmplitudeWebhookApi();
const trigger = new AmplitudeTrigger();
const testCredential = (data) =>
	trigger.methods.credentialTest.amplitudeWebhookSecret.call(
		{},
		{ id: 'c', name: 'w', type: credential.name, data },
	);

test('name, fields, defaults; the value is a password field', () => {
	expect(credential.name).toBe('amplitudeWebhookApi');
	expect(credential.displayName).toBe('Amplitude Webhook API');
	expect(credential.properties.map((p) => [p.name, p.type, p.default, p.required])).toEqual([
		['headerName', 'string', 'X-Amplitude-Webhook-Secret', true],
		['headerValue', 'string', '', true],
	]);
	expect(credential.properties[1].typeOptions).toEqual({ password: true });
	expect(credential.properties[1].description).toContain(
		`at least ${limits.WEBHOOK_SECRET_MIN_LENGTH}`,
	);
	expect(credential.authenticate).toBeUndefined();
});

test('the trigger uses it optionally and tests it with its own method', () => {
	expect(trigger.description.credentials).toEqual([
		{ name: 'amplitudeWebhookApi', required: false, testedBy: 'amplitudeWebhookSecret' },
	]);
});

describe('credential test', () => {
	beforeAll(() => nock.disableNetConnect());
	afterAll(() => nock.enableNetConnect());

	test('a good header passes, and says nothing was sent', async () => {
		const result = await testCredential({
			headerName: 'X-Amplitude-Webhook-Secret',
			headerValue: '3f9a1c2b7d4e5f60718293a4b5c6d7e8',
		});
		expect(result).toEqual({
			status: 'OK',
			message:
				'The header can be set in Amplitude. Nothing was sent: Amplitude has no API to check it.',
		});
	});

	test.each([
		[{ headerName: 'X-Amplitude-Webhook-Secret', headerValue: 'secret' }, /too short/],
		[
			{ headerName: 'X Secret', headerValue: '3f9a1c2b7d4e5f60718293a4b5c6d7e8' },
			/not a valid HTTP header name/,
		],
		[{ headerName: 'User-Agent', headerValue: '3f9a1c2b7d4e5f60718293a4b5c6d7e8' }, /sets itself/],
		[{}, /too short/],
	])('%j fails with the fix', async (data, message) => {
		const result = await testCredential(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain('3f9a1c2b7d4e5f60718293a4b5c6d7e8');
	});
});
