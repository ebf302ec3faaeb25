// Experiment → Evaluate: GET /v1/vardata on the Experiment host with the deployment key.
const { runAmplitude, jsonOf, US, EU } = require('../../support/harness');
const { HOSTS, setupNock } = require('../../support/http');
const {
	expectNoSecrets,
	expectOperationError,
	expectSecretsOnlyInAuthorization,
	route,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/v1/vardata';
const DEPLOYMENT_KEY = 'server-deployment-key-7f3a9c';
const REGIONS = [
	['us', { ...US, deploymentKey: DEPLOYMENT_KEY }],
	['eu', { ...EU, deploymentKey: DEPLOYMENT_KEY }],
];
const evaluate = (extra = {}, options = {}) => ({
	resource: 'experiment',
	operation: 'evaluate',
	userId: 'user-00001',
	flagKeys: 'onboarding-email, new-checkout',
	...extra,
	options: { retryAttempts: 2, maxRetryWait: 0, ...options },
});
// /v1/vardata's answer: keyed by flag, `key` is the variant's value.
const ANSWER = {
	'onboarding-email': {
		key: 'treatment',
		payload: { subject: 'Get started in 3 steps' },
		expKey: 'exp-1',
		evaluationId: '224681772811_1760563672659_3681',
	},
	'new-checkout': { key: 'on' },
};
const VARIANTS = {
	'onboarding-email': {
		key: 'treatment',
		value: 'treatment',
		payload: { subject: 'Get started in 3 steps' },
	},
	'new-checkout': { key: 'on', value: 'on', payload: null },
};

describe.each(REGIONS)('Evaluate on the %s region', (region, credentials) => {
	const host = HOSTS[region].experiment;

	test('GETs /v1/vardata with Api-Key <deployment key> and no-track; outputs variants keyed by flag', async () => {
		const seen = route(host, PATH, () => [200, ANSWER]);
		const result = await runAmplitude({ parameters: evaluate(), credentials });

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		const [call] = seen.calls;
		expect(call.url).toBe(
			`${host}${PATH}?user_id=user-00001&flag_keys=onboarding-email%2Cnew-checkout`,
		);
		expect(call.query).toEqual({
			user_id: 'user-00001',
			flag_keys: 'onboarding-email,new-checkout',
		});
		expect(call.headers.authorization).toBe(`Api-Key ${DEPLOYMENT_KEY}`);
		expect(call.headers['x-amp-exp-track']).toBe('no-track');
		expectSecretsOnlyInAuthorization(call, credentials);
		expect(JSON.stringify(call.headers)).not.toContain(credentials.secretKey);
		expect(result.output).toEqual([
			{
				json: { success: true, user_id: 'user-00001', device_id: null, variants: VARIANTS },
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});

	test('Track Assignment on: no X-Amp-Exp-Track header', async () => {
		const seen = route(host, PATH, () => [200, ANSWER]);
		await runAmplitude({ parameters: evaluate({}, { trackAssignment: true }), credentials });
		expect(seen.calls[0].headers['x-amp-exp-track']).toBeUndefined();
	});
});

test('user properties go in context as URL-encoded JSON; device ID; no flag keys means all flags', async () => {
	const seen = route(HOSTS.us.experiment, PATH, () => [200, {}]);
	const result = await runAmplitude({
		credentials: REGIONS[0][1],
		parameters: evaluate({
			userId: '',
			deviceId: 'device-0001',
			flagKeys: '',
			userProperties: '{"plan": "pro", "seats": 3}',
		}),
	});
	expect(seen.calls[0].query).toEqual({
		device_id: 'device-0001',
		context: '{"user_properties":{"plan":"pro","seats":3}}',
	});
	expect(seen.calls[0].url).toContain(
		'context=%7B%22user_properties%22%3A%7B%22plan%22%3A%22pro%22%2C%22seats%22%3A3%7D%7D',
	);
	expect(jsonOf(result)).toEqual([
		{ success: true, user_id: null, device_id: 'device-0001', variants: {} },
	]);
});

test('a requested flag without a variant (off, or user not targeted) is there with nulls', async () => {
	route(HOSTS.us.experiment, PATH, () => [200, { 'onboarding-email': { key: 'control' } }]);
	const result = await runAmplitude({ credentials: REGIONS[0][1], parameters: evaluate() });
	expect(jsonOf(result)[0].variants).toEqual({
		'onboarding-email': { key: 'control', value: 'control', payload: null },
		'new-checkout': { key: null, value: null, payload: null },
	});
});

test('one evaluation per input item, each paired to its item', async () => {
	const seen = route(HOSTS.us.experiment, PATH, (call) => [
		200,
		{ 'onboarding-email': { key: call.query.user_id === 'a-user' ? 'control' : 'treatment' } },
	]);
	const result = await runAmplitude({
		credentials: REGIONS[0][1],
		items: [{ id: 'a-user' }, { id: 'b-user' }],
		parameters: evaluate({ userId: '={{ $json.id }}', flagKeys: 'onboarding-email' }),
	});
	expect(seen.calls.map((call) => call.query.user_id).sort()).toEqual(['a-user', 'b-user']);
	expect(
		result.output.map((item) => [
			item.pairedItem.item,
			item.json.variants['onboarding-email'].value,
		]),
	).toEqual([
		[0, 'control'],
		[1, 'treatment'],
	]);
});

describe('errors', () => {
	test('401: the deployment key', async () => {
		route(HOSTS.eu.experiment, PATH, () => [401, { error: 'Invalid deployment key' }]);
		const result = await runAmplitude({ credentials: REGIONS[1][1], parameters: evaluate() });
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Amplitude answered 401: Invalid deployment key [item 0]');
		expect(result.error.description).toBe(
			'Amplitude Experiment refused the deployment key. Check the Deployment Key in the credential (a server deployment key from Amplitude Experiment → Deployments) and that Region (US or EU) is where the project stores its data.',
		);
		expectNoSecrets(result.run, REGIONS[1][1]);
	});

	test('400: the user context', async () => {
		route(HOSTS.us.experiment, PATH, () => [400, { error: 'Invalid JSON in context' }]);
		const result = await runAmplitude({
			credentials: REGIONS[0][1],
			parameters: evaluate(),
			continueOnFail: true,
		});
		expect(jsonOf(result)).toEqual([
			{
				success: false,
				error:
					"Amplitude answered 400: Invalid JSON in context [item 0]. Amplitude Experiment could not read the request's user context. Check User Properties (a JSON object) and the flag keys.",
				code: 400,
			},
		]);
	});

	test('5xx is retried', async () => {
		const seen = route(HOSTS.us.experiment, PATH, (_call, index) =>
			index === 0 ? [502, 'Bad Gateway'] : [200, ANSWER],
		);
		const result = await runAmplitude({ credentials: REGIONS[0][1], parameters: evaluate() });
		expect(seen.calls).toHaveLength(2);
		expect(jsonOf(result)[0].variants).toEqual(VARIANTS);
	});
});

describe('refused before any request', () => {
	test('a credential without a deployment key says where to find one', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ credentials: US, parameters: evaluate() });
		expectOperationError(
			result,
			'Experiment evaluation needs a deployment key, and the credential has none. Add a server deployment key (Amplitude Experiment → Deployments) as Deployment Key in the Amplitude API credential [item 0]',
		);
		expect(trap.calls).toEqual([]);
	});

	test.each([
		[
			'neither user ID nor device ID',
			{ userId: ' ', deviceId: '' },
			"Neither 'User ID' nor 'Device ID' is set. Give at least one: Amplitude Experiment assigns variants per user or device [item 0]",
		],
		[
			'user properties that are not an object',
			{ userProperties: '["pro"]' },
			`'User Properties' must be a JSON object, but it is an array. Give an object such as {"plan": "pro"} [item 0]`,
		],
		[
			'user properties that are not JSON',
			{ userProperties: '{plan: pro}' },
			expect.stringMatching(/^'User Properties' is not valid JSON/),
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ credentials: REGIONS[0][1], parameters: evaluate(extra) });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toEqual(message);
		expect(trap.calls).toEqual([]);
	});
});
