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

describe('user mapping and Experiment', () => {
	const DEPLOYMENT = 'server-deployment-key-0123456789';
	const withDeployment = (region) => ({
		...credentials[region],
		deploymentKey: DEPLOYMENT,
		experimentUrl: LOCAL,
	});
	const USERMAP = {
		us: 'https://api.amplitude.com',
		eu: 'https://api.eu.amplitude.com',
		custom: LOCAL,
	};
	const EXPERIMENT = {
		us: 'https://api.lab.amplitude.com',
		eu: 'https://api.lab.eu.amplitude.com',
		custom: LOCAL,
	};

	test.each(['us', 'eu', 'custom'])(
		'%s: /usermap gets api_key in its form body, no header, no secret',
		async (region) => {
			const options = {
				method: 'POST',
				url: `${USERMAP[region]}/usermap`,
				body: { mapping: '[{"user_id":"user-1","global_user_id":"global-1"}]' },
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			};
			const result = await authenticate(withDeployment(region), options);
			expect(result.body).toEqual({
				api_key: API_KEY,
				mapping: '[{"user_id":"user-1","global_user_id":"global-1"}]',
			});
			expect(result.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded' });
			const text = JSON.stringify(result);
			for (const form of [...secretForms, DEPLOYMENT]) expect(text).not.toContain(form);
		},
	);

	test.each(['us', 'eu', 'custom'])(
		'%s: Experiment gets Api-Key <deployment key>, and nothing else',
		async (region) => {
			const url = `${EXPERIMENT[region]}/v1/vardata`;
			const result = await authenticate(withDeployment(region), {
				method: 'GET',
				url,
				qs: { user_id: 'user-1' },
			});
			expect(result).toEqual({
				method: 'GET',
				url,
				qs: { user_id: 'user-1' },
				headers: { Authorization: `Api-Key ${DEPLOYMENT}` },
			});
			const text = JSON.stringify(result);
			for (const form of [API_KEY, ...secretForms]) expect(text).not.toContain(form);
		},
	);

	test('reading mappings (/api/2/usermap) is a Dashboard call with Basic auth', async () => {
		const result = await authenticate(credentials.us, {
			method: 'GET',
			url: 'https://amplitude.com/api/2/usermap',
		});
		expect(result.headers).toEqual({ Authorization: BASIC });
	});

	test('the deployment key never reaches the ingestion or Dashboard hosts, nor /usermap on api2', async () => {
		for (const url of [
			'https://api2.amplitude.com/2/httpapi',
			'https://amplitude.com/api/2/users',
			'https://api2.amplitude.com/usermap',
			'https://api.lab.amplitude.com/2/httpapi',
		]) {
			const result = await authenticate(withDeployment('us'), { method: 'POST', url, body: {} });
			expect(JSON.stringify(result)).not.toContain(DEPLOYMENT);
		}
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
	// The request n8n resolves from the credential's test (expressions over $credentials), as the
	// credential's authenticate leaves it; nothing is sent. What n8n makes of the answers is tested
	// against real servers in credentialTest.standIn.test.js.
	const { testCredential } = require('../support/credentialTest');
	const NEVER_INGESTED = 'n8n credential test (no user or device ID: never ingested)';
	const sendOnly = (region) => ({ ...credentials[region], secretKey: '' });
	async function resolvedRequest(data) {
		let request;
		await testCredential(data, { onRequest: (options) => (request = options) });
		return request;
	}

	describe.each(['us', 'eu', 'custom'])('on %s', (region) => {
		const hosts = HOSTS[region];

		test('with a secret key: GET the read-only event list with Basic auth, which checks both keys', async () => {
			const request = await resolvedRequest(credentials[region]);
			expect(request.method).toBe('GET');
			expect(`${request.baseURL}${request.url}`).toBe(`${hosts.dashboard}/api/2/events/list`);
			expect(request.headers.Authorization).toBe(BASIC);
			expect(request.body).toBeUndefined();
			expect(request.ignoreHttpStatusErrors).toBe(false);
		});

		test('with only an API key: POST one event that cannot be ingested, with api_key, no header', async () => {
			const request = await resolvedRequest(sendOnly(region));
			expect(request.method).toBe('POST');
			expect(`${request.baseURL}${request.url}`).toBe(`${hosts.ingestion}/2/httpapi`);
			expect(request.body).toEqual({ api_key: API_KEY, events: [{ event_type: NEVER_INGESTED }] });
			expect(request.headers?.Authorization).toBeUndefined();
			// The answer, whatever its status, is read by the rules.
			expect(request.ignoreHttpStatusErrors).toBe(true);
			expect(JSON.stringify(request)).not.toContain(SECRET);
		});
	});

	test('a secret key of blanks counts as none', async () => {
		const request = await resolvedRequest({ ...credentials.us, secretKey: '  ' });
		expect(`${request.baseURL}${request.url}`).toBe('https://api2.amplitude.com/2/httpapi');
	});

	test('custom URLs are trimmed of blanks and trailing slashes, as the transport trims them', async () => {
		const custom = {
			...credentials.custom,
			ingestionUrl: ` ${LOCAL}// `,
			dashboardUrl: ` ${LOCAL}/`,
		};
		expect((await resolvedRequest(custom)).baseURL).toBe(LOCAL);
		expect((await resolvedRequest({ ...custom, secretKey: '' })).baseURL).toBe(LOCAL);
	});

	test('the test request reads every host from the same region table as the transport', () => {
		const { REGION_HOSTS } = require('../../dist/nodes/Amplitude/transport/endpoints');
		const baseURL = credential.test.request.baseURL;
		for (const region of ['us', 'eu']) {
			expect(baseURL).toContain(JSON.stringify(REGION_HOSTS[region].ingestion));
			expect(baseURL).toContain(JSON.stringify(REGION_HOSTS[region].dashboard));
		}
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
			'projectId',
			'deploymentKey',
			'region',
			'ingestionUrl',
			'dashboardUrl',
			'profileUrl',
			'experimentUrl',
		]);
	});

	test('project ID: an optional number; deployment key: an optional password string', () => {
		expect(byName.projectId).toMatchObject({ type: 'number', default: 0 });
		expect(byName.projectId.required).toBeFalsy();
		expect(byName.deploymentKey).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			default: '',
		});
		expect(byName.deploymentKey.required).toBeFalsy();
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

	test.each(['ingestionUrl', 'dashboardUrl', 'profileUrl', 'experimentUrl'])(
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
		for (const name of ['apiKey', 'secretKey', 'projectId', 'deploymentKey', 'region'])
			expect(byName[name].displayOptions).toBeUndefined();
	});

	test('no default holds a key', () => {
		expect(credential.properties.map((property) => property.default)).toEqual([
			'',
			'',
			0,
			'',
			'us',
			'',
			'',
			'',
			'',
		]);
		for (const property of credential.properties) {
			expect(JSON.stringify(property.default)).not.toMatch(/[0-9a-f]{16,}/i);
		}
	});
});
