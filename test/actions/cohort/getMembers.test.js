const zlib = require('node:zlib');
const { runAmplitude, jsonOf } = require('../../support/harness');
const { recordSleeps } = require('../../support/sleeps');
const { nock, HOSTS, setupNock } = require('../../support/http');
const {
	REGIONS,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	route,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const COHORT = '1a2bc3d';
const REQUEST_ID = '5d1b3c2a-req';
const STORAGE = 'https://amplitude-cohort-downloads.s3.us-west-2.amazonaws.com';
const REQUEST = `/api/5/cohorts/request/${COHORT}`;
const STATUS = `/api/5/cohorts/request-status/${REQUEST_ID}`;
const FILE = `/api/5/cohorts/request/${REQUEST_ID}/file`;

// Every field quoted; a property value with a comma, quotes and a line break; amplitude_id repeated
// before the properties (as seen in Amplitude's files with props=1); an anonymous member.
const CSV =
	'"amplitude_id","user_id","amplitude_id","address","plan"\n' +
	'"550106004607","user_one@example.com","550106004607","1 Main St,\nSpringfield ""HQ""","pro"\n' +
	'"617244169723","","617244169723","","free"\n';
const MEMBERS = [
	{
		amplitude_id: 550106004607,
		user_id: 'user_one@example.com',
		amplitude_id_2: '550106004607',
		address: '1 Main St,\nSpringfield "HQ"',
		plan: 'pro',
	},
	{
		amplitude_id: 617244169723,
		user_id: null,
		amplitude_id_2: '617244169723',
		address: '',
		plan: 'free',
	},
];

const getMembers = (extra = {}) => ({
	resource: 'cohort',
	operation: 'getMembers',
	cohortId: COHORT,
	...extra,
});
const status = (async_status) => ({ request_id: REQUEST_ID, cohort_id: COHORT, async_status });
const IN_PROGRESS = [202, status('JOB INPROGRESS')];
const COMPLETED = [200, status('JOB COMPLETED')];

let sleeps;
beforeEach(() => (sleeps = recordSleeps()));
afterEach(() => sleeps.restore());

/**
 * Amplitude's three steps on `host`: the request (202 with the request ID), status answers in
 * turn (the last one repeats), and the file answer.
 */
function amplitude(
	host,
	{
		statuses = [IN_PROGRESS, IN_PROGRESS, COMPLETED],
		file = [200, zlib.gzipSync(CSV), { 'Content-Encoding': 'gzip' }],
	} = {},
) {
	return {
		request: route(host, REQUEST, () => [202, { request_id: REQUEST_ID, cohort_id: COHORT }]),
		status: route(host, STATUS, (_call, n) => statuses[Math.min(n, statuses.length - 1)]),
		file: route(host, FILE, () => file),
	};
}

describe.each(REGIONS)('Cohort → Get Members on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test('requests, polls until the job completes, reads the gzip CSV: one item per member', async () => {
		const seen = amplitude(host);
		const result = await runAmplitude({ parameters: getMembers(), credentials });

		expect(result.status).toBe('success');
		expect(result.output).toEqual(MEMBERS.map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(seen.request.calls.map((call) => call.url)).toEqual([`${host}${REQUEST}`]);
		expect(seen.status.calls).toHaveLength(3);
		expect(seen.file.calls).toHaveLength(1);
		for (const call of [...seen.request.calls, ...seen.status.calls, ...seen.file.calls]) {
			expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		}
		// Polls 1 s apart, then slower.
		expect(sleeps.waits).toEqual([1000, 2000, 4000]);
		expectNoSecrets(result.run, credentials);
	});

	test('a large file: the 302 to the storage host is followed without Authorization; binary output holds the CSV', async () => {
		const location = `${STORAGE}/${REQUEST_ID}.csv.gz?X-Amz-Expires=60&X-Amz-Signature=f00d`;
		amplitude(host, { file: [302, '', { Location: location }] });
		const storage = route(STORAGE, `/${REQUEST_ID}.csv.gz`, () => [
			200,
			zlib.gzipSync(CSV),
			{ 'Content-Type': 'application/octet-stream' },
		]);
		const result = await runAmplitude({
			parameters: getMembers({ options: { outputFormat: 'binary' } }),
			credentials,
		});

		expect(result.status).toBe('success');
		expect(storage.calls).toHaveLength(1);
		expect(storage.calls[0].url).toBe(location);
		expect(storage.calls[0].headers.authorization).toBeUndefined();
		expectNoSecrets(storage.calls[0], credentials);
		expect(result.output).toHaveLength(1);
		const [item] = result.output;
		expect(item.json).toEqual({
			cohort_id: COHORT,
			request_id: REQUEST_ID,
			file_name: `cohort-${COHORT}.csv`,
			bytes: Buffer.byteLength(CSV),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary.data).toMatchObject({
			mimeType: 'text/csv',
			fileName: `cohort-${COHORT}.csv`,
			fileExtension: 'csv',
		});
		expect(Buffer.from(item.binary.data.data, 'base64').toString('utf8')).toBe(CSV);
		expectNoSecrets(result.run, credentials);
	});
});

test('Include Properties sends props=1 and each key as its own propKeys (never propKeys[])', async () => {
	const seen = amplitude(HOSTS.us.dashboard);
	await runAmplitude({
		parameters: getMembers({ includeProperties: true, propertyKeys: 'plan, company name,,' }),
	});
	expect(seen.request.calls[0].url).toBe(
		`${HOSTS.us.dashboard}${REQUEST}?props=1&propKeys=plan&propKeys=company%20name`,
	);
});

test('Include Properties without keys asks for every property', async () => {
	const seen = amplitude(HOSTS.us.dashboard);
	await runAmplitude({ parameters: getMembers({ includeProperties: true }) });
	expect(seen.request.calls[0].url).toBe(`${HOSTS.us.dashboard}${REQUEST}?props=1`);
});

test('Put Output File in Field names the binary field', async () => {
	amplitude(HOSTS.us.dashboard);
	const result = await runAmplitude({
		parameters: getMembers({ options: { outputFormat: 'binary', binaryPropertyName: 'members' } }),
	});
	expect(Object.keys(result.output[0].binary)).toEqual(['members']);
});

test('an empty cohort gives no items', async () => {
	amplitude(HOSTS.us.dashboard, { file: [200, '"amplitude_id","user_id"\n'] });
	const result = await runAmplitude({ parameters: getMembers() });
	expect(result.status).toBe('success');
	expect(result.output).toEqual([]);
});

test('a file that is not gzip and has CRLF line ends reads the same', async () => {
	amplitude(HOSTS.us.dashboard, {
		file: [200, CSV.replace(/"\n"/g, '"\r\n"'), { 'Content-Type': 'text/csv' }],
	});
	const result = await runAmplitude({ parameters: getMembers() });
	expect(jsonOf(result)).toEqual(MEMBERS);
});

test('Max Wait runs out: an error naming the request ID and how to pick the download up', async () => {
	const seen = amplitude(HOSTS.us.dashboard, { statuses: [IN_PROGRESS] });
	const result = await runAmplitude({
		parameters: getMembers({ options: { maxWaitSeconds: 10 } }),
	});

	expectOperationError(
		result,
		`Amplitude had not finished preparing the members of cohort "${COHORT}" (request ID ${REQUEST_ID}) after 10 seconds [item 0]`,
	);
	expect(result.error.description).toBe(
		`Run again with Options → Request ID set to ${REQUEST_ID} to pick up the same download (a new request would count toward Amplitude's 500 cohort downloads a month), or allow more time in Options → Max Wait. Amplitude often takes a minute or more, whatever the cohort's size.`,
	);
	expect(sleeps.waits).toEqual([1000, 2000, 4000, 3000]);
	expect(seen.status.calls).toHaveLength(4);
	expect(seen.file.calls).toHaveLength(0);
});

test('the default wait is 300 seconds, polls at most 5 s apart', async () => {
	amplitude(HOSTS.us.dashboard, { statuses: [IN_PROGRESS] });
	const result = await runAmplitude({ parameters: getMembers() });
	expect(result.status).toBe('error');
	expect(sleeps.waits.reduce((a, b) => a + b, 0)).toBe(300_000);
	expect(Math.max(...sleeps.waits)).toBe(5000);
});

test('Options → Request ID picks up an earlier download without a new request', async () => {
	const seen = amplitude(HOSTS.us.dashboard, { statuses: [COMPLETED] });
	const result = await runAmplitude({
		parameters: getMembers({ options: { requestId: ` ${REQUEST_ID} ` } }),
	});
	expect(jsonOf(result)).toEqual(MEMBERS);
	expect(seen.request.calls).toHaveLength(0);
	expect(seen.status.calls).toHaveLength(1);
});

test('an unknown cohort: the request fails with a hint about the Cohort ID', async () => {
	route(HOSTS.us.dashboard, REQUEST, () => [
		404,
		{ error: { http_code: 404, type: 'not_found', message: 'Cohort not found' } },
	]);
	const result = await runAmplitude({ parameters: getMembers() });
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toBe(
		`Could not request the members of cohort "${COHORT}": Amplitude answered 404: Cohort not found [item 0]`,
	);
	expect(result.error.description).toMatch(/^Amplitude knows no cohort "1a2bc3d" in this project/);
	expect(result.error.httpCode).toBe('404');
});

test('a request answer without request_id is an error, not a silent wait', async () => {
	route(HOSTS.us.dashboard, REQUEST, () => [202, { cohort_id: COHORT }]);
	const result = await runAmplitude({ parameters: getMembers() });
	expect(result.error.message).toBe(
		`Could not request the members of cohort "${COHORT}": Amplitude answered 202 without a request_id [item 0]`,
	);
});

test('a failed job stops the wait at once', async () => {
	const seen = amplitude(HOSTS.us.dashboard, {
		statuses: [IN_PROGRESS, [200, status('JOB FAILED')]],
	});
	const result = await runAmplitude({ parameters: getMembers() });
	expect(result.error.message).toBe(
		`Amplitude could not prepare the members of cohort "${COHORT}" (request ID ${REQUEST_ID}): Amplitude reported "JOB FAILED" [item 0]`,
	);
	expect(seen.status.calls).toHaveLength(2);
});

test('a poll answered 503 is retried, and polling goes on', async () => {
	const seen = amplitude(HOSTS.us.dashboard, { statuses: [[503, {}], IN_PROGRESS, COMPLETED] });
	const result = await runAmplitude({ parameters: getMembers({ options: { maxRetryWait: 1 } }) });
	expect(jsonOf(result)).toEqual(MEMBERS);
	expect(seen.status.calls).toHaveLength(3);
});

test('a poll answered 401 fails with the keys hint', async () => {
	amplitude(HOSTS.us.dashboard, {
		statuses: [[401, { error: { http_code: 401, message: 'Unauthorized' } }]],
	});
	const result = await runAmplitude({ parameters: getMembers() });
	expect(result.error.message).toBe(
		`Could not follow the members of cohort "${COHORT}" (request ID ${REQUEST_ID}): Amplitude answered 401: Unauthorized [item 0]`,
	);
	expect(result.error.description).toMatch(
		/^The Dashboard REST API refused the API key and secret key/,
	);
});

test('an expired storage link: an error saying so, with the request ID to resume', async () => {
	amplitude(HOSTS.us.dashboard, { file: [302, '', { Location: `${STORAGE}/x.csv.gz` }] });
	route(STORAGE, '/x.csv.gz', () => [
		403,
		'<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
	]);
	const result = await runAmplitude({ parameters: getMembers({ options: { retryAttempts: 1 } }) });
	expect(result.error.message).toBe(
		`Could not download the members of cohort "${COHORT}" (request ID ${REQUEST_ID}): Amplitude answered 403: <Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error> [item 0]`,
	);
	expect(result.error.description).toBe(
		`The storage host Amplitude sent the download to refused it (its links last one minute). The file stays available for 7 days. Run again with Options → Request ID set to ${REQUEST_ID} to pick up the same download (a new request would count toward Amplitude's 500 cohort downloads a month).`,
	);
});

test('a file that breaks off: an error saying how many members came, and the request ID', async () => {
	const gzip = zlib.gzipSync(CSV + CSV.split('\n').slice(1).join('\n').repeat(200));
	amplitude(HOSTS.us.dashboard, { file: [200, gzip.subarray(0, Math.floor(gzip.length / 2))] });
	const result = await runAmplitude({ parameters: getMembers(), continueOnFail: true });
	const [failure] = jsonOf(result);
	expect(failure.success).toBe(false);
	expect(failure.code).toBeNull();
	expect(failure.error).toMatch(
		new RegExp(
			`^The download of the members of cohort "${COHORT}" \\(request ID ${REQUEST_ID}\\) stopped after \\d+ members: .+ \\[item 0\\]\\. The connection or the file broke off\\. Run again with Options → Request ID set to ${REQUEST_ID}`,
		),
	);
});

test('several input items download one after another', async () => {
	const order = [];
	for (const cohortId of ['c1', 'c2']) {
		const requestId = `req-${cohortId}`;
		route(HOSTS.us.dashboard, `/api/5/cohorts/request/${cohortId}`, () => {
			order.push(`request ${cohortId}`);
			return [202, { request_id: requestId }];
		});
		route(HOSTS.us.dashboard, `/api/5/cohorts/request-status/${requestId}`, () => {
			order.push(`status ${cohortId}`);
			return [200, { async_status: 'JOB COMPLETED' }];
		});
		route(HOSTS.us.dashboard, `/api/5/cohorts/request/${requestId}/file`, () => {
			order.push(`file ${cohortId}`);
			return [200, `"amplitude_id","user_id"\n"1","${cohortId}-user"\n`];
		});
	}
	const result = await runAmplitude({
		items: [{ c: 'c1' }, { c: 'c2' }],
		parameters: getMembers({ cohortId: '={{ $json.c }}' }),
	});
	expect(order).toEqual([
		'request c1',
		'status c1',
		'file c1',
		'request c2',
		'status c2',
		'file c2',
	]);
	expect(result.output).toEqual([
		{ json: { amplitude_id: 1, user_id: 'c1-user' }, pairedItem: { item: 0 } },
		{ json: { amplitude_id: 1, user_id: 'c2-user' }, pairedItem: { item: 1 } },
	]);
});

describe('bad input: a clear error before any request', () => {
	test.each([
		[
			'',
			`'Cohort ID' is empty. Give the cohort's ID, as in its Amplitude URL (e.g. 1a2bc3d) or from Cohort → Get Many [item 0]`,
		],
		[
			'1a2b/../x',
			`'Cohort ID' "1a2b/../x" is not a cohort ID: Amplitude's cohort IDs are letters and digits, such as 1a2bc3d. Copy it from the cohort's Amplitude URL or from Cohort → Get Many [item 0]`,
		],
	])('Cohort ID %j', async (cohortId, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			items: [{ cohort: cohortId }],
			parameters: getMembers({ cohortId: '={{ $json.cohort }}' }),
		});
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('Max Wait out of range', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			parameters: getMembers({ options: { maxWaitSeconds: 0 } }),
		});
		expectOperationError(
			result,
			`'Max Wait (Seconds)' must be a whole number from 1 to 3600, but it is 0 [item 0]`,
		);
		expect(trap.calls).toEqual([]);
	});
});
