// The API key and secret key (and their base64 and URL-encoded forms) must never appear in an
// output item, an error (message, description, cause, anything n8n stores) or a log line.
process.env.N8N_LOG_LEVEL = 'debug';

// Everything n8n logs is captured. The spies go in before n8n-core loads, because its logger keeps
// references to the console it finds, and writes straight to that console's stream (stdout, or
// stderr under jest --json) when it has one.
let logged = '';
for (const method of ['log', 'info', 'warn', 'error', 'debug']) {
	jest.spyOn(console, method).mockImplementation((...args) => {
		logged += `${args.map(String).join(' ')}\n`;
	});
}
for (const stream of [process.stdout, process.stderr]) {
	jest.spyOn(stream, 'write').mockImplementation((chunk) => {
		logged += String(chunk);
		return true;
	});
}
afterAll(() => jest.restoreAllMocks());

const { runAmplitude } = require('../helpers/harness');
const { useStandIn } = require('../helpers/standIn');

const standIn = useStandIn({ apiKey: 'apikey-3f9c2e71d4', secretKey: 'secret-8b1e44a7c9' });

const KEYS = { apiKey: 'apikey-3f9c2e71d4', secretKey: 'secret-8b1e44a7c9' };
const FORMS = [
	KEYS.apiKey,
	KEYS.secretKey,
	Buffer.from(`${KEYS.apiKey}:${KEYS.secretKey}`).toString('base64'),
	Buffer.from(KEYS.apiKey).toString('base64'),
	Buffer.from(KEYS.secretKey).toString('base64'),
];

const OPERATIONS = {
	sendEvent: { resource: 'event', operation: 'send', eventType: 'signup', userId: 'user-0001' },
	listEvents: { resource: 'event', operation: 'list' },
	identify: { resource: 'user', operation: 'identify', userId: 'user-0001', userProperties: '{"$set":{"plan":"pro"}}' },
	groupIdentify: { resource: 'group', operation: 'identify', groupType: 'company', groupValue: 'Acme', groupProperties: '{"$set":{"tier":"gold"}}' },
	search: { resource: 'user', operation: 'search', user: 'user-0001' },
	activity: { resource: 'user', operation: 'getActivity', amplitudeId: '100000001' },
	profile: { resource: 'user', operation: 'getProfile', userId: 'user-0001', getAmpProps: true },
	segmentation: { resource: 'analytics', operation: 'eventSegmentation', eventType: 'signup', start: '20261101', end: '20261130' },
	activeUsers: { resource: 'analytics', operation: 'activeUsers', start: '20261101', end: '20261130' },
	realtime: { resource: 'analytics', operation: 'realtimeActiveUsers' },
	revenue: { resource: 'analytics', operation: 'revenue', start: '20261101', end: '20261130' },
};


function dump(result) {
	const { error } = result;
	return JSON.stringify({ output: result.output, error, errorText: error && `${error.message} ${error.description} ${error.stack}`, runData: result.run.data });
}

function expectNoSecrets(text) {
	for (const form of FORMS) expect(text).not.toContain(form);
}

describe.each(Object.entries(OPERATIONS))('%s', (_name, parameters) => {
	test.each([
		['succeeds', {}, []],
		['is refused (wrong keys)', { apiKey: 'apikey-wrong-0000', secretKey: KEYS.secretKey }, []],
		['meets a server error', {}, [{ kind: 'status', status: 500 }]],
		['cannot connect', { ingestionUrl: 'http://127.0.0.1:9', dashboardUrl: 'http://127.0.0.1:9', profileUrl: 'http://127.0.0.1:9' }, []],
	])('leaks no key when it %s', async (_case, override, faults) => {
		standIn.server.faults.set(faults);
		for (const continueOnFail of [false, true]) {
			const result = await runAmplitude({
				parameters: { ...parameters, options: { retryAttempts: 1 } },
				credentials: { ...standIn.credentials, ...KEYS, ...override },
				continueOnFail,
			});
			expectNoSecrets(dump(result));
		}
		expectNoSecrets(logged);
	});
});

test('the checks above can see a leak', () => {
	expect(() => expectNoSecrets(`x ${FORMS[2]} y`)).toThrow();
	expect(logged).toMatch(/Running node "Amplitude" finished with error/);
});
