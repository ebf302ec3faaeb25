// How the read operations (Dashboard REST and User Profile) turn Amplitude's error answers into
// n8n errors, retry what is worth retrying, and fail single items under "continue on error".
const { runAmplitude, jsonOf, US, EU, customCredentials } = require('../support/harness');
const { recordSleeps } = require('../support/sleeps');
const { nock, HOSTS, setupNock, rawCaptureServer, RESET } = require('../support/http');
const {
	REGIONS,
	SEARCH_BODY,
	SEGMENTATION_BODY,
	PROFILE_BODY,
	INVALID_CHART_BODY,
	expectNoSecrets,
	route,
	sequence,
} = require('../support/fixtures');
const { READ_ERROR_DESCRIPTIONS: DESCRIPTIONS } = require('../support/readErrors');

setupNock();

const FAST_RETRIES = { retryAttempts: 2, maxRetryWait: 0 };
const SEARCH = '/api/2/usersearch';
const SEGMENTATION = '/api/2/events/segmentation';

const search = (user = 'alice', options = FAST_RETRIES) => ({
	resource: 'user',
	operation: 'search',
	user,
	options,
});
const segmentation = (options = FAST_RETRIES) => ({
	resource: 'analytics',
	operation: 'eventSegmentation',
	eventType: 'watch_tutorial',
	start: '20240801',
	end: '20240802',
	options,
});
const profile = (options = FAST_RETRIES) => ({
	resource: 'user',
	operation: 'getProfile',
	userId: '12345',
	options,
});

function expectApiError(result, { message, httpCode, description, itemIndex = 0 }) {
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toBe(message);
	expect(result.error.httpCode).toBe(httpCode);
	expect(result.error.description).toBe(description);
	expect(result.error.context.itemIndex).toBe(itemIndex);
}

describe.each(REGIONS)('Dashboard error answers on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test.each([
		// [status, body, attempts made, message, description]
		[
			400,
			INVALID_CHART_BODY,
			1,
			'Amplitude answered 400: Invalid chart definition: event_type is unknown [item 0]',
			DESCRIPTIONS.invalid,
		],
		[
			401,
			'Invalid API key',
			1,
			'Amplitude answered 401: Invalid API key [item 0]',
			DESCRIPTIONS.dashboardKeys,
		],
		[403, '', 1, 'Amplitude answered 403: HTTP 403 [item 0]', DESCRIPTIONS.dashboardKeys],
		[404, '', 1, 'Amplitude answered 404: HTTP 404 [item 0]', DESCRIPTIONS.notFound],
		[
			429,
			'Too many concurrent requests for this project',
			2,
			'Amplitude answered 429: Too many concurrent requests for this project [item 0]',
			DESCRIPTIONS.rateLimit,
		],
		[
			500,
			{ error: 'Internal Server Error' },
			2,
			'Amplitude answered 500: Internal Server Error [item 0]',
			DESCRIPTIONS.serverError,
		],
		[504, '', 2, 'Amplitude answered 504: HTTP 504 [item 0]', DESCRIPTIONS.tooLarge],
	])(
		"%s becomes a NodeApiError with Amplitude's status and message",
		async (status, body, attempts, message, description) => {
			const seen = sequence(
				host,
				SEGMENTATION,
				Array.from({ length: attempts }, () => [status, body]),
			);
			const result = await runAmplitude({ parameters: segmentation(), credentials });

			expectApiError(result, { message, httpCode: String(status), description });
			expect(seen.calls).toHaveLength(attempts);
			expect(result.output).toEqual([]);
			expectNoSecrets(result.run, credentials);
		},
	);
});

describe('User Profile error answers', () => {
	test('401 "Invalid Api-Key" points at the secret key and the Api-Key scheme', async () => {
		const seen = sequence(HOSTS.us.profile, '/v1/userprofile', [
			[401, { error: 'Invalid Api-Key' }],
		]);
		const result = await runAmplitude({ parameters: profile() });

		expectApiError(result, {
			message: 'Amplitude answered 401: Invalid Api-Key [item 0]',
			httpCode: '401',
			description: DESCRIPTIONS.profileKey,
		});
		expect(seen.calls).toHaveLength(1);
		expectNoSecrets(result.run, US);
	});

	test("429 with the profile API's own message is retried, then reported", async () => {
		const body = {
			error:
				'Number of requests per minute exceeds system limit. Contact Support if you need this limit raised',
		};
		const seen = sequence(HOSTS.us.profile, '/v1/userprofile', [
			[429, body],
			[429, body],
		]);
		const result = await runAmplitude({ parameters: profile() });

		expectApiError(result, {
			message:
				'Amplitude answered 429: Number of requests per minute exceeds system limit. Contact Support if you need this limit raised [item 0]',
			httpCode: '429',
			description: DESCRIPTIONS.rateLimit,
		});
		expect(seen.calls).toHaveLength(2);
	});
});

test('a 200 answer that is not JSON (a web page) is an error, not an empty result', async () => {
	sequence(HOSTS.us.dashboard, SEARCH, [
		[200, '<!doctype html><title>Amplitude</title>', { 'Content-Type': 'text/html' }],
	]);
	const result = await runAmplitude({ parameters: search() });
	expectApiError(result, {
		message: 'Amplitude answered 200 without a JSON object [item 0]',
		httpCode: '200',
		description:
			'The address may not be an Amplitude API. Check the credential region or custom URLs.',
	});
});

test('keys echoed in an error body are redacted from the message and the stored run', async () => {
	const echo = `Invalid key pair ${US.apiKey}:${US.secretKey} (${Buffer.from(`${US.apiKey}:${US.secretKey}`).toString('base64')})`;
	sequence(HOSTS.us.dashboard, SEARCH, [[401, echo]]);
	const result = await runAmplitude({ parameters: search(), continueOnFail: false });

	expect(result.error.message).toBe(
		'Amplitude answered 401: Invalid key pair [redacted]:[redacted] ([redacted]) [item 0]',
	);
	expectNoSecrets(result.run, US);
});

describe('retries', () => {
	test.each([429, 500, 502, 503, 504, 408])(
		'%s is retried and a later 200 succeeds',
		async (status) => {
			const seen = sequence(HOSTS.us.dashboard, SEGMENTATION, [
				[status, ''],
				[200, SEGMENTATION_BODY],
			]);
			const result = await runAmplitude({ parameters: segmentation() });

			expect(result.status).toBe('success');
			expect(seen.calls).toHaveLength(2);
			expect(seen.calls[1].query).toEqual(seen.calls[0].query);
			expect(seen.calls[1].headers.authorization).toBe(seen.calls[0].headers.authorization);
			expect(result.output).toEqual([
				{
					json: {
						success: true,
						series: SEGMENTATION_BODY.data.series,
						series_labels: SEGMENTATION_BODY.data.seriesLabels,
						series_collapsed: SEGMENTATION_BODY.data.seriesCollapsed,
						x_values: SEGMENTATION_BODY.data.xValues,
					},
					pairedItem: { item: 0 },
				},
			]);
		},
	);

	test('Max Attempts bounds the tries: 3 attempts give 3 requests, then the error', async () => {
		const seen = sequence(HOSTS.us.dashboard, SEARCH, [
			[503, ''],
			[503, ''],
			[503, ''],
		]);
		const result = await runAmplitude({
			parameters: search('alice', { retryAttempts: 3, maxRetryWait: 0 }),
		});

		expect(seen.calls).toHaveLength(3);
		expectApiError(result, {
			message: 'Amplitude answered 503: HTTP 503 [item 0]',
			httpCode: '503',
			description: DESCRIPTIONS.serverError,
		});
	});

	test('Max Attempts 1 means no retry', async () => {
		const seen = sequence(HOSTS.us.dashboard, SEARCH, [[429, '']]);
		const result = await runAmplitude({
			parameters: search('alice', { retryAttempts: 1, maxRetryWait: 0 }),
		});
		expect(seen.calls).toHaveLength(1);
		expect(result.error.httpCode).toBe('429');
	});

	describe('waits', () => {
		let sleeps;
		beforeEach(() => {
			sleeps = recordSleeps();
		});
		afterEach(() => sleeps.restore());

		test('Retry-After (seconds) is honoured', async () => {
			// Without Retry-After the first wait would be at most 1 s; Retry-After asks for 2 s.
			const seen = sequence(HOSTS.us.dashboard, SEARCH, [
				[429, '', { 'Retry-After': '2' }],
				[200, SEARCH_BODY],
			]);
			const result = await runAmplitude({
				parameters: search('alice', { retryAttempts: 2, maxRetryWait: 10 }),
			});

			expect(result.status).toBe('success');
			expect(seen.calls).toHaveLength(2);
			expect(sleeps.waits).toEqual([2000]);
		});

		test('Retry-After as an HTTP date is honoured', async () => {
			const at = new Date(Math.ceil((Date.now() + 2500) / 1000) * 1000);
			const seen = sequence(HOSTS.us.dashboard, SEARCH, [
				[503, '', { 'Retry-After': at.toUTCString() }],
				[200, SEARCH_BODY],
			]);
			const result = await runAmplitude({
				parameters: search('alice', { retryAttempts: 2, maxRetryWait: 10 }),
			});

			expect(result.status).toBe('success');
			expect(sleeps.waits).toHaveLength(1);
			// The wait runs until that date, counted from when the answer was read (after it was sent).
			const answeredAt = seen.calls[0].at;
			expect(sleeps.waits[0]).toBeLessThanOrEqual(at.getTime() - answeredAt);
			expect(sleeps.waits[0]).toBeGreaterThan(at.getTime() - answeredAt - 1000);
		});

		test('Longest Wait caps Retry-After', async () => {
			const seen = sequence(HOSTS.us.dashboard, SEARCH, [
				[429, '', { 'Retry-After': '3600' }],
				[200, SEARCH_BODY],
			]);
			const result = await runAmplitude({
				parameters: search('alice', { retryAttempts: 2, maxRetryWait: 0 }),
			});

			expect(result.status).toBe('success');
			expect(seen.calls).toHaveLength(2);
			expect(sleeps.waits).toEqual([0]);
		});
	});

	describe('connections dropped without an answer', () => {
		// A real loopback server that drops the socket, answering as scripted per attempt.
		async function dropping(answers) {
			let attempt = 0;
			const server = await rawCaptureServer(() => answers[Math.min(attempt++, answers.length - 1)]);
			servers.push(server);
			return {
				server,
				credentials: customCredentials(server.url, { apiKey: US.apiKey, secretKey: US.secretKey }),
			};
		}
		const servers = [];
		afterEach(async () => {
			await Promise.all(servers.splice(0).map((server) => server.stop()));
		});

		test('a reset connection is retried and a later 200 succeeds', async () => {
			const { server, credentials } = await dropping([RESET, [200, SEARCH_BODY]]);
			const result = await runAmplitude({ parameters: search(), credentials });

			expect(result.status).toBe('success');
			expect(server.requests.map((r) => r.path.split('?')[0])).toEqual([SEARCH, SEARCH]);
			expect(jsonOf(result)).toEqual([{ success: true, ...SEARCH_BODY }]);
		});

		test('a network error on every attempt fails with no HTTP code after the retries', async () => {
			const { server, credentials } = await dropping([RESET]);
			const result = await runAmplitude({ parameters: search(), credentials });

			expect(server.requests).toHaveLength(2);
			expect(result.status).toBe('error');
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toMatch(
				/^Could not reach Amplitude: .+ \(ECONNRESET\) \[item 0\]$/,
			);
			expect(result.error.httpCode).toBeNull();
			expect(result.error.description).toBe(DESCRIPTIONS.noAnswer);
			expectNoSecrets(result.run, US);
		});

		test('with continue on error a network failure gives code null', async () => {
			const { server, credentials } = await dropping([RESET]);
			const result = await runAmplitude({
				parameters: search(),
				credentials,
				continueOnFail: true,
			});

			expect(server.requests).toHaveLength(2);
			expect(result.output).toEqual([
				{
					json: {
						success: false,
						error: expect.stringMatching(
							/^Could not reach Amplitude: .+ \(ECONNRESET\) \[item 0\]\. The request got no answer after all retries\./,
						),
						code: null,
					},
					pairedItem: { item: 0 },
				},
			]);
		});
	});
});
