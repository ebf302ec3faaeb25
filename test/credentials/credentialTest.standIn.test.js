// The credential test as n8n's credentials tester runs it (through n8n-core's RoutingNode), over
// real HTTP: against the local stand-in, and against a server answering what each case needs.
// No nock here: a request through RoutingNode under nock leaves nock's interception in a state
// that breaks its error replies in the test files jest runs next in the same worker.
const { testCredential } = require('../support/credentialTest');
const { createAmplitudeServer } = require('../support/amplitude-server');

const API_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5';

describe('test request against the local stand-in', () => {
	const server = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET });
	let url;
	// Custom URLs are trimmed of blanks and trailing slashes, as the transport does.
	const local = (keys) => ({
		region: 'custom',
		ingestionUrl: ` ${url}/`,
		dashboardUrl: ` ${url}// `,
		profileUrl: url,
		...keys,
	});

	beforeAll(async () => {
		url = await server.start(0);
	});
	afterAll(async () => {
		await server.stop();
	});

	test('a valid send-only key passes and nothing is written into the project', async () => {
		expect((await testCredential(local({ apiKey: API_KEY, secretKey: '' }))).status).toBe('OK');
		expect(server.store.events).toHaveLength(0);
		expect(server.store.requests.map((request) => [request.path, request.status])).toEqual([
			['/2/httpapi', 400],
		]);
	});

	test('a wrong send-only key fails', async () => {
		const verdict = await testCredential(local({ apiKey: 'wrong-key-0000', secretKey: '' }));
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/did not accept the API key/);
	});

	test('both keys pass; a wrong secret key fails', async () => {
		expect((await testCredential(local({ apiKey: API_KEY, secretKey: SECRET }))).status).toBe('OK');
		expect(
			(await testCredential(local({ apiKey: API_KEY, secretKey: 'wrong-secret-0000' }))).status,
		).toBe('Error');
		expect(server.store.events).toHaveLength(0);
	});
});

describe("n8n's verdict on each kind of answer", () => {
	// A loopback server answering every request with the answer a test sets.
	const http = require('node:http');
	let answer;
	let url;
	let requests = 0;
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			requests++;
			const [status, body, type = 'application/json'] = answer;
			res.writeHead(status, { 'content-type': type });
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
		});
	});
	const sendOnly = () => ({
		apiKey: API_KEY,
		region: 'custom',
		ingestionUrl: url,
		dashboardUrl: url,
	});
	const bothKeys = () => ({ ...sendOnly(), secretKey: SECRET });

	beforeAll(async () => {
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${server.address().port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});

	test.each([
		[
			'a refusal of the event (valid key)',
			[
				400,
				{
					code: 400,
					error: 'Invalid field values on some events',
					events_with_missing_fields: { user_id: [0] },
				},
			],
		],
		[
			'a 200 with nothing ingested',
			[200, { code: 200, events_ingested: 0, payload_size_bytes: 80, server_upload_time: 1 }],
		],
	])('only an API key, answered with %s: OK', async (_case, reply) => {
		answer = reply;
		expect(await testCredential(sendOnly())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	test.each([
		[
			'Invalid API key (a wrong key, or the other region)',
			[400, { code: 400, error: 'Invalid API key' }],
			'Amplitude did not accept the API key on this region. Check the API key (Amplitude: Settings → Projects → your project → General) and that Region matches where the project stores its data (US or EU). Only the API key was checked: the credential has no secret key.',
		],
		[
			'404',
			[404, { code: 404, error: 'Invalid request path' }],
			'No Amplitude ingestion API answered at this address (404). Check Region, or the Ingestion URL of a custom region. Only the API key was checked: the credential has no secret key.',
		],
		[
			'503',
			[503, { code: 503, error: 'Service Unavailable' }],
			'Amplitude could not check the key just now (503). Try again in a minute. Only the API key was checked: the credential has no secret key.',
		],
		[
			'429',
			[429, { code: 429, error: 'Too many requests' }],
			'Amplitude could not check the key just now (429). Try again in a minute. Only the API key was checked: the credential has no secret key.',
		],
		[
			'403 from the firewall',
			[403, { code: 403, error: 'Forbidden' }],
			'Amplitude refused the check (403). Check the API key and Region. Only the API key was checked: the credential has no secret key.',
		],
		[
			'a web page',
			[200, '<html><body>Welcome</body></html>', 'text/html'],
			"The address answered with a web page, not Amplitude's API. Check Region, or the URLs of a custom region.",
		],
	])(
		'only an API key, answered with %s: an error saying what to check',
		async (_case, reply, message) => {
			answer = reply;
			expect(await testCredential(sendOnly())).toEqual({ status: 'Error', message });
		},
	);

	test('both keys, answered 401: names both keys and the region (n8n asks twice)', async () => {
		answer = [401, 'Unauthorized', 'text/plain'];
		const before = requests;
		expect(await testCredential(bothKeys())).toEqual({
			status: 'Error',
			message:
				'Amplitude rejected the API key and secret key on this region. Check both keys (Amplitude: Settings → Projects → your project → General) and that Region matches where the project stores its data (US or EU).',
		});
		// On a 401 n8n sends the request once more after its pre-authentication step.
		expect(requests - before).toBe(2);
	});

	test('both keys, answered 403: the keys or the other region', async () => {
		answer = [
			403,
			{
				error: {
					http_code: 403,
					type: 'unspecified',
					metadata: { details: 'Invalid API/Secret Key combination' },
				},
			},
		];
		expect(await testCredential(bothKeys())).toEqual({
			status: 'Error',
			message:
				'Amplitude refused the API key and secret key on this region: the keys are wrong or the project lives in the other data region. Check both keys and switch Region between US and EU.',
		});
	});

	test('both keys, answered 200 with the event list: OK', async () => {
		answer = [200, { data: [] }];
		expect(await testCredential(bothKeys())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});
});
