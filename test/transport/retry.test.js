const {
	DEFAULT_RETRY_POLICY,
	backoffDelayMs,
	retryAfterMs,
	isRetryableStatus,
	retryPolicyFromOptions,
} = require('../../dist/nodes/Amplitude/transport/retry');

test('default policy', () => {
	expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 5, maxWaitMs: 60000 });
});

describe('backoffDelayMs', () => {
	test.each([
		[1, 0, 500],
		[1, 0.5, 750],
		[2, 0, 1000],
		[3, 0, 2000],
		[4, 0, 4000],
		[4, 0.999999, 8000],
		[0, 0, 500],
	])('attempt %d with random %d → %d ms', (attempt, random, expected) => {
		expect(backoffDelayMs(attempt, 60000, () => random)).toBe(expected);
	});

	test('doubles per attempt until the cap', () => {
		expect(
			[1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelayMs(attempt, 60000, () => 0.5)),
		).toEqual([750, 1500, 3000, 6000, 12000, 24000, 45000, 45000]);
	});

	test('stays within [half, whole) of the capped delay', () => {
		for (let attempt = 1; attempt <= 12; attempt++) {
			const full = Math.min(10000, 1000 * 2 ** (attempt - 1));
			expect(backoffDelayMs(attempt, 10000, () => 0)).toBe(full / 2);
			expect(backoffDelayMs(attempt, 10000, () => 0.9999999)).toBeLessThanOrEqual(full);
			expect(backoffDelayMs(attempt, 10000, () => 0.9999999)).toBeGreaterThan(full * 0.99);
		}
	});

	test('the cap applies before the jitter, and 0 means no wait', () => {
		expect(backoffDelayMs(20, 3000, () => 0)).toBe(1500);
		expect(backoffDelayMs(20, 0, () => 0.7)).toBe(0);
	});

	test('uses Math.random by default', () => {
		const delay = backoffDelayMs(1, 60000);
		expect(delay).toBeGreaterThanOrEqual(500);
		expect(delay).toBeLessThanOrEqual(1000);
	});
});

describe('retryAfterMs', () => {
	const now = Date.UTC(2026, 10, 1, 10, 0, 0);

	test.each([
		[{ 'retry-after': '3' }, 3000],
		[{ 'retry-after': ' 15 ' }, 15000],
		[{ 'retry-after': '1.5' }, 1500],
		[{ 'retry-after': '0' }, 0],
		[{ 'Retry-After': '2' }, 2000],
		[{ 'retry-after': 30 }, 30000],
		[{ 'retry-after': '2026' }, 2026000],
	])('seconds %j → %d ms', (headers, expected) => {
		expect(retryAfterMs(headers, now)).toBe(expected);
	});

	test('an HTTP date is the time left until then', () => {
		expect(retryAfterMs({ 'retry-after': 'Sun, 01 Nov 2026 10:00:20 GMT' }, now)).toBe(20000);
	});

	test('the RFC 850 form of an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': 'Sunday, 01-Nov-26 10:00:05 GMT' }, now)).toBe(5000);
	});

	test('a past HTTP date means no wait', () => {
		expect(retryAfterMs({ 'retry-after': 'Sun, 01 Nov 2026 09:59:00 GMT' }, now)).toBe(0);
	});

	test.each([
		[undefined],
		[{}],
		[{ 'retry-after': '' }],
		[{ 'retry-after': null }],
		[{ 'retry-after': 'soon' }],
		[{ 'retry-after': '-5' }],
		[{ 'retry-after': 'abc 3' }],
	])('absent or unreadable %j → undefined', (headers) => {
		expect(retryAfterMs(headers, now)).toBeUndefined();
	});
});

describe('isRetryableStatus', () => {
	test.each([0, 408, 429, 500, 502, 503, 504, 599])('%d is retried', (status) => {
		expect(isRetryableStatus(status)).toBe(true);
	});
	test.each([200, 400, 401, 403, 404, 413, 414, 499])('%d is not', (status) => {
		expect(isRetryableStatus(status)).toBe(false);
	});
});

describe('retryPolicyFromOptions', () => {
	test('defaults', () => {
		expect(retryPolicyFromOptions({})).toEqual({ maxAttempts: 5, maxWaitMs: 60000 });
		expect(retryPolicyFromOptions({ retryAttempts: '', maxRetryWait: null })).toEqual({
			maxAttempts: 5,
			maxWaitMs: 60000,
		});
	});

	test('values in range', () => {
		expect(retryPolicyFromOptions({ retryAttempts: 3, maxRetryWait: 10 })).toEqual({
			maxAttempts: 3,
			maxWaitMs: 10000,
		});
		expect(retryPolicyFromOptions({ retryAttempts: '8', maxRetryWait: '0.005' })).toEqual({
			maxAttempts: 8,
			maxWaitMs: 5,
		});
		expect(retryPolicyFromOptions({ retryAttempts: 1, maxRetryWait: 0 })).toEqual({
			maxAttempts: 1,
			maxWaitMs: 0,
		});
		expect(retryPolicyFromOptions({ retryAttempts: 20, maxRetryWait: 600 })).toEqual({
			maxAttempts: 20,
			maxWaitMs: 600000,
		});
	});

	test('fractional attempts round down', () => {
		expect(retryPolicyFromOptions({ retryAttempts: 2.9 }).maxAttempts).toBe(2);
	});

	test('values past the option bounds are clamped to them', () => {
		expect(retryPolicyFromOptions({ retryAttempts: 0, maxRetryWait: -5 })).toEqual({
			maxAttempts: 1,
			maxWaitMs: 0,
		});
		expect(retryPolicyFromOptions({ retryAttempts: -3 })).toEqual({
			maxAttempts: 1,
			maxWaitMs: 60000,
		});
		expect(retryPolicyFromOptions({ retryAttempts: 1000, maxRetryWait: 86400 })).toEqual({
			maxAttempts: 20,
			maxWaitMs: 600000,
		});
	});

	test('unreadable values fall back to the defaults', () => {
		expect(retryPolicyFromOptions({ retryAttempts: 'many', maxRetryWait: 'long' })).toEqual({
			maxAttempts: 5,
			maxWaitMs: 60000,
		});
		expect(
			retryPolicyFromOptions({ retryAttempts: Number.POSITIVE_INFINITY, maxRetryWait: Number.NaN }),
		).toEqual({ maxAttempts: 5, maxWaitMs: 60000 });
	});
});
