const { runAmplitude, jsonOf, US } = require('../../support/harness');
const { virtualClock } = require('../../support/sleeps');
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

const PATH = '/api/2/deletions/users';
const remove = (extra = {}) => ({
	resource: 'user',
	operation: 'delete',
	id: '={{ $json.id }}',
	...extra,
});

// The answer's shape as observed (NANGO create-user-deletion-job, 2026-06): an array of jobs,
// JSON sent as text/html.
const HTML = { 'Content-Type': 'text/html; charset=UTF-8' };
function job(users, extra = {}) {
	return {
		active_scrub_done_date: null,
		amplitude_ids: users.map(([amplitude_id, user_id]) => ({
			amplitude_id,
			requested_on_day: '2026-11-30',
			requester: 'privacy@example.com',
			...(user_id ? { user_id } : {}),
		})),
		app: '829528',
		day: '2026-12-12',
		status: 'staging',
		...extra,
	};
}

let clock;
beforeEach(() => (clock = virtualClock()));
afterEach(() => clock.restore());

/** Every deletion POST on host: body, headers and (virtual) time; answered by reply(body, n). */
function privacy(host, reply) {
	const calls = [];
	nock(host)
		.persist()
		.post(PATH)
		.reply(function (_uri, body) {
			calls.push({ body, headers: this.req.headers, at: Date.now() });
			return reply(body, calls.length - 1);
		});
	return calls;
}

/** Amplitude scheduling every user of a request into one job (Amplitude IDs 1000 + n). */
const scheduleAll = (body) => [
	200,
	JSON.stringify([
		job([
			...(body.amplitude_ids ?? []).map((id) => [id]),
			...(body.user_ids ?? []).map((id, n) => [1000 + n, id]),
		]),
	]),
	HTML,
];

describe.each(REGIONS)('User → Delete on the %s region', (region, credentials) => {
	test('POSTs the users as JSON with Basic auth; each item gets the job it joined', async () => {
		const calls = privacy(HOSTS[region].dashboard, scheduleAll);
		const result = await runAmplitude({
			items: [{ id: 'alice@example.com' }, { id: 'bob@example.com' }],
			parameters: remove({ requester: 'privacy@example.com' }),
			credentials,
		});

		expect(result.status).toBe('success');
		expect(calls).toHaveLength(1);
		expect(calls[0].headers.authorization).toBe(dashboardAuth(credentials));
		expect(calls[0].headers['content-type']).toBe('application/json');
		expect(calls[0].body).toEqual({
			user_ids: ['alice@example.com', 'bob@example.com'],
			requester: 'privacy@example.com',
			ignore_invalid_id: false,
			delete_from_org: false,
			include_mapped_user_ids: true,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					user_id: 'alice@example.com',
					amplitude_id: 1000,
					day: '2026-12-12',
					status: 'staging',
					app: '829528',
					requester: 'privacy@example.com',
					requested_on_day: '2026-11-30',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					success: true,
					user_id: 'bob@example.com',
					amplitude_id: 1001,
					day: '2026-12-12',
					status: 'staging',
					app: '829528',
					requester: 'privacy@example.com',
					requested_on_day: '2026-11-30',
				},
				pairedItem: { item: 1 },
			},
		]);
		expectNoSecrets(result.output, credentials);
	});
});

test('Amplitude IDs go as numbers in amplitude_ids; ID Type may differ per item; no requester is left out', async () => {
	const calls = privacy(HOSTS.us.dashboard, scheduleAll);
	const result = await runAmplitude({
		items: [
			{ id: '356896327775', type: 'amplitudeId' },
			{ id: 'carol', type: 'userId' },
		],
		parameters: remove({ idType: '={{ $json.type }}' }),
	});
	expect(calls[0].body).toEqual({
		amplitude_ids: [356896327775],
		user_ids: ['carol'],
		ignore_invalid_id: false,
		delete_from_org: false,
		include_mapped_user_ids: true,
	});
	expect(jsonOf(result).map((json) => [json.amplitude_id, json.user_id])).toEqual([
		[356896327775, undefined],
		[1000, 'carol'],
	]);
});

test('100 users per request, one request per second: 250 users take 3 requests, 1000 ms apart', async () => {
	const calls = privacy(HOSTS.us.dashboard, scheduleAll);
	const items = Array.from({ length: 250 }, (_, i) => ({ id: `user-${i}` }));
	const result = await runAmplitude({ items, parameters: remove() });

	expect(result.status).toBe('success');
	expect(calls.map((call) => call.body.user_ids.length)).toEqual([100, 100, 50]);
	expect(calls.map((call) => call.at - calls[0].at)).toEqual([0, 1000, 2000]);
	expect(clock.waits).toEqual([1000, 1000]);
	expect(jsonOf(result).every((json) => json.success && json.day === '2026-12-12')).toBe(true);
});

describe('users Amplitude does not know', () => {
	test('Ignore Invalid IDs: the known users are scheduled, each unknown one fails on its own', async () => {
		const calls = privacy(HOSTS.us.dashboard, () => [
			200,
			JSON.stringify([{ ...job([[1001, 'known-user']]), invalid_ids: ['ghost-user'] }]),
			HTML,
		]);
		const result = await runAmplitude({
			items: [{ id: 'known-user' }, { id: 'ghost-user' }],
			parameters: remove({ options: { ignoreInvalidIds: true } }),
			continueOnFail: true,
		});
		expect(calls).toHaveLength(1);
		expect(calls[0].body.ignore_invalid_id).toBe(true);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ success: true, user_id: 'known-user', day: '2026-12-12' }),
			{
				success: false,
				error:
					'Amplitude knows no user with user ID "ghost-user" in this project [item 1]. Nothing was scheduled for this user. Check the ID and ID Type, and that the credential is for the project holding the user.',
				code: 200,
			},
		]);
	});

	test('without continue on error, the unknown users stop the node after the others were scheduled', async () => {
		privacy(HOSTS.us.dashboard, () => [
			200,
			JSON.stringify([{ ...job([[1001, 'known-user']]), invalid_ids: ['ghost-user'] }]),
			HTML,
		]);
		const result = await runAmplitude({
			items: [{ id: 'known-user' }, { id: 'ghost-user' }],
			parameters: remove({ options: { ignoreInvalidIds: true } }),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'1 of 2 items failed (the other 1 were scheduled for deletion): Amplitude knows no user with user ID "ghost-user" in this project [item 1]',
		);
	});

	test('a 400 naming the unknown users: they fail, the others are sent again a second later', async () => {
		const calls = privacy(HOSTS.us.dashboard, (body, n) =>
			n === 0
				? [
						400,
						JSON.stringify({
							error: {
								http_code: 400,
								type: 'invalid',
								message: 'Invalid IDs',
								metadata: { invalid_ids: ['ghost-user'] },
							},
						}),
						HTML,
					]
				: scheduleAll(body),
		);
		const result = await runAmplitude({
			items: [{ id: 'known-user' }, { id: 'ghost-user' }, { id: 'other-user' }],
			parameters: remove(),
			continueOnFail: true,
		});
		expect(calls.map((call) => call.body.user_ids)).toEqual([
			['known-user', 'ghost-user', 'other-user'],
			['known-user', 'other-user'],
		]);
		expect(calls[1].at - calls[0].at).toBe(1000);
		const output = jsonOf(result);
		expect(output[0]).toMatchObject({ success: true, user_id: 'known-user' });
		expect(output[1]).toEqual({
			success: false,
			error:
				'Amplitude answered 400: Invalid IDs: Amplitude knows no user with user ID "ghost-user" [item 1]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
			code: 400,
		});
		expect(output[2]).toMatchObject({ success: true, user_id: 'other-user' });
	});

	test('a 400 that names no user fails the items of that request together, with no more requests', async () => {
		const calls = privacy(HOSTS.us.dashboard, () => [
			400,
			JSON.stringify({ error: 'Bad request' }),
			HTML,
		]);
		const items = Array.from({ length: 8 }, (_, i) => ({ id: `user-${i}` }));
		const result = await runAmplitude({ items, parameters: remove(), continueOnFail: true });
		expect(calls).toHaveLength(1);
		expect(jsonOf(result).map((json) => json.code)).toEqual(Array(8).fill(400));
	});

	test('a 200 that schedules no one (plain text) fails every item of the request', async () => {
		privacy(HOSTS.us.dashboard, () => [200, 'No valid IDs to delete', HTML]);
		const result = await runAmplitude({
			items: [{ id: 'ghost-1' }],
			parameters: remove({ options: { ignoreInvalidIds: true } }),
			continueOnFail: true,
		});
		expect(jsonOf(result)).toEqual([
			{
				success: false,
				error:
					'Amplitude scheduled no deletion for user ID "ghost-1": No valid IDs to delete [item 0]. Amplitude may not know this user. Check the ID and ID Type.',
				code: 200,
			},
		]);
	});
});

test('Delete From Whole Organization: one job per project, all of them on the item', async () => {
	const calls = privacy(HOSTS.us.dashboard, () => [
		200,
		JSON.stringify([
			job([[11, 'alice']], { app: '1' }),
			job([[22, 'alice']], { app: '2', day: '2026-12-19' }),
		]),
		HTML,
	]);
	const result = await runAmplitude({
		items: [{ id: 'alice' }],
		parameters: remove({ options: { deleteFromOrg: true } }),
	});
	expect(calls[0].body.delete_from_org).toBe(true);
	expect(jsonOf(result)).toEqual([
		{
			success: true,
			user_id: 'alice',
			amplitude_id: 11,
			day: '2026-12-12',
			status: 'staging',
			app: '1',
			requester: 'privacy@example.com',
			requested_on_day: '2026-11-30',
			jobs: [
				{ app: '1', day: '2026-12-12', status: 'staging' },
				{ app: '2', day: '2026-12-19', status: 'staging' },
			],
		},
	]);
});

test('a 429 waits and sends again, still at least a second after the previous request', async () => {
	const calls = privacy(HOSTS.us.dashboard, (body, n) =>
		n === 0 ? [429, { error: 'Too many requests' }] : scheduleAll(body),
	);
	const result = await runAmplitude({ items: [{ id: 'alice' }], parameters: remove() });
	expect(calls).toHaveLength(2);
	expect(calls[1].at - calls[0].at).toBe(5000);
	expect(jsonOf(result)[0].success).toBe(true);
});

describe('bad input: a clear error before any request', () => {
	test.each([
		[
			{ id: '' },
			'userId',
			"'ID' is empty. Give each item's User ID, or remove the items that have none [item 1]",
		],
		[
			{ id: 'n/a' },
			'userId',
			`'ID' is "n/a", a placeholder value, not a real user. Give the item's real User ID [item 1]`,
		],
		[
			{ id: 'alice@example.com' },
			'amplitudeId',
			`'ID' must be an Amplitude ID, Amplitude's numeric user ID, but it is "alice@example.com". Set 'ID Type' to User ID for your own IDs, or look the Amplitude ID up with User → Search [item 1]`,
		],
	])('item 1 is %j (%s)', async (bad, idType, message) => {
		const calls = privacy(HOSTS.us.dashboard, scheduleAll);
		const result = await runAmplitude({
			items: [{ id: '123456' }, bad],
			parameters: remove({ idType }),
		});
		expectOperationError(result, message, 1);
		expect(calls).toEqual([]);
	});

	test('without a secret key', async () => {
		const calls = privacy(HOSTS.us.dashboard, scheduleAll);
		const result = await runAmplitude({
			items: [{ id: 'alice' }],
			parameters: remove(),
			credentials: US_WITHOUT_SECRET,
		});
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(calls).toEqual([]);
	});
});
