const { AmplitudeApi } = require('../../dist/credentials/AmplitudeApi.credentials');

const API_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5';
const BASIC = `Basic ${Buffer.from(`${API_KEY}:${SECRET}`).toString('base64')}`;
const LOCAL = 'http://127.0.0.1:18081';

const credentials = {
	us: { apiKey: API_KEY, secretKey: SECRET, region: 'us' },
	eu: { apiKey: API_KEY, secretKey: SECRET, region: 'eu' },
	custom: {
		apiKey: API_KEY,
		secretKey: SECRET,
		region: 'custom',
		ingestionUrl: LOCAL,
		dashboardUrl: `${LOCAL}/`,
		profileUrl: LOCAL,
	},
};
const HOSTS = {
	us: {
		ingestion: 'https://api2.amplitude.com',
		dashboard: 'https://amplitude.com',
		profile: 'https://profile-api.amplitude.com',
	},
	eu: {
		ingestion: 'https://api.eu.amplitude.com',
		dashboard: 'https://analytics.eu.amplitude.com',
		profile: undefined,
	},
	custom: { ingestion: LOCAL, dashboard: LOCAL, profile: LOCAL },
};

const credential = new AmplitudeApi();
const authenticate = (creds, options) => credential.authenticate(creds, options);
const secretForms = [
	SECRET,
	Buffer.from(SECRET).toString('base64'),
	Buffer.from(`${API_KEY}:${SECRET}`).toString('base64'),
];

describe.each(['us', 'eu', 'custom'])('authenticate on %s', (region) => {
	const creds = credentials[region];
	const hosts = HOSTS[region];

	test.each(['/2/httpapi', '/batch'])(
		'%s: api_key joins the JSON body, no header, no secret',
		async (path) => {
			const options = {
				method: 'POST',
				url: `${hosts.ingestion}${path}`,
				body: { events: [{ event_type: 'x', user_id: 'user-1' }] },
				json: true,
			};
			const result = await authenticate(creds, options);
			expect(result).toEqual({
				method: 'POST',
				url: `${hosts.ingestion}${path}`,
				body: { api_key: API_KEY, events: [{ event_type: 'x', user_id: 'user-1' }] },
				json: true,
			});
			expect(result.headers).toBeUndefined();
			const text = JSON.stringify(result);
			for (const form of secretForms) expect(text).not.toContain(form);
		},
	);

	test.each(['/identify', '/groupidentify'])(
		'%s: api_key joins the form object, no Authorization',
		async (path) => {
			const options = {
				method: 'POST',
				url: `${hosts.ingestion}${path}`,
				body: { identification: '[{"user_id":"user-1","user_properties":{"$set":{"a":1}}}]' },
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			};
			const result = await authenticate(creds, options);
			expect(result).toEqual({
				method: 'POST',
				url: `${hosts.ingestion}${path}`,
				body: {
					api_key: API_KEY,
					identification: '[{"user_id":"user-1","user_properties":{"$set":{"a":1}}}]',
				},
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
			const text = JSON.stringify(result);
			for (const form of secretForms) expect(text).not.toContain(form);
		},
	);

	test('a pre-serialized JSON body gets api_key as its first field', async () => {
		const body = '{"options":{"min_id_length":3},"events":[{"event_type":"x","user_id":"user-1"}]}';
		const result = await authenticate(creds, {
			method: 'POST',
			url: `${hosts.ingestion}/batch`,
			body,
		});
		expect(result.body).toBe(
			`{"api_key":"${API_KEY}","options":{"min_id_length":3},"events":[{"event_type":"x","user_id":"user-1"}]}`,
		);
		expect(JSON.parse(result.body)).toEqual({
			api_key: API_KEY,
			options: { min_id_length: 3 },
			events: [{ event_type: 'x', user_id: 'user-1' }],
		});
		expect(
			(
				await authenticate(creds, {
					method: 'POST',
					url: `${hosts.ingestion}/2/httpapi`,
					body: '{}',
				})
			).body,
		).toBe(`{"api_key":"${API_KEY}"}`);
		const buffer = await authenticate(creds, {
			method: 'POST',
			url: `${hosts.ingestion}/batch`,
			body: Buffer.from('{"events":[]}'),
		});
		expect(Buffer.isBuffer(buffer.body)).toBe(true);
		expect(buffer.body.toString()).toBe(`{"api_key":"${API_KEY}","events":[]}`);
		expect(result.headers).toBeUndefined();
	});

	test('an ingestion request with no body gets a body holding api_key', async () => {
		const result = await authenticate(creds, {
			method: 'POST',
			url: `${hosts.ingestion}/2/httpapi`,
		});
		expect(result.body).toEqual({ api_key: API_KEY });
	});

	test.each(['/api/2/usersearch', '/api/2/events/list', '/api/2/revenue/ltv'])(
		'%s: Basic apiKey:secretKey on the dashboard host',
		async (path) => {
			const options = {
				method: 'GET',
				url: `${hosts.dashboard}${path}`,
				qs: { user: 'user-1' },
				headers: { Accept: 'application/json' },
				json: true,
			};
			const result = await authenticate(creds, options);
			expect(result).toEqual({
				method: 'GET',
				url: `${hosts.dashboard}${path}`,
				qs: { user: 'user-1' },
				headers: { Accept: 'application/json', Authorization: BASIC },
				json: true,
			});
			expect(options.headers).toEqual({ Accept: 'application/json' });
		},
	);

	test('the baseURL and url are joined to judge the host', async () => {
		const result = await authenticate(creds, {
			method: 'GET',
			baseURL: hosts.dashboard,
			url: '/api/2/events/list',
		});
		expect(result.headers).toEqual({ Authorization: BASIC });
	});

	test('a dashboard path on the ingestion host gets no auth', async () => {
		if (region === 'custom') return; // one URL serves all three APIs there
		const options = {
			method: 'GET',
			url: `${hosts.ingestion}/api/2/usersearch`,
			qs: { user: 'x' },
		};
		const result = await authenticate(creds, options);
		expect(result).toEqual(options);
		expect(result.headers).toBeUndefined();
	});

	test('a dashboard path on another host gets no auth', async () => {
		const options = { method: 'GET', url: 'https://evil.example/api/2/usersearch' };
		expect(await authenticate(creds, options)).toEqual({
			method: 'GET',
			url: 'https://evil.example/api/2/usersearch',
		});
	});

	test('an ingestion path on another host gets no api_key', async () => {
		const options = { method: 'POST', url: 'https://evil.example/2/httpapi', body: { events: [] } };
		expect(await authenticate(creds, options)).toEqual({
			method: 'POST',
			url: 'https://evil.example/2/httpapi',
			body: { events: [] },
		});
	});
});

describe('User Profile', () => {
	test.each(['us', 'custom'])(
		'%s: Authorization: Api-Key <secretKey> on the profile host',
		async (region) => {
			const url = `${HOSTS[region].profile}/v1/userprofile`;
			const result = await authenticate(credentials[region], {
				method: 'GET',
				url,
				qs: { user_id: 'user-1' },
			});
			expect(result).toEqual({
				method: 'GET',
				url,
				qs: { user_id: 'user-1' },
				headers: { Authorization: `Api-Key ${SECRET}` },
			});
			expect(JSON.stringify(result)).not.toContain(API_KEY);
		},
	);

	test('EU has no profile host: the US profile host gets no auth', async () => {
		const options = {
			method: 'GET',
			url: 'https://profile-api.amplitude.com/v1/userprofile',
			qs: { user_id: 'user-1' },
		};
		const result = await authenticate(credentials.eu, options);
		expect(result).toEqual({
			method: 'GET',
			url: 'https://profile-api.amplitude.com/v1/userprofile',
			qs: { user_id: 'user-1' },
		});
	});

	test('the profile path on the dashboard host gets no auth', async () => {
		const options = { method: 'GET', url: 'https://amplitude.com/v1/userprofile' };
		expect(await authenticate(credentials.us, options)).toEqual({
			method: 'GET',
			url: 'https://amplitude.com/v1/userprofile',
		});
	});
});

describe('custom region', () => {
	test('a custom region with separate URLs sends each scheme only to its own URL', async () => {
		const creds = {
			apiKey: API_KEY,
			secretKey: SECRET,
			region: 'custom',
			ingestionUrl: 'http://127.0.0.1:1',
			dashboardUrl: 'http://127.0.0.1:2',
			profileUrl: '',
		};
		expect(
			(await authenticate(creds, { method: 'GET', url: 'http://127.0.0.1:2/api/2/users' })).headers,
		).toEqual({ Authorization: BASIC });
		expect(
			await authenticate(creds, { method: 'GET', url: 'http://127.0.0.1:1/api/2/users' }),
		).toEqual({ method: 'GET', url: 'http://127.0.0.1:1/api/2/users' });
		expect(
			await authenticate(creds, { method: 'GET', url: 'http://127.0.0.1:2/v1/userprofile' }),
		).toEqual({ method: 'GET', url: 'http://127.0.0.1:2/v1/userprofile' });
	});

	test('an empty secret key still gives the scheme with an empty secret', async () => {
		const creds = { ...credentials.us, secretKey: '' };
		expect(
			(await authenticate(creds, { method: 'GET', url: 'https://amplitude.com/api/2/users' }))
				.headers,
		).toEqual({
			Authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`,
		});
	});
});

describe('test request', () => {
	const { testCredential } = require('../support/credentialTest');
	const { nock } = require('../support/http');
	const NEVER_INGESTED = 'n8n credential test (no user or device ID: never ingested)';
	const sendOnly = (region) => ({ ...credentials[region], secretKey: '' });
	// Persistent: on a 401 n8n sends the request once more after its pre-authentication step.
	const record = (host, method, path, reply) => {
		const seen = [];
		nock(host)
			.persist()
			.intercept(path, method)
			.reply(function (uri, body) {
				seen.push({
					method: this.req.method,
					url: `${host}${uri}`,
					headers: this.req.headers,
					body,
				});
				return reply;
			});
		return seen;
	};

	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	describe.each(['us', 'eu', 'custom'])('on %s', (region) => {
		const hosts = HOSTS[region];

		test('with a secret key: the read-only event list with Basic auth checks both keys', async () => {
			const seen = record(hosts.dashboard, 'GET', '/api/2/events/list', [200, { data: [] }]);
			expect(await testCredential(credentials[region])).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(seen).toHaveLength(1);
			expect(seen[0].headers.authorization).toBe(BASIC);
			expect(seen[0].body).toBe('');
		});

		test('with only an API key: an ingestion request that cannot ingest anything checks the API key', async () => {
			const seen = record(hosts.ingestion, 'POST', '/2/httpapi', [
				400,
				{
					code: 400,
					error: 'Invalid field values on some events',
					events_with_missing_fields: { user_id: [0] },
				},
			]);
			expect(await testCredential(sendOnly(region))).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(seen).toHaveLength(1);
			expect(seen[0].headers['content-type']).toMatch(/^application\/json/);
			expect(seen[0].body).toEqual({ api_key: API_KEY, events: [{ event_type: NEVER_INGESTED }] });
			expect(seen[0].headers.authorization).toBeUndefined();
		});

		test('with only an API key, a wrong key fails and says what to check', async () => {
			record(hosts.ingestion, 'POST', '/2/httpapi', [400, { code: 400, error: 'Invalid API key' }]);
			expect(await testCredential(sendOnly(region))).toEqual({
				status: 'Error',
				message:
					'Amplitude did not accept the API key on this region. Check the API key (Amplitude: Settings → Projects → your project → General) and that Region matches where the project stores its data (US or EU). Only the API key was checked: the credential has no secret key.',
			});
		});
	});

	test('a send-only key answered with 200 and nothing ingested passes too', async () => {
		record(HOSTS.us.ingestion, 'POST', '/2/httpapi', [
			200,
			{ code: 200, events_ingested: 0, payload_size_bytes: 80, server_upload_time: 1 },
		]);
		expect((await testCredential(sendOnly('us'))).status).toBe('OK');
	});

	test('a secret key of blanks counts as none', async () => {
		const seen = record(HOSTS.us.ingestion, 'POST', '/2/httpapi', [
			200,
			{ code: 200, events_ingested: 0 },
		]);
		expect((await testCredential({ ...credentials.us, secretKey: '  ' })).status).toBe('OK');
		expect(seen).toHaveLength(1);
	});

	test('the wrong region: an EU credential for a US project is refused by the EU host', async () => {
		// Amplitude rejects a key on the other region's host as invalid.
		record(HOSTS.eu.ingestion, 'POST', '/2/httpapi', [
			400,
			{ code: 400, error: 'Invalid API key' },
		]);
		const verdict = await testCredential(sendOnly('eu'));
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/Region matches where the project stores its data/);
		record(HOSTS.eu.dashboard, 'GET', '/api/2/events/list', [403, 'Forbidden']);
		expect(await testCredential(credentials.eu)).toEqual({
			status: 'Error',
			message:
				'Amplitude refused the API key and secret key on this region: the keys are wrong or the project lives in the other data region. Check both keys and switch Region between US and EU.',
		});
	});

	test('with a secret key, 401 names both keys and the region', async () => {
		record(HOSTS.us.dashboard, 'GET', '/api/2/events/list', [401, 'Unauthorized']);
		expect(await testCredential(credentials.us)).toEqual({
			status: 'Error',
			message:
				'Amplitude rejected the API key and secret key on this region. Check both keys (Amplitude: Settings → Projects → your project → General) and that Region matches where the project stores its data (US or EU).',
		});
	});

	test.each([
		[
			404,
			{ code: 404, error: 'Invalid request path' },
			/No Amplitude ingestion API answered at this address \(404\)/,
		],
		[503, { code: 503, error: 'Service Unavailable' }, /could not check the key just now \(503\)/],
		[429, { code: 429, error: 'Too many requests' }, /could not check the key just now \(429\)/],
		[403, { code: 403, error: 'Forbidden' }, /refused the check \(403\)/],
		[200, '<html><body>Welcome</body></html>', /answered with a web page, not Amplitude's API/],
	])(
		'with only an API key, an answer %i that is not Amplitude accepting the key fails',
		async (status, body, message) => {
			record(HOSTS.us.ingestion, 'POST', '/2/httpapi', [
				status,
				body,
				{ 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' },
			]);
			const verdict = await testCredential(sendOnly('us'));
			expect(verdict.status).toBe('Error');
			expect(verdict.message).toMatch(message);
		},
	);

	test('the test request reads every host from the same region table as the transport', () => {
		const { REGION_HOSTS } = require('../../dist/nodes/Amplitude/transport/endpoints');
		const baseURL = credential.test.request.baseURL;
		for (const region of ['us', 'eu']) {
			expect(baseURL).toContain(JSON.stringify(REGION_HOSTS[region].ingestion));
			expect(baseURL).toContain(JSON.stringify(REGION_HOSTS[region].dashboard));
		}
	});
});

describe('test request against the local stand-in', () => {
	const { testCredential } = require('../support/credentialTest');
	const { createAmplitudeServer } = require('../support/amplitude-server');
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

describe('fields', () => {
	const byName = Object.fromEntries(
		credential.properties.map((property) => [property.name, property]),
	);

	test('name, display name and the field list', () => {
		expect(credential.name).toBe('amplitudeApi');
		expect(credential.displayName).toBe('Amplitude API');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'apiKey',
			'secretKey',
			'region',
			'ingestionUrl',
			'dashboardUrl',
			'profileUrl',
		]);
	});

	test('API key: required password string', () => {
		expect(byName.apiKey).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		});
	});

	test('secret key: optional password string', () => {
		expect(byName.secretKey).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			default: '',
		});
		expect(byName.secretKey.required).toBeFalsy();
	});

	test('region: us, eu, custom with default us', () => {
		expect(byName.region.type).toBe('options');
		expect(byName.region.default).toBe('us');
		expect(byName.region.options.map((option) => option.value)).toEqual(['us', 'eu', 'custom']);
	});

	test.each(['ingestionUrl', 'dashboardUrl', 'profileUrl'])(
		'%s is shown only for custom',
		(name) => {
			expect(byName[name]).toMatchObject({
				type: 'string',
				default: '',
				displayOptions: { show: { region: ['custom'] } },
			});
			expect(byName[name].typeOptions).toBeUndefined();
		},
	);

	test('the other fields are always shown', () => {
		for (const name of ['apiKey', 'secretKey', 'region'])
			expect(byName[name].displayOptions).toBeUndefined();
	});

	test('no default holds a key', () => {
		expect(credential.properties.map((property) => property.default)).toEqual([
			'',
			'',
			'us',
			'',
			'',
			'',
		]);
		for (const property of credential.properties) {
			expect(JSON.stringify(property.default)).not.toMatch(/[0-9a-f]{16,}/i);
		}
	});
});
