import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { BACKOFF_BASE_MS, RETRY_ATTEMPTS, RETRY_WAIT_SECONDS } from '../limits';

export interface RetryPolicy {
	/** Total tries of one request, the first included. */
	maxAttempts: number;
	/** The longest single wait, in milliseconds. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: RETRY_ATTEMPTS.default,
	maxWaitMs: RETRY_WAIT_SECONDS.default * 1000,
};

/**
 * Exponential backoff with jitter for the wait after failed attempt `attempt` (1-based):
 * 1 s, 2 s, 4 s … capped at maxWaitMs, each scaled by a random factor in [0.5, 1).
 */
export function backoffDelayMs(
	attempt: number,
	maxWaitMs: number,
	random: () => number = Math.random,
): number {
	const exponential = Math.min(maxWaitMs, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
	return Math.round(exponential * (0.5 + random() / 2));
}

const HTTP_DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b.*\b\d{2}:\d{2}:\d{2}\b/i;

/** Retry-After (seconds or an HTTP date) in milliseconds, or undefined when absent or unreadable. */
export function retryAfterMs(
	headers: IDataObject | undefined,
	now: number = Date.now(),
): number | undefined {
	if (!headers) return undefined;
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// An HTTP date names its month before the time; Date.parse alone reads junk like "-5" as a year.
	if (!HTTP_DATE.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** 0 stands for a request that got no answer (refused, reset, timed out). */
export function isRetryableStatus(status: number): boolean {
	return status === 0 || status === 429 || status === 408 || status >= 500;
}

function optionNumber(value: unknown, fallback: number): number {
	return value === undefined || value === null || value === '' ? fallback : Number(value);
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** The policy set in an operation's Options (Max Attempts, Longest Wait), clamped to their bounds. */
export function retryPolicyFromOptions(options: IDataObject): RetryPolicy {
	const attempts = optionNumber(options.retryAttempts, DEFAULT_RETRY_POLICY.maxAttempts);
	const waitSeconds = optionNumber(options.maxRetryWait, DEFAULT_RETRY_POLICY.maxWaitMs / 1000);
	return {
		maxAttempts: Number.isFinite(attempts)
			? clamp(Math.floor(attempts), RETRY_ATTEMPTS.min, RETRY_ATTEMPTS.max)
			: DEFAULT_RETRY_POLICY.maxAttempts,
		maxWaitMs: Number.isFinite(waitSeconds)
			? clamp(waitSeconds, RETRY_WAIT_SECONDS.min, RETRY_WAIT_SECONDS.max) * 1000
			: DEFAULT_RETRY_POLICY.maxWaitMs,
	};
}

/**
 * Sends until the answer is not worth retrying or the policy's attempts are used up, waiting
 * Retry-After (when given) or the backoff in between. `failedStatus` gives the status of an
 * answer that failed (0 when none came), or undefined for a success.
 */
export async function sendWithRetries<T>(
	policy: RetryPolicy,
	send: () => Promise<T>,
	failedStatus: (answer: T) => { statusCode: number; headers?: IDataObject } | undefined,
	retryable: (status: number) => boolean = isRetryableStatus,
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		const answer = await send();
		const failed = failedStatus(answer);
		if (!failed || !retryable(failed.statusCode) || attempt >= policy.maxAttempts) return answer;
		const waitMs = retryAfterMs(failed.headers) ?? backoffDelayMs(attempt, policy.maxWaitMs);
		await sleep(Math.min(waitMs, policy.maxWaitMs));
	}
}
