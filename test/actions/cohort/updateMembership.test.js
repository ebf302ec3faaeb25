const { runAmplitude, jsonOf, US } = require('../../support/harness');
const { recordSleeps } = require('../../support/sleeps');
const { nock, HOSTS, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	missingSecretMessage,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/3/cohorts/membership';
const update = (extra = {}) => ({
	resource: 'cohort',
	operation: 'updateMembership',
	cohortId: '={{ $json.cohort }}',
	action: '={{ $json.action }}',
	idType: '={{ $json.type ?? "userId" }}',
	id: '={{ $json.id }}',
	...extra,
});

let sleeps;
beforeEach(() => (sleeps = recordSleeps()));
afterEach(() => sleeps.restore());

/**
 * Answers every membership POST on host like Amplitude: one result per entry, skipping the IDs
 * in `skipped`, after `delayMs`; records bodies, headers and whether two requests overlapped.
 */
function amplitude(host, { skipped = [], delayMs = 0, reply } = {}) {
	const seen = { calls: [], overlapped: false };
	let open = 0;
	nock(host)
		.persist()
		.post(PATH)
		.reply(async function (_uri, body) {
			seen.calls.push({ body, headers: this.req.headers });
			open += 1;
			if (open > 1) seen.overlapped = true;
			await new Promise((resolve) => setImmediate(resolve));
			if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
			open -= 1;
			if (reply) return reply(body, seen.calls.length - 1);
			return [
				200,
				{
					cohort_id: body.cohort_id,
					memberships_result: body.memberships.map((m) => ({
						skipped_ids: m.ids.filter((id) => skipped.includes(id)),
						id_type: m.id_type,
						operation: m.operation,
					})),
				},
			];
		});
	return seen;
}

/** Amplitude knowing no cohort "gone" and applying everything else. */
const goneCohort = (body) =>
	body.cohort_id === 'gone'
		? [404, { error: { http_code: 404, type: 'not_found', message: 'Cohort not found' } }]
		: [200, { cohort_id: body.cohort_id, memberships_result: [{ skipped_ids: [] }] }];

describe.each(REGIONS)('Cohort → Update Membership on the %s region', (region, credentials) => {
	test('one request: runs of the same action and ID type become entries, in item order; skipped IDs say so', async () => {
		const seen = amplitude(HOSTS[region].dashboard, { skipped: ['ghost'] });
		const items = [
			{ cohort: '1a2bc3d', action: 'add', id: 'alice' },
			{ cohort: '1a2bc3d', action: 'add', id: 'ghost' },
			{ cohort: '1a2bc3d', action: 'add', id: '356896327775', type: 'amplitudeId' },
			{ cohort: '1a2bc3d', action: 'remove', id: 'bob' },
		];
		const result = await runAmplitude({ items, parameters: update(), credentials });

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		const [call] = seen.calls;
		expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.body).toEqual({
			cohort_id: '1a2bc3d',
			memberships: [
				{ ids: ['alice', 'ghost'], id_type: 'BY_NAME', operation: 'ADD' },
				{ ids: ['356896327775'], id_type: 'BY_ID', operation: 'ADD' },
				{ ids: ['bob'], id_type: 'BY_NAME', operation: 'REMOVE' },
			],
			skip_invalid_ids: true,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					user_id: 'alice',
					action: 'add',
					status: 'applied',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					user_id: 'ghost',
					action: 'add',
					status: 'skipped',
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					amplitude_id: 356896327775,
					action: 'add',
					status: 'applied',
				},
				pairedItem: { item: 2 },
			},
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					user_id: 'bob',
					action: 'remove',
					status: 'applied',
				},
				pairedItem: { item: 3 },
			},
		]);
		expectNoSecrets(result.output, credentials);
	});
});

test('several cohorts: one after another, in the order they first appear, never two at once', async () => {
	const seen = amplitude(HOSTS.us.dashboard, { delayMs: 20 });
	const items = [
		{ cohort: 'b2', action: 'add', id: 'u1' },
		{ cohort: 'a1', action: 'add', id: 'u2' },
		{ cohort: 'b2', action: 'remove', id: 'u3' },
	];
	const result = await runAmplitude({ items, parameters: update() });
	expect(seen.calls.map((call) => call.body.cohort_id)).toEqual(['b2', 'a1']);
	expect(seen.calls[0].body.memberships).toEqual([
		{ ids: ['u1'], id_type: 'BY_NAME', operation: 'ADD' },
		{ ids: ['u3'], id_type: 'BY_NAME', operation: 'REMOVE' },
	]);
	expect(seen.overlapped).toBe(false);
	expect(jsonOf(result).map((json) => json.cohort_id)).toEqual(['b2', 'a1', 'b2']);
});

test('100,000 IDs per request: 100,001 changes take two requests, one after the other', async () => {
	const seen = amplitude(HOSTS.us.dashboard, { delayMs: 5 });
	const items = Array.from({ length: 100_001 }, (_, i) => ({ id: `u${i}` }));
	const result = await runAmplitude({
		items,
		parameters: update({ cohortId: 'big', action: 'add', idType: 'userId' }),
	});
	expect(result.status).toBe('success');
	expect(seen.calls.map((call) => call.body.memberships[0].ids.length)).toEqual([100_000, 1]);
	expect(seen.calls[1].body.memberships[0].ids).toEqual(['u100000']);
	expect(seen.overlapped).toBe(false);
	expect(jsonOf(result)).toHaveLength(100_001);
});

test("Amplitude's 429 for a concurrent write is waited out and sent again", async () => {
	const seen = amplitude(HOSTS.us.dashboard, {
		reply: (body, n) =>
			n === 0
				? [
						429,
						{ error: { http_code: 429, type: 'rate_limit', message: 'Cohort is being modified' } },
					]
				: [200, { cohort_id: body.cohort_id, memberships_result: [{ skipped_ids: [] }] }],
	});
	const result = await runAmplitude({
		items: [{ cohort: 'c1', action: 'add', id: 'u1' }],
		parameters: update(),
	});
	expect(seen.calls).toHaveLength(2);
	expect(sleeps.waits).toEqual([5000]);
	expect(jsonOf(result)[0].status).toBe('applied');
});

test('a 400 fails the items of that request, not split into more requests; continue on error keeps the rest', async () => {
	const seen = amplitude(HOSTS.us.dashboard, {
		reply: goneCohort,
	});
	const items = [
		{ cohort: 'gone', action: 'add', id: 'u1' },
		{ cohort: 'gone', action: 'add', id: 'u2' },
		{ cohort: 'c1', action: 'add', id: 'u3' },
	];
	const result = await runAmplitude({ items, parameters: update(), continueOnFail: true });
	expect(seen.calls).toHaveLength(2);
	expect(jsonOf(result)).toEqual([
		{
			success: false,
			error: expect.stringMatching(/^Amplitude answered 404: Cohort not found \[item 0\]/),
			code: 404,
		},
		{
			success: false,
			error: expect.stringMatching(/^Amplitude answered 404: Cohort not found \[item 1\]/),
			code: 404,
		},
		{ success: true, cohort_id: 'c1', user_id: 'u3', action: 'add', status: 'applied' },
	]);
});

test('without continue on error, failures stop the node after the rest was applied, naming the items', async () => {
	const seen = amplitude(HOSTS.us.dashboard, {
		reply: goneCohort,
	});
	const items = [
		{ cohort: 'c1', action: 'add', id: 'u1' },
		{ cohort: 'gone', action: 'remove', id: 'u2' },
	];
	const result = await runAmplitude({ items, parameters: update() });
	expect(seen.calls).toHaveLength(2);
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toBe(
		'1 of 2 items failed (the other 1 were applied or skipped): Amplitude answered 404: Cohort not found [item 1]',
	);
	expect(result.error.httpCode).toBe('404');
});

describe('bad input: a clear error before any request', () => {
	test.each([
		[
			{ cohort: '', action: 'add', id: 'u1' },
			"'Cohort ID' is empty. Give the cohort's ID, as in its Amplitude URL (e.g. 1a2bc3d) or from Cohort → Get Many [item 1]",
		],
		[
			{ cohort: 'c1', action: 'delete', id: 'u1' },
			`'Action' must be add or remove, but it is "delete" [item 1]`,
		],
		[
			{ cohort: 'c1', action: 'add', id: 'undefined' },
			`'ID' is "undefined", a placeholder value, not a real user. Give the item's real User ID [item 1]`,
		],
		[
			{ cohort: 'c1', action: 'add', id: 'abc', type: 'amplitudeId' },
			`'ID' must be an Amplitude ID, Amplitude's numeric user ID, but it is "abc". Set 'ID Type' to User ID for your own IDs, or look the Amplitude ID up with User → Search [item 1]`,
		],
	])('item 1 is %j', async (bad, message) => {
		const seen = amplitude(HOSTS.us.dashboard);
		const result = await runAmplitude({
			items: [{ cohort: 'c1', action: 'add', id: 'ok-user' }, bad],
			parameters: update(),
		});
		expectOperationError(result, message, 1);
		expect(seen.calls).toEqual([]);
	});

	test('without a secret key', async () => {
		const seen = amplitude(HOSTS.us.dashboard);
		const result = await runAmplitude({
			items: [{ cohort: 'c1', action: 'add', id: 'u1' }],
			parameters: update(),
			credentials: US_WITHOUT_SECRET,
		});
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(seen.calls).toEqual([]);
	});
});
