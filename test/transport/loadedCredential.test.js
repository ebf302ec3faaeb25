// The credential is loaded once per execution and handed to n8n's request helper with every
// request, which otherwise loads it again for each one (in n8n: a database read and a decryption).
const { runAmplitude } = require('../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../support/http');
const { REGIONS, SEARCH_BODY, dashboardAuth, expectNoSecrets } = require('../support/fixtures');

setupNock();

describe.each(REGIONS)('the credential on the %s region', (region, credentials) => {
	test('Send Event in 3 requests loads it once; every request carries its API key', async () => {
		const { calls } = expectRequest(
			HOSTS[region].ingestion,
			'POST',
			'/2/httpapi',
			[200, { code: 200, events_ingested: 1000 }],
			3,
		);
		const items = Array.from({ length: 2500 }, (_, i) => ({
			event_type: 'signup',
			user_id: `user-${i}`,
		}));
		const result = await runAmplitude({
			parameters: {
				resource: 'event',
				operation: 'send',
				mappingMode: 'autoMapInputData',
				options: { batchSize: 1000 },
			},
			items,
			credentials,
		});
		expect(result.status).toBe('success');
		expect(calls.map((call) => call.body.events.length)).toEqual([1000, 1000, 500]);
		expect(calls.map((call) => call.body.api_key)).toEqual(Array(3).fill(credentials.apiKey));
		expect(result.output).toHaveLength(2500);
		expect(result.credentialLoads).toBe(1);
		expectNoSecrets(result.run, credentials);
	});

	test('Search Users for 2 items loads it once; both requests carry its Basic auth', async () => {
		const { calls } = expectRequest(
			HOSTS[region].dashboard,
			'GET',
			'/api/2/usersearch',
			[200, SEARCH_BODY],
			2,
		);
		const result = await runAmplitude({
			parameters: { resource: 'user', operation: 'search', user: '={{ $json.user }}' },
			items: [{ user: 'alice' }, { user: 'bob' }],
			credentials,
		});
		expect(result.status).toBe('success');
		expect(calls.map((call) => call.headers.authorization)).toEqual(
			Array(2).fill(dashboardAuth(credentials)),
		);
		expect(result.credentialLoads).toBe(1);
		expectNoSecrets(result.run, credentials);
	});
});
