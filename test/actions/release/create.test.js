// Release → Create: POST /api/2/release on the Dashboard host, JSON body, times in UTC.
const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	expectSecretsOnlyInAuthorization,
	missingSecretMessage,
	routePosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/2/release';
const create = (extra = {}, options = {}) => ({
	resource: 'release',
	operation: 'create',
	version: '2.0.0',
	title: 'Test Release 2',
	releaseStart: '2026-06-16T02:00:00+02:00',
	...extra,
	options: { maxRetryWait: 0, ...options },
});
// Amplitude's observed answer (NANGO create-release fixture).
const RELEASE = {
	id: 'w4962caj',
	app_id: 829528,
	org_id: 440728,
	version: '2.0.0',
	release_start: '2026-06-16 00:00:00',
	release_end: null,
	type: 'integration',
	title: 'Test Release 2',
	description: '',
	platforms: null,
	chart_visibility: true,
	params: {
		created: 1781610940557,
		created_by: '',
		last_modified: 1781610940557,
		last_modified_by: '',
	},
};

const posts = (host, replies) => routePosts(host, PATH, replies);

describe.each(REGIONS)('Create Release on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test('POSTs version, title and release_start (yyyy-MM-dd HH:mm:ss, UTC) as JSON; outputs the release', async () => {
		const seen = posts(host, [[200, { success: true, release: RELEASE }]]);
		const result = await runAmplitude({ parameters: create(), credentials });

		expect(result.status).toBe('success');
		const [call] = seen.calls;
		expect(call.url).toBe(`${host}${PATH}`);
		expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.body).toEqual({
			version: '2.0.0',
			title: 'Test Release 2',
			release_start: '2026-06-16 00:00:00',
		});
		expectSecretsOnlyInAuthorization(call, credentials);
		expect(result.output).toEqual([
			{ json: { success: true, ...RELEASE }, pairedItem: { item: 0 } },
		]);
		expectNoSecrets(result.run, credentials);
	});

	test('every option goes on the wire', async () => {
		const seen = posts(host, [[200, { success: true, release: RELEASE }]]);
		await runAmplitude({
			credentials,
			parameters: create(
				{},
				{
					releaseEnd: '2026-06-17',
					description: 'New checkout',
					platforms: 'iOS, Android ,,Web',
					createdBy: 'release-bot',
					chartVisibility: false,
				},
			),
		});
		expect(seen.calls[0].body).toEqual({
			version: '2.0.0',
			title: 'Test Release 2',
			release_start: '2026-06-16 00:00:00',
			release_end: '2026-06-17 00:00:00',
			description: 'New checkout',
			created_by: 'release-bot',
			platforms: ['iOS', 'Android', 'Web'],
			chart_visibility: false,
		});
	});
});

test('an answer without the release object: the fields sent', async () => {
	posts(HOSTS.us.dashboard, [[200, { success: true }]]);
	const result = await runAmplitude({ parameters: create() });
	expect(jsonOf(result)).toEqual([
		{
			success: true,
			version: '2.0.0',
			title: 'Test Release 2',
			release_start: '2026-06-16 00:00:00',
		},
	]);
});

test('a 400 names the problem; with continue on error the item fails alone', async () => {
	posts(HOSTS.us.dashboard, [
		[
			400,
			{
				error: {
					http_code: 400,
					type: 'invalid',
					message: 'Invalid release',
					metadata: { details: 'version is required' },
				},
			},
		],
	]);
	const result = await runAmplitude({ parameters: create(), continueOnFail: true });
	expect(jsonOf(result)).toEqual([
		{
			success: false,
			error:
				'Amplitude answered 400: Invalid release: version is required [item 0]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
			code: 400,
		},
	]);
});

test('a 503 is not retried: the release may have been written', async () => {
	const seen = posts(HOSTS.us.dashboard, [[503, 'Service Unavailable']]);
	const result = await runAmplitude({ parameters: create({}, { retryAttempts: 5 }) });
	expect(seen.calls).toHaveLength(1);
	expect(result.error.message).toBe('Amplitude answered 503: Service Unavailable [item 0]');
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			'a version that comes out empty',
			{ version: '={{ $json.missing }}' },
			{},
			"'Version' is empty. It is required for a release [item 0]",
		],
		[
			'an empty title',
			{ title: ' ' },
			{},
			"'Title' is empty. It is required for a release [item 0]",
		],
		[
			'an unreadable start',
			{ releaseStart: 'now-ish' },
			{},
			`'Release Start' is not a valid date or time: "now-ish". Use an ISO date-time (2026-11-01T07:00:00+01:00), a date (2026-11-01 or 20261101), epoch milliseconds or an n8n date such as {{ $now }} [item 0]`,
		],
		[
			'an end before the start',
			{},
			{ releaseEnd: '2026-06-15T00:00:00Z' },
			"'Release End' (2026-06-15 00:00:00 UTC) is before 'Release Start' (2026-06-16 00:00:00 UTC). Give a later end, or none [item 0]",
		],
	])('%s', async (_name, extra, options, message) => {
		const seen = posts(HOSTS.us.dashboard, [[200, { success: true, release: RELEASE }]]);
		const result = await runAmplitude({ parameters: create(extra, options) });
		expectOperationError(result, message);
		expect(seen.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const seen = posts(HOSTS.us.dashboard, [[200, { success: true, release: RELEASE }]]);
		const result = await runAmplitude({ parameters: create(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(seen.calls).toEqual([]);
	});
});
