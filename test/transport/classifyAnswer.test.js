const {
	classifyAnswer,
	effectiveStatus,
	isWholeRequestRejection,
	overQuota,
	rejectedIndexes,
} = require('../../dist/nodes/Amplitude/transport/classifyAnswer');

const POLICY = { maxAttempts: 3, maxWaitMs: 60_000 };
const answer = (statusCode, body, headers = {}) => ({ statusCode, body, headers });
const batchOf = (payloads, bytes = 100) => ({
	size: payloads.length,
	bytes,
	payloadAt: (position) => payloads[position],
});
const three = batchOf([
	{ event_type: 'e', user_id: 'user-1' },
	{ event_type: 'e', user_id: 'user-2', device_id: 'device-2' },
	{ event_type: 'e', device_id: 'device-3' },
]);
const classify = (response, batch = three, context = {}) =>
	classifyAnswer(response, batch, {
		attempt: 1,
		policy: POLICY,
		throttlePauseMs: 30_000,
		secrets: ['secret-key-1234'],
		random: () => 0.5,
		...context,
	});
const positions = (verdict) => [...verdict.failures.keys()];

describe('rejectedIndexes', () => {
	test('the documented 400 body: each index once, with the first list’s reason', () => {
		const body = {
			code: 400,
			error: 'Request missing required field',
			missing_field: 'api_key',
			events_with_invalid_fields: { time: [3, 4, 7] },
			events_with_missing_fields: { event_type: [3, 4, 7] },
		};
		expect([...rejectedIndexes(body)]).toEqual([
			[3, "invalid value for field 'time'"],
			[4, "invalid value for field 'time'"],
			[7, "invalid value for field 'time'"],
		]);
	});

	test('every list, several fields, silenced devices', () => {
		const body = {
			code: 400,
			error: 'Invalid field values on some events',
			events_with_invalid_fields: { time: [0], price: [2] },
			events_with_missing_fields: { event_type: [1, 2] },
			events_with_invalid_id_lengths: { user_id: [5] },
			silenced_events: [6, 0],
			throttled_events: [8],
		};
		expect(rejectedIndexes(body)).toEqual(
			new Map([
				[0, "invalid value for field 'time'"],
				[2, "invalid value for field 'price'"],
				[1, "missing field 'event_type'"],
				[5, "ID shorter than the minimum length in field 'user_id'"],
				[6, 'device silenced by Amplitude for sending too many events'],
			]),
		);
	});

	test('throttled events are not rejections; junk is ignored', () => {
		expect(rejectedIndexes({ throttled_events: [1, 2] }).size).toBe(0);
		expect(
			rejectedIndexes({
				events_with_invalid_fields: { time: 'x', price: ['1', null, 3] },
				silenced_events: 'all',
			}),
		).toEqual(new Map([[3, "invalid value for field 'price'"]]));
		expect(rejectedIndexes({ events_with_invalid_fields: [1, 2] }).size).toBe(0);
		expect(rejectedIndexes('Bad request').size).toBe(0);
		expect(rejectedIndexes(undefined).size).toBe(0);
	});
});

describe('isWholeRequestRejection', () => {
	test.each([
		[{ code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
		[{ code: 400, error: 'Invalid API key' }],
		[{ code: 400, error: 'invalid api key' }],
		[{ code: 400, error: 'Missing request body' }],
		[{ code: 400, error: 'Invalid JSON request body' }],
		[{ code: 400, error: 'Invalid request path' }],
		[{ code: 400, missing_field: 'events' }],
	])('%j condemns the whole request', (body) => {
		expect(isWholeRequestRejection(body)).toBe(true);
	});

	test.each([
		[
			{
				code: 400,
				error: 'Invalid field values on some events',
				events_with_invalid_fields: { time: [1] },
			},
		],
		[{ code: 400, error: 'Events silenced for device_id', silenced_events: [0] }],
		[{ code: 400, error: 'Invalid event JSON' }],
		[{ code: 400, missing_field: null }],
		['missing_event'],
		[undefined],
	])('%j does not', (body) => {
		expect(isWholeRequestRejection(body)).toBe(false);
	});
});

describe('overQuota', () => {
	test('the users and devices a 429 names as over their daily quota', () => {
		const quota = overQuota({
			code: 429,
			exceeded_daily_quota_users: { 'user-1': 500200 },
			exceeded_daily_quota_devices: { 'device-9': 500900 },
		});
		expect([...quota.users]).toEqual(['user-1']);
		expect([...quota.devices]).toEqual(['device-9']);
		expect(overQuota('Too many requests')).toEqual({ users: new Set(), devices: new Set() });
	});
});

describe('effectiveStatus', () => {
	test('a 200 carrying an error code in its body is taken at the body’s word', () => {
		expect(effectiveStatus(answer(200, { code: 429 }))).toBe(429);
		expect(effectiveStatus(answer(200, { code: 200 }))).toBe(200);
		expect(effectiveStatus(answer(200, 'success'))).toBe(200);
		expect(effectiveStatus(answer(500, { code: 200 }))).toBe(500);
	});
});

describe('classifyAnswer', () => {
	test('2xx delivers the batch', () => {
		expect(classify(answer(200, { code: 200, events_ingested: 3 }))).toEqual({ kind: 'delivered' });
		expect(classify(answer(200, 'success'))).toEqual({ kind: 'delivered' });
	});

	test('413 splits a batch of several; one payload alone fails with its size', () => {
		expect(classify(answer(413, { code: 413, error: 'Payload too large' }))).toEqual({
			kind: 'split',
		});
		const alone = classify(
			answer(413, { code: 413, error: 'Payload too large' }),
			batchOf([{}], 1234567),
		);
		expect(alone.kind).toBe('failed');
		expect(alone.failure.code).toBe(413);
		expect(alone.failure.message).toBe(
			'Amplitude answered 413: Payload too large (this item alone is 1234567 bytes)',
		);
		expect(alone.failure.description).toMatch(/larger than Amplitude accepts in one request/);
	});

	test('a 400 naming events fails those and resends the rest at once, as the same attempt', () => {
		const verdict = classify(
			answer(400, {
				code: 400,
				error: 'Invalid field values on some events',
				events_with_invalid_fields: { time: [1, 7] },
			}),
		);
		expect(verdict.kind).toBe('resend');
		expect(verdict.waitMs).toBe(0);
		expect(verdict.nextAttempt).toBe(false);
		// Index 7 is not in this batch of three and is ignored.
		expect(positions(verdict)).toEqual([1]);
		expect(verdict.failures.get(1)).toEqual({
			code: 400,
			message:
				"Amplitude answered 400: Invalid field values on some events: invalid value for field 'time'",
			description: expect.any(String),
		});
	});

	test('a 400 without detail splits a batch to isolate the bad payloads, and fails one alone', () => {
		expect(classify(answer(400, 'missing_event'))).toEqual({ kind: 'split' });
		const alone = classify(answer(400, 'missing_event'), batchOf([{}]));
		expect(alone.kind).toBe('failed');
		expect(alone.failure.message).toBe('Amplitude answered 400: missing_event');
	});

	test('a 400 that condemns the whole request fails everything, even when it names events', () => {
		const verdict = classify(
			answer(400, {
				code: 400,
				error: 'Invalid API key',
				events_with_invalid_fields: { time: [0] },
			}),
		);
		expect(verdict.kind).toBe('failed');
		expect(verdict.failure.description).toMatch(/did not accept the API key/);
	});

	test('429 waits Amplitude’s pause for throttled IDs, or Retry-After, capped by the policy', () => {
		const throttled = { code: 429, error: 'Too many requests for some devices and users' };
		expect(classify(answer(429, throttled))).toEqual({
			kind: 'resend',
			failures: new Map(),
			waitMs: 30_000,
			nextAttempt: true,
		});
		expect(classify(answer(429, throttled, { 'retry-after': '2' })).waitMs).toBe(2000);
		expect(
			classify(answer(429, throttled), three, { policy: { maxAttempts: 3, maxWaitMs: 500 } })
				.waitMs,
		).toBe(500);
	});

	test('429 fails the users and devices over their daily quota and resends the others', () => {
		const verdict = classify(
			answer(429, {
				code: 429,
				error: 'Too many requests for some devices and users',
				exceeded_daily_quota_users: { 'user-1': 500200 },
				exceeded_daily_quota_devices: { 'device-2': 500900 },
			}),
		);
		expect(verdict.kind).toBe('resend');
		expect(verdict.nextAttempt).toBe(true);
		expect(positions(verdict)).toEqual([0, 1]);
		expect(verdict.failures.get(0).message).toMatch(/over Amplitude's daily event quota$/);
		expect(verdict.failures.get(0).description).toMatch(
			/at most 500,000 events per user or device/,
		);
	});

	test('429 with every payload over quota fails the batch without waiting', () => {
		const verdict = classify(
			answer(429, { code: 429, exceeded_daily_quota_users: { 'user-1': 1 } }),
			batchOf([{ user_id: 'user-1' }, { user_id: 'user-1' }]),
		);
		expect(verdict.kind).toBe('failed');
		expect(verdict.failure.message).toMatch(/over Amplitude's daily event quota$/);
	});

	test.each([500, 502, 503, 504, 408, 0])('%i backs off exponentially and resends', (status) => {
		const response =
			status === 0
				? { statusCode: 0, headers: {}, body: undefined, failure: 'socket hang up' }
				: answer(status, {});
		const first = classify(response);
		expect(first).toEqual({ kind: 'resend', failures: new Map(), waitMs: 750, nextAttempt: true });
		// Attempt 2 waits twice as long (the jitter factor is 0.75 here).
		expect(classify(response, three, { attempt: 2 }).waitMs).toBe(1500);
	});

	test('when attempts run out the batch fails, saying how many were made', () => {
		const verdict = classify(answer(503, { error: 'Service Unavailable' }), three, { attempt: 3 });
		expect(verdict.kind).toBe('failed');
		expect(verdict.failure.message).toBe(
			'Amplitude answered 503: Service Unavailable (after 3 attempts)',
		);
		const noAnswer = classify(
			{ statusCode: 0, headers: {}, body: undefined, failure: 'ECONNRESET' },
			three,
			{ attempt: 3 },
		);
		expect(noAnswer.failure).toEqual({
			code: null,
			message: 'Could not reach Amplitude: ECONNRESET (after 3 attempts)',
			description: expect.stringMatching(/got no answer/),
		});
	});

	test('when attempts run out on a 429, quota failures keep their reason and the rest fail as out of attempts', () => {
		const verdict = classify(
			answer(429, { code: 429, exceeded_daily_quota_devices: { 'device-3': 1 } }),
			three,
			{ attempt: 3 },
		);
		expect(verdict.kind).toBe('resend');
		expect(positions(verdict).sort()).toEqual([0, 1, 2]);
		expect(verdict.failures.get(2).message).toMatch(/daily event quota$/);
		expect(verdict.failures.get(0).message).toMatch(/\(after 3 attempts\)$/);
	});

	test('other answers fail the batch at once', () => {
		for (const status of [401, 403, 404, 405]) {
			const verdict = classify(answer(status, { code: status, error: 'No' }));
			expect(verdict).toEqual({
				kind: 'failed',
				failure: expect.objectContaining({ code: status }),
			});
		}
	});

	test('no secret reaches a failure message', () => {
		const verdict = classify(answer(400, 'Invalid API key secret-key-1234'), batchOf([{}]));
		expect(verdict.failure.message).not.toContain('secret-key-1234');
		expect(verdict.failure.message).toContain('[redacted]');
	});
});
