const { runAmplitude, jsonOf, US } = require('../../support/harness');
const { recordSleeps } = require('../../support/sleeps');
const { nock, HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	missingSecretMessage,
	secretForms,
} = require('../../support/fixtures');

setupNock();

const UPLOAD = '/api/3/cohorts/upload';
const MEMBERSHIP = '/api/3/cohorts/membership';
const PROJECT_ID = 829528;
const withProject = (credentials) => ({ ...credentials, projectId: PROJECT_ID });

const upload = (extra = {}) => ({
	resource: 'cohort',
	operation: 'upload',
	name: 'CRM: enterprise trials',
	id: '={{ $json.email }}',
	owner: 'owner@example.com',
	...extra,
});
const users = (n) => Array.from({ length: n }, (_, i) => ({ email: `user-${i}@example.com` }));

/** Amplitude's upload answer (docs since 2024-10). */
const uploaded = (invalid = []) => ({
	cohortId: '1a2bc3d',
	metadata: { matched: 3 - invalid.length, totals: 3, invalid_ids_sample: invalid },
});

let sleeps;
beforeEach(() => (sleeps = recordSleeps()));
afterEach(() => sleeps.restore());

/** Every POST to host+path: its body and headers, answered by reply(body, n). */
function posts(host, path, reply) {
	const calls = [];
	nock(host)
		.persist()
		.post(path)
		.reply(function (_uri, body) {
			calls.push({ body, headers: this.req.headers });
			return reply(body, calls.length - 1);
		});
	return calls;
}

describe.each(REGIONS)('Cohort → Upload on the %s region', (region, credentials) => {
	test('POSTs every item as one static cohort: the JSON body, Basic auth; one output per item', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'POST', UPLOAD, [
			200,
			uploaded(['user-2@example.com']),
		]);
		const result = await runAmplitude({
			items: users(3),
			parameters: upload(),
			credentials: withProject(credentials),
		});

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		const [call] = seen.calls;
		expect(call.url).toBe(`${HOSTS[region].dashboard}${UPLOAD}`);
		expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.body).toEqual({
			name: 'CRM: enterprise trials',
			app_id: PROJECT_ID,
			id_type: 'BY_USER_ID',
			ids: ['user-0@example.com', 'user-1@example.com', 'user-2@example.com'],
			owner: 'owner@example.com',
			published: true,
		});
		const { authorization, ...headers } = call.headers;
		expectNoSecrets({ ...call, headers }, credentials);
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					user_id: 'user-0@example.com',
					status: 'applied',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					user_id: 'user-1@example.com',
					status: 'applied',
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					success: true,
					cohort_id: '1a2bc3d',
					user_id: 'user-2@example.com',
					status: 'skipped',
				},
				pairedItem: { item: 2 },
			},
		]);
	});
});

test('Amplitude IDs go as strings with BY_AMP_ID and come out as numbers', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'POST', UPLOAD, [200, uploaded()]);
	const result = await runAmplitude({
		items: [{ a: 356896327775 }, { a: '610447902357' }],
		parameters: upload({ idType: 'amplitudeId', id: '={{ $json.a }}', published: false }),
		credentials: withProject(US),
	});
	expect(seen.calls[0].body).toMatchObject({
		id_type: 'BY_AMP_ID',
		ids: ['356896327775', '610447902357'],
		published: false,
	});
	expect(jsonOf(result).map((json) => json.amplitude_id)).toEqual([356896327775, 610447902357]);
});

test("the operation's Project ID wins over the credential's", async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'POST', UPLOAD, [200, uploaded()]);
	await runAmplitude({
		items: users(1),
		parameters: upload({ projectId: 4242 }),
		credentials: withProject(US),
	});
	expect(seen.calls[0].body.app_id).toBe(4242);
});

test('Existing Cohort ID replaces that cohort: existing_cohort_id is sent', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'POST', UPLOAD, [
		200,
		{ cohortId: 'k9x8', metadata: {} },
	]);
	const result = await runAmplitude({
		items: users(1),
		parameters: upload({ options: { existingCohortId: 'k9x8' } }),
		credentials: withProject(US),
	});
	expect(seen.calls[0].body.existing_cohort_id).toBe('k9x8');
	expect(jsonOf(result)[0].cohort_id).toBe('k9x8');
});

test("Amplitude's answer before 2024-10 (cohort_id) is read as well", async () => {
	expectRequest(HOSTS.us.dashboard, 'POST', UPLOAD, [200, { cohort_id: 'old1' }]);
	const result = await runAmplitude({
		items: users(1),
		parameters: upload(),
		credentials: withProject(US),
	});
	expect(jsonOf(result)[0].cohort_id).toBe('old1');
});

test('above 100,000 IDs: the cohort is made with the first 100,000, the rest added by membership', async () => {
	const uploads = posts(HOSTS.us.dashboard, UPLOAD, () => [
		200,
		{ cohortId: 'big1', metadata: {} },
	]);
	const memberships = posts(HOSTS.us.dashboard, MEMBERSHIP, (body) => [
		200,
		{
			cohort_id: 'big1',
			memberships_result: [
				{ skipped_ids: ['user-100003@example.com'], id_type: 'BY_NAME', operation: 'ADD' },
			],
		},
	]);
	const result = await runAmplitude({
		items: users(100_005),
		parameters: upload(),
		credentials: withProject(US),
	});

	expect(result.status).toBe('success');
	expect(uploads).toHaveLength(1);
	expect(uploads[0].body.ids).toHaveLength(100_000);
	expect(uploads[0].body.ids.at(-1)).toBe('user-99999@example.com');
	expect(memberships).toHaveLength(1);
	expect(memberships[0].headers.authorization).toBe(dashboardAuth(US));
	expect(memberships[0].body).toEqual({
		cohort_id: 'big1',
		memberships: [
			{
				ids: [
					'user-100000@example.com',
					'user-100001@example.com',
					'user-100002@example.com',
					'user-100003@example.com',
					'user-100004@example.com',
				],
				id_type: 'BY_NAME',
				operation: 'ADD',
			},
		],
		skip_invalid_ids: true,
	});
	const output = jsonOf(result);
	expect(output).toHaveLength(100_005);
	expect(output[0]).toEqual({
		success: true,
		cohort_id: 'big1',
		user_id: 'user-0@example.com',
		status: 'applied',
	});
	expect(output.slice(100_000)).toEqual([
		{ success: true, cohort_id: 'big1', user_id: 'user-100000@example.com', status: 'applied' },
		{ success: true, cohort_id: 'big1', user_id: 'user-100001@example.com', status: 'applied' },
		{ success: true, cohort_id: 'big1', user_id: 'user-100002@example.com', status: 'applied' },
		{ success: true, cohort_id: 'big1', user_id: 'user-100003@example.com', status: 'skipped' },
		{ success: true, cohort_id: 'big1', user_id: 'user-100004@example.com', status: 'applied' },
	]);
});

test('a failed upload of the first 100,000 leaves the rest unsent, each item saying why', async () => {
	posts(HOSTS.us.dashboard, UPLOAD, () => [
		400,
		{ error: { http_code: 400, type: 'invalid', message: 'Invalid owner' } },
	]);
	const memberships = posts(HOSTS.us.dashboard, MEMBERSHIP, () => [200, {}]);
	const result = await runAmplitude({
		items: users(100_001),
		parameters: upload(),
		credentials: withProject(US),
		continueOnFail: true,
	});

	expect(memberships).toHaveLength(0);
	const output = jsonOf(result);
	expect(output[0]).toEqual({
		success: false,
		error:
			'Amplitude answered 400: Invalid owner [item 0]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
		code: 400,
	});
	expect(output[100_000]).toEqual({
		success: false,
		error:
			'Not sent: the cohort upload of the first 100,000 IDs failed, so there was no cohort to add this ID to [item 100000]. Fix the failure of the first items and run the node again.',
		code: null,
	});
});

test('a 400 is never split into halves (each half would make a cohort of its own)', async () => {
	const uploads = posts(HOSTS.us.dashboard, UPLOAD, () => [400, { error: 'bad' }]);
	const result = await runAmplitude({
		items: users(8),
		parameters: upload(),
		credentials: withProject(US),
	});
	expect(uploads).toHaveLength(1);
	expect(result.status).toBe('error');
	expect(result.error.message).toBe(
		'8 of 8 items failed (the other 0 were added to the cohort): Amplitude answered 400: bad [item 0]; Amplitude answered 400: bad [item 1]; Amplitude answered 400: bad [item 2]; Amplitude answered 400: bad [item 3]; Amplitude answered 400: bad [item 4]; Amplitude answered 400: bad [item 5]; Amplitude answered 400: bad [item 6]; Amplitude answered 400: bad [item 7]',
	);
});

test('429 and 5xx are retried with backoff', async () => {
	const replies = [
		[503, {}],
		[429, {}],
		[200, uploaded()],
	];
	const uploads = posts(HOSTS.us.dashboard, UPLOAD, (_body, n) => replies[n]);
	const result = await runAmplitude({
		items: users(3),
		parameters: upload(),
		credentials: withProject(US),
	});
	expect(uploads).toHaveLength(3);
	expect(jsonOf(result).every((json) => json.success)).toBe(true);
	expect(sleeps.waits).toHaveLength(2);
	expect(sleeps.waits[1]).toBe(5000);
});

test('a 2xx without a cohort ID fails the items instead of passing silently', async () => {
	posts(HOSTS.us.dashboard, UPLOAD, () => [200, '<html>ok</html>']);
	const result = await runAmplitude({
		items: users(1),
		parameters: upload(),
		credentials: withProject(US),
		continueOnFail: true,
	});
	expect(jsonOf(result)).toEqual([
		{
			success: false,
			error:
				'Amplitude answered 200 to the cohort upload without a cohort ID [item 0]. The address may not be an Amplitude API. Check the credential region or custom URLs.',
			code: 200,
		},
	]);
});

describe('bad input: a clear error before any request', () => {
	function noRequests() {
		return posts(HOSTS.us.dashboard, UPLOAD, () => [200, uploaded()]);
	}

	test('no Project ID in the operation or the credential', async () => {
		const calls = noRequests();
		const result = await runAmplitude({ items: users(2), parameters: upload() });
		expectOperationError(
			result,
			"Uploading a cohort needs the project's numeric ID, and neither 'Project ID' nor the credential has one. Fill in Project ID in the Amplitude API credential (Amplitude: Settings → Projects → your project) or in this operation [item 0]",
		);
		expect(calls).toEqual([]);
	});

	test.each([
		[
			{ email: '' },
			"'ID' is empty. Give each item's User ID, or remove the items that have none [item 1]",
		],
		[
			{ email: 'null' },
			`'ID' is "null", a placeholder value, not a real user. Give the item's real User ID [item 1]`,
		],
		[{}, "'ID' is empty. Give each item's User ID, e.g. {{ $json.user_id }} [item 1]"],
	])('item 1 is %j', async (bad, message) => {
		const calls = noRequests();
		const result = await runAmplitude({
			items: [users(1)[0], bad],
			parameters: upload(),
			credentials: withProject(US),
		});
		expectOperationError(result, message, 1);
		expect(calls).toEqual([]);
	});

	test('an Amplitude ID that is not a number', async () => {
		const calls = noRequests();
		const result = await runAmplitude({
			items: users(1),
			parameters: upload({ idType: 'amplitudeId' }),
			credentials: withProject(US),
		});
		expectOperationError(
			result,
			`'ID' must be an Amplitude ID, Amplitude's numeric user ID, but it is "user-0@example.com". Set 'ID Type' to User ID for your own IDs, or look the Amplitude ID up with User → Search [item 0]`,
		);
		expect(calls).toEqual([]);
	});

	test('an empty Owner', async () => {
		const calls = noRequests();
		const result = await runAmplitude({
			items: users(1),
			parameters: upload({ owner: '={{ "" }}' }),
			credentials: withProject(US),
		});
		expectOperationError(
			result,
			"'Owner' is empty. Give the login email of the Amplitude user who will own the cohort [item 0]",
		);
		expect(calls).toEqual([]);
	});

	test('with continue on error, the bad items fail and the others are uploaded', async () => {
		const seen = expectRequest(HOSTS.us.dashboard, 'POST', UPLOAD, [200, uploaded()]);
		const result = await runAmplitude({
			items: [{ email: 'a@example.com' }, { email: '' }, { email: 'b@example.com' }],
			parameters: upload(),
			credentials: withProject(US),
			continueOnFail: true,
		});
		expect(seen.calls[0].body.ids).toEqual(['a@example.com', 'b@example.com']);
		expect(jsonOf(result)).toEqual([
			{ success: true, cohort_id: '1a2bc3d', user_id: 'a@example.com', status: 'applied' },
			{
				success: false,
				error:
					"'ID' is empty. Give each item's User ID, or remove the items that have none [item 1]",
				code: null,
			},
			{ success: true, cohort_id: '1a2bc3d', user_id: 'b@example.com', status: 'applied' },
		]);
	});

	test('without a secret key', async () => {
		const calls = noRequests();
		const result = await runAmplitude({
			items: users(1),
			parameters: upload(),
			credentials: withProject(US_WITHOUT_SECRET),
		});
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(calls).toEqual([]);
	});
});

test('no key in any output or error', async () => {
	posts(HOSTS.us.dashboard, UPLOAD, () => [
		403,
		{ error: { http_code: 403, message: 'Invalid API/Secret Key combination' } },
	]);
	const result = await runAmplitude({
		items: users(2),
		parameters: upload(),
		credentials: withProject(US),
	});
	expect(result.status).toBe('error');
	const text = JSON.stringify(result.run);
	for (const secret of secretForms(US)) expect(text).not.toContain(secret);
});
