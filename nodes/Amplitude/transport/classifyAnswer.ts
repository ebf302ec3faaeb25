import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import { DAILY_EVENT_QUOTA } from '../limits';
import type { AmplitudeApi } from './endpoints';
import { type ApiFailure, amplitudeMessage, describeFailure } from './errors';
import type { ApiResponse } from './index';
import { backoffDelayMs, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry';

/** What to do with one ingestion batch after Amplitude's answer to it. */
export type Verdict =
	/** Every payload was delivered. */
	| { kind: 'delivered' }
	/** Every payload fails for good. */
	| { kind: 'failed'; failure: ApiFailure }
	/** Send each half on its own (413, or a 400 without per-payload detail). */
	| { kind: 'split' }
	/**
	 * The payloads at these positions fail for good; send the rest again after `waitMs`,
	 * counting a new attempt when `nextAttempt` (a partial 400 resends at once, as the same attempt).
	 */
	| { kind: 'resend'; failures: Map<number, ApiFailure>; waitMs: number; nextAttempt: boolean };

/** The batch the answer is for. */
export interface BatchInfo {
	size: number;
	/** Bytes of the request body. */
	bytes: number;
	/** The payload at a position, for the user and device IDs a 429 names. */
	payloadAt(position: number): IDataObject;
}

export interface AnswerContext {
	/** This batch's attempt, from 1. */
	attempt: number;
	policy: RetryPolicy;
	/** Amplitude's documented pause for throttled users and devices on this endpoint. */
	throttlePauseMs: number;
	secrets: string[];
	random?: () => number;
	/** The API answering, for the failure's description (default: ingestion). */
	api?: AmplitudeApi;
	/** Whether the batch may be split in halves to isolate bad payloads (default: yes). */
	splittable?: boolean;
	/** Reads the positions a 400 answer names as bad (default: rejectedIndexes). */
	rejected?: (body: unknown) => Map<number, string>;
}

// Per-payload rejection lists in 400 answers, with what they mean for the user.
const INDEX_LISTS: Array<[string, string]> = [
	['events_with_invalid_fields', 'invalid value for field'],
	['events_with_missing_fields', 'missing field'],
	['events_with_invalid_id_lengths', 'ID shorter than the minimum length in field'],
];

/** Payload positions (in the request) that a 400 answer rejects, each with the reason. */
export function rejectedIndexes(body: unknown): Map<number, string> {
	const rejected = new Map<number, string>();
	if (!isPlainObject(body)) return rejected;
	for (const [list, meaning] of INDEX_LISTS) {
		const byField = body[list];
		if (!isPlainObject(byField)) continue;
		for (const [fieldName, indexes] of Object.entries(byField)) {
			if (!Array.isArray(indexes)) continue;
			for (const index of indexes) {
				if (typeof index === 'number' && !rejected.has(index)) {
					rejected.set(index, `${meaning} '${fieldName}'`);
				}
			}
		}
	}
	const silenced = body.silenced_events;
	if (Array.isArray(silenced)) {
		for (const index of silenced) {
			if (typeof index === 'number' && !rejected.has(index)) {
				rejected.set(index, 'device silenced by Amplitude for sending too many events');
			}
		}
	}
	return rejected;
}

/** A 400 that condemns the whole request rather than single payloads. */
export function isWholeRequestRejection(body: unknown): boolean {
	if (!isPlainObject(body)) return false;
	const text = amplitudeMessage(body) ?? '';
	return (
		typeof body.missing_field === 'string' ||
		/invalid api key|invalid request path|missing request body|invalid json request body/i.test(
			text,
		)
	);
}

/** User and device IDs over their daily quota in a 429 answer. */
export function overQuota(body: unknown): { users: Set<string>; devices: Set<string> } {
	const keys = (value: unknown) => new Set(isPlainObject(value) ? Object.keys(value) : []);
	if (!isPlainObject(body)) return { users: new Set(), devices: new Set() };
	return {
		users: keys(body.exceeded_daily_quota_users),
		devices: keys(body.exceeded_daily_quota_devices),
	};
}

/** The status to act on: Amplitude's SDK trusts the body's code, so a 200 carrying another code is taken at its word. */
export function effectiveStatus(response: ApiResponse): number {
	const code = isPlainObject(response.body) ? response.body.code : undefined;
	if (response.statusCode === 200 && typeof code === 'number' && code >= 400) return code;
	return response.statusCode;
}

function withMessage(failure: ApiFailure, suffix: string, description?: string): ApiFailure {
	return {
		...failure,
		message: `${failure.message}${suffix}`,
		description: description ?? failure.description,
	};
}

/**
 * Decides what happens to a batch after one answer: 2xx delivers it; 413 splits it (one payload
 * alone fails); a 400 fails the payloads it names and resends the rest at once, splits when it
 * names none (Identify), and fails everything when it condemns the whole request; 429 fails the
 * IDs over their daily quota; 429, 408, 5xx and no answer wait (Retry-After, Amplitude's pause
 * for 429, else exponential backoff, capped by the policy) and resend until attempts run out;
 * any other answer fails the batch.
 */
export function classifyAnswer(
	response: ApiResponse,
	batch: BatchInfo,
	context: AnswerContext,
): Verdict {
	const status = effectiveStatus(response);
	if (status >= 200 && status < 300) return { kind: 'delivered' };
	const failure = describeFailure(
		context.api ?? 'ingestion',
		{ ...response, statusCode: status },
		context.secrets,
	);
	const failures = new Map<number, ApiFailure>();
	const canSplit = batch.size > 1 && context.splittable !== false;

	if (status === 413) {
		if (canSplit) return { kind: 'split' };
		if (batch.size > 1) return { kind: 'failed', failure };
		return {
			kind: 'failed',
			failure: withMessage(
				failure,
				` (this item alone is ${batch.bytes} bytes)`,
				'The item is larger than Amplitude accepts in one request. Send fewer or shorter properties.',
			),
		};
	}
	if (status === 400) {
		if (isWholeRequestRejection(response.body)) return { kind: 'failed', failure };
		const rejected = (context.rejected ?? rejectedIndexes)(response.body);
		for (const [position, reason] of rejected) {
			if (position < batch.size) failures.set(position, withMessage(failure, `: ${reason}`));
		}
		if (failures.size > 0) return { kind: 'resend', failures, waitMs: 0, nextAttempt: false };
		// No per-payload detail (Identify answers this way): halve to isolate the bad payloads.
		return canSplit ? { kind: 'split' } : { kind: 'failed', failure };
	}
	if (status === 429) {
		const quota = overQuota(response.body);
		if (quota.users.size > 0 || quota.devices.size > 0) {
			const overQuotaFailure = withMessage(
				failure,
				": this user or device is over Amplitude's daily event quota",
				`Amplitude accepts at most ${DAILY_EVENT_QUOTA.toLocaleString('en-US')} events per user or device in 24 hours once it flags them. Retry after the quota frees up, or check why so many events go to one ID.`,
			);
			for (let position = 0; position < batch.size; position++) {
				const payload = batch.payloadAt(position);
				if (
					quota.users.has(String(payload.user_id)) ||
					quota.devices.has(String(payload.device_id))
				) {
					failures.set(position, overQuotaFailure);
				}
			}
			if (failures.size === batch.size) return { kind: 'failed', failure: overQuotaFailure };
		}
	}
	if (!isRetryableStatus(status)) return { kind: 'failed', failure };
	if (context.attempt >= context.policy.maxAttempts) {
		const tries = context.attempt > 1 ? ` (after ${context.attempt} attempts)` : '';
		if (failures.size === 0) return { kind: 'failed', failure: withMessage(failure, tries) };
		// The quota failures keep their own reason; everything else ran out of attempts.
		for (let position = 0; position < batch.size; position++) {
			if (!failures.has(position)) failures.set(position, withMessage(failure, tries));
		}
		return { kind: 'resend', failures, waitMs: 0, nextAttempt: false };
	}
	const pause =
		status === 429
			? context.throttlePauseMs
			: backoffDelayMs(context.attempt, context.policy.maxWaitMs, context.random);
	const waitMs = Math.min(retryAfterMs(response.headers) ?? pause, context.policy.maxWaitMs);
	return { kind: 'resend', failures, waitMs, nextAttempt: true };
}
