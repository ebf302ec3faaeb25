// Error paths of the funnel, retention, sessions, user composition and saved chart reads, in both
// regions: Amplitude's errors keep the NodeApiError contract, 429 and 5xx are retried, continue on
// error gives {success: false, error, code} for the failed item while the others go on, and no key
// ends up anywhere stored.
const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	EU_WITHOUT_SECRET,
	INVALID_CHART_BODY,
	expectNoSecrets,
	expectOperationError,
	missingSecretMessage,
	sequence,
	trapAllHosts,
} = require('../../support/fixtures');
const {
	FUNNEL_BODY,
	RETENTION_BODY,
	SESSIONS_PER_USER_BODY,
	COMPOSITION_BODY,
	SAVED_CHART_BODY,
} = require('../../support/analyticsFixtures');
const { READ_ERROR_DESCRIPTIONS: DESCRIPTIONS } = require('../../support/readErrors');

setupNock();

const FAST_RETRIES = { retryAttempts: 2, maxRetryWait: 0 };
const DATES = { start: '20260901', end: '20260907' };

const OPERATIONS = [
	[
		'funnel',
		'/api/2/funnels',
		{ steps: { step: [{ eventType: 'Sign Up' }, { eventType: 'Purchase' }] }, ...DATES },
		FUNNEL_BODY,
	],
	['retention', '/api/2/retention', DATES, RETENTION_BODY],
	['sessions', '/api/2/sessions/peruser', { metric: 'perUser', ...DATES }, SESSIONS_PER_USER_BODY],
	['userComposition', '/api/2/composition', { property: 'country', ...DATES }, COMPOSITION_BODY],
	['savedChart', '/api/3/chart/abc123xy/csv', { chartId: 'abc123xy' }, SAVED_CHART_BODY],
];

const parametersOf = (operation, extra) => ({
	resource: 'analytics',
	operation,
	...extra,
	options: FAST_RETRIES,
});

const FORBIDDEN = {
	error: {
		http_code: 403,
		type: 'unspecified',
		metadata: { details: 'Invalid API/Secret Key combination' },
	},
};

const STATUSES = [
	// [status, body, attempts, message, description]
	[
		400,
		INVALID_CHART_BODY,
		1,
		'Amplitude answered 400: Invalid chart definition: event_type is unknown',
		DESCRIPTIONS.invalid,
	],
	[
		401,
		'Invalid API key',
		1,
		'Amplitude answered 401: Invalid API key',
		DESCRIPTIONS.dashboardKeys,
	],
	[
		403,
		FORBIDDEN,
		1,
		'Amplitude answered 403: Invalid API/Secret Key combination',
		DESCRIPTIONS.dashboardKeys,
	],
	[
		429,
		{ error: { http_code: 429, message: 'Too many concurrent requests' } },
		2,
		'Amplitude answered 429: Too many concurrent requests',
		DESCRIPTIONS.rateLimit,
	],
	[
		500,
		{ error: 'Internal Server Error' },
		2,
		'Amplitude answered 500: Internal Server Error',
		DESCRIPTIONS.serverError,
	],
	[503, '', 2, 'Amplitude answered 503: HTTP 503', DESCRIPTIONS.serverError],
	[504, '', 2, 'Amplitude answered 504: HTTP 504', DESCRIPTIONS.tooLarge],
];

describe.each(OPERATIONS)('%s (%s)', (operation, path, extra, body) => {
	describe.each(REGIONS)('on the %s region', (region, credentials) => {
		const host = HOSTS[region].dashboard;

		test.each(STATUSES)(
			'%s becomes a NodeApiError naming the item, after the retries it allows',
			async (status, errorBody, attempts, message, description) => {
				const seen = sequence(
					host,
					path,
					Array.from({ length: attempts }, () => [status, errorBody]),
				);
				const result = await runAmplitude({
					parameters: parametersOf(operation, extra),
					credentials,
				});

				expect(result.status).toBe('error');
				expect(result.error.name).toBe('NodeApiError');
				expect(result.error.message).toBe(`${message} [item 0]`);
				expect(result.error.httpCode).toBe(String(status));
				expect(result.error.description).toBe(description);
				expect(seen.calls).toHaveLength(attempts);
				expect(result.output).toEqual([]);
				expectNoSecrets(result.run, credentials);
			},
		);

		test('429 then 200: retried with the same request, and succeeds', async () => {
			const seen = sequence(host, path, [
				[429, ''],
				[200, body],
			]);
			const result = await runAmplitude({
				parameters: parametersOf(operation, extra),
				credentials,
			});
			expect(result.status).toBe('success');
			expect(seen.calls).toHaveLength(2);
			expect(seen.calls[1].url).toBe(seen.calls[0].url);
			expect(seen.calls[1].headers.authorization).toBe(seen.calls[0].headers.authorization);
			expect(jsonOf(result)[0].success).toBe(true);
		});

		test('continue on error: the failed item gets {success: false, error, code}, the others go on', async () => {
			const seen = sequence(host, path, [
				[400, INVALID_CHART_BODY],
				[200, body],
			]);
			const result = await runAmplitude({
				parameters: parametersOf(operation, extra),
				items: [{ n: 0 }, { n: 1 }],
				credentials,
				continueOnFail: true,
			});
			expect(result.status).toBe('success');
			expect(seen.calls).toHaveLength(2);
			expect(result.output[0]).toEqual({
				json: {
					success: false,
					error: `Amplitude answered 400: Invalid chart definition: event_type is unknown [item 0]. ${DESCRIPTIONS.invalid}`,
					code: 400,
				},
				pairedItem: { item: 0 },
			});
			expect(result.output.slice(1).every((item) => item.pairedItem.item === 1)).toBe(true);
			expect(result.output[1].json.success).toBe(true);
			expectNoSecrets(result.run, credentials);
		});
	});

	test.each([
		['us', US_WITHOUT_SECRET],
		['eu', EU_WITHOUT_SECRET],
	])(
		'a %s credential without a secret key: a clear error before any request',
		async (_region, credentials) => {
			const trap = trapAllHosts();
			const result = await runAmplitude({
				parameters: parametersOf(operation, extra),
				credentials,
			});
			expectOperationError(result, missingSecretMessage('Dashboard REST'));
			expect(trap.calls).toEqual([]);
		},
	);
});
