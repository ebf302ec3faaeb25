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
	const evaluate = (expression, creds) => {
		expect(expression.startsWith('={{')).toBe(true);
		expect(expression.endsWith('}}')).toBe(true);
		const body = expression.slice(3, -2);
		return new Function('$credentials', `return ${body}`)(creds);
	};

	test('GET /api/2/events/list', () => {
		expect(credential.test.request.method).toBe('GET');
		expect(credential.test.request.url).toBe('/api/2/events/list');
	});

	test.each([
		[{ region: 'us' }, 'https://amplitude.com'],
		[{ region: 'eu' }, 'https://analytics.eu.amplitude.com'],
		[{ region: 'custom', dashboardUrl: 'http://127.0.0.1:18081' }, 'http://127.0.0.1:18081'],
		[{ region: 'custom', dashboardUrl: 'http://127.0.0.1:18081/' }, 'http://127.0.0.1:18081'],
		[
			{ region: 'custom', dashboardUrl: 'https://proxy.example/amplitude//' },
			'https://proxy.example/amplitude',
		],
		[{ region: 'custom', dashboardUrl: ' http://127.0.0.1:18081/ ' }, 'http://127.0.0.1:18081'],
	])('baseURL for %j → %s', (creds, expected) => {
		expect(evaluate(credential.test.request.baseURL, creds)).toBe(expected);
	});

	test.each(['us', 'eu', 'custom'])(
		'the test request on %s is authenticated with Basic auth',
		async (region) => {
			const creds = {
				...credentials[region],
				dashboardUrl: region === 'custom' ? ` ${LOCAL}/ ` : undefined,
			};
			const baseURL = evaluate(credential.test.request.baseURL, creds);
			const result = await authenticate(creds, { ...credential.test.request, baseURL });
			expect(result.headers).toEqual({ Authorization: BASIC });
		},
	);

	test('rules explain 401 and 403 with keys and region', () => {
		expect(credential.test.rules).toEqual([
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Amplitude rejected the API key and secret key on this region. Check both keys (Settings → Projects → your project → General) and that Region matches where the project stores its data (US or EU).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Amplitude refused the API key and secret key on this region: the keys are wrong or the project lives in the other data region. Check both keys and switch Region between US and EU.',
				},
			},
		]);
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
