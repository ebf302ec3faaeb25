const { runAmplitude, jsonOf, US, EU, customCredentials } = require('../../support/harness');
const { virtualClock } = require('../../support/sleeps');
const { nock, setupNock, rawCaptureServer } = require('../../support/http');
const { REGIONS, expectOperationError, secretForms } = require('../../support/fixtures');

setupNock();

// User mapping writes go to api.amplitude.com (not api2) and api.eu.amplitude.com.
const USERMAP_HOSTS = { us: 'https://api.amplitude.com', eu: 'https://api.eu.amplitude.com' };

const map = (extra = {}) => ({
	resource: 'user',
	operation: 'map',
	userId: '={{ $json.user }}',
	globalUserId: '={{ $json.global }}',
	...extra,
});

let clock;
beforeEach(() => (clock = virtualClock()));
afterEach(() => clock.restore());

/** Records every POST /usermap on host: the form fields, headers, body size and (virtual) time. */
function usermap(host, reply = () => [200, { code: 200, success: true }]) {
	const calls = [];
	nock(host)
		.persist()
		.post('/usermap')
		.reply(function (_uri, body) {
			const raw = typeof body === 'string' ? body : new URLSearchParams(body).toString();
			const form = new URLSearchParams(raw);
			calls.push({
				headers: this.req.headers,
				raw,
				apiKey: form.get('api_key'),
				mapping: JSON.parse(form.get('mapping')),
				at: Date.now(),
			});
			return reply(calls.length - 1);
		});
	return calls;
}

describe.each(REGIONS)('User → Map on the %s region', (region, credentials) => {
	test('POSTs a form with api_key and the mapping JSON to the usermap host; no Authorization, no secret', async () => {
		const calls = usermap(USERMAP_HOSTS[region]);
		const items = [
			{ user: 'app-user-1', global: 'crm-001' },
			{ user: 'app-user-2', global: 'crm-002' },
		];
		const result = await runAmplitude({ items, parameters: map(), credentials });

		expect(result.status).toBe('success');
		expect(calls).toHaveLength(1);
		const [call] = calls;
		expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(call.headers.authorization).toBeUndefined();
		expect(call.apiKey).toBe(credentials.apiKey);
		expect(call.mapping).toEqual([
			{ user_id: 'app-user-1', global_user_id: 'crm-001' },
			{ user_id: 'app-user-2', global_user_id: 'crm-002' },
		]);
		expect(call.raw).not.toContain(credentials.secretKey);
		expect(JSON.stringify(call.headers)).not.toContain(credentials.secretKey);
		expect(result.output).toEqual([
			{
				json: { success: true, user_id: 'app-user-1', global_user_id: 'crm-001' },
				pairedItem: { item: 0 },
			},
			{
				json: { success: true, user_id: 'app-user-2', global_user_id: 'crm-002' },
				pairedItem: { item: 1 },
			},
		]);
		const text = JSON.stringify(result.run);
		for (const secret of secretForms(credentials)) expect(text).not.toContain(secret);
	});
});

test('Unmap sends {user_id, unmap: true} without a global user ID', async () => {
	const calls = usermap(USERMAP_HOSTS.us);
	const result = await runAmplitude({
		items: [{ user: 'app-user-1', global: 'crm-001' }],
		parameters: map({ unmap: true }),
	});
	expect(calls[0].mapping).toEqual([{ user_id: 'app-user-1', unmap: true }]);
	expect(jsonOf(result)).toEqual([{ success: true, user_id: 'app-user-1', unmap: true }]);
});

test('Unmap per item through an expression', async () => {
	const calls = usermap(USERMAP_HOSTS.us);
	await runAmplitude({
		items: [
			{ user: 'a-user', global: 'g-1', unmap: false },
			{ user: 'b-user', global: '', unmap: true },
		],
		parameters: map({ unmap: '={{ $json.unmap }}' }),
	});
	expect(calls[0].mapping).toEqual([
		{ user_id: 'a-user', global_user_id: 'g-1' },
		{ user_id: 'b-user', unmap: true },
	]);
});

test('at most 2000 mappings per request, and requests start at least 25 ms apart', async () => {
	const calls = usermap(USERMAP_HOSTS.us);
	const items = Array.from({ length: 4001 }, (_, i) => ({
		user: `user-${i}`,
		global: `global-${i}`,
	}));
	const result = await runAmplitude({ items, parameters: map({ userId: '={{ $json.user }}' }) });

	expect(result.status).toBe('success');
	expect(calls.map((call) => call.mapping.length)).toEqual([2000, 2000, 1]);
	// Up to 4 requests travel at once; their starts are spaced 25 ms (40 a second, under 50).
	expect(clock.waits).toEqual([25, 25]);
	expect(calls.flatMap((call) => call.mapping.map((m) => m.user_id))).toEqual(
		items.map((item) => item.user),
	);
	expect(jsonOf(result).every((json) => json.success)).toBe(true);
});

test('at most 1 MB per request, form-encoded', async () => {
	const calls = usermap(USERMAP_HOSTS.us);
	const long = 'x'.repeat(400);
	const items = Array.from({ length: 1500 }, (_, i) => ({
		user: `user-${i}-${long}`,
		global: `global-${i}-${long}`,
	}));
	const result = await runAmplitude({ items, parameters: map() });

	expect(result.status).toBe('success');
	expect(calls.length).toBeGreaterThan(1);
	for (const call of calls) expect(Buffer.byteLength(call.raw)).toBeLessThanOrEqual(1_000_000);
	expect(calls.reduce((sum, call) => sum + call.mapping.length, 0)).toBe(1500);
});

test("a 429 waits Amplitude's 30-second window (or Retry-After) and sends again", async () => {
	const calls = usermap(USERMAP_HOSTS.us, (n) =>
		n === 0 ? [429, { code: 429, error: 'Too many requests' }] : [200, ''],
	);
	const result = await runAmplitude({
		items: [{ user: 'a-user', global: 'g-1' }],
		parameters: map(),
	});
	expect(calls).toHaveLength(2);
	expect(calls[1].at - calls[0].at).toBe(30_000);
	expect(jsonOf(result)).toEqual([{ success: true, user_id: 'a-user', global_user_id: 'g-1' }]);
});

test('a wrong API key fails every item with the key hint, without splitting the request', async () => {
	const calls = usermap(USERMAP_HOSTS.us, () => [400, { code: 400, error: 'Invalid API key' }]);
	const items = Array.from({ length: 4 }, (_, i) => ({ user: `user-${i}`, global: `g-${i}` }));
	const result = await runAmplitude({ items, parameters: map(), continueOnFail: true });
	expect(calls).toHaveLength(1);
	expect(jsonOf(result)[3]).toEqual({
		success: false,
		error:
			'Amplitude answered 400: Invalid API key [item 3]. Amplitude did not accept the API key. Check the API key in the Amplitude API credential (Settings → Projects → your project → General) and that its Region (US or EU) is where the project stores its data.',
		code: 400,
	});
});

test('a custom region posts to the Ingestion URL', async () => {
	const server = await rawCaptureServer(() => [200, { code: 200 }]);
	try {
		const result = await runAmplitude({
			items: [{ user: 'a-user', global: 'g-1' }],
			parameters: map(),
			credentials: customCredentials(server.url),
		});
		expect(result.status).toBe('success');
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /usermap']);
		const form = new URLSearchParams(server.requests[0].raw.toString());
		expect(form.get('api_key')).toBe('local-api-key');
		expect(JSON.parse(form.get('mapping'))).toEqual([{ user_id: 'a-user', global_user_id: 'g-1' }]);
	} finally {
		await server.stop();
	}
});

describe('bad input: a clear error before any request', () => {
	test.each([
		[
			{ user: '', global: 'g-1' },
			"'User ID' is empty. Give each item's User ID, or remove the items that have none [item 1]",
		],
		[
			{ user: 'null', global: 'g-1' },
			`'User ID' is "null", a placeholder value, not a real user. Give the item's real User ID [item 1]`,
		],
		[
			{ user: 'a-user', global: '' },
			"'Global User ID' is empty. Give the ID to map 'User ID' to, or turn on 'Unmap' to remove the user's mapping [item 1]",
		],
		[
			{ user: 'a-user' },
			"'Global User ID' is empty. Give the ID to map 'User ID' to, or turn on 'Unmap' to remove the user's mapping [item 1]",
		],
		[
			{ user: 'a-user', global: 'a-user' },
			`'Global User ID' is the same as 'User ID' ("a-user"): a user cannot be mapped to itself [item 1]`,
		],
		[
			{ user: 'a-user', global: 'unknown' },
			`'Global User ID' is "unknown", a placeholder value, not a real user. Give the item's real User ID [item 1]`,
		],
	])('item 1 is %j', async (bad, message) => {
		const calls = usermap(USERMAP_HOSTS.us);
		const result = await runAmplitude({
			items: [{ user: 'ok-user', global: 'g-0' }, bad],
			parameters: map(),
		});
		expectOperationError(result, message, 1);
		expect(calls).toEqual([]);
	});

	test('with continue on error, bad items fail on their own and the rest are mapped', async () => {
		const calls = usermap(USERMAP_HOSTS.us);
		const result = await runAmplitude({
			items: [
				{ user: 'ok-user', global: 'g-0' },
				{ user: 'b-user', global: '' },
			],
			parameters: map(),
			continueOnFail: true,
		});
		expect(calls[0].mapping).toEqual([{ user_id: 'ok-user', global_user_id: 'g-0' }]);
		expect(jsonOf(result)[1]).toEqual({
			success: false,
			error:
				"'Global User ID' is empty. Give the ID to map 'User ID' to, or turn on 'Unmap' to remove the user's mapping [item 1]",
			code: null,
		});
	});
});
