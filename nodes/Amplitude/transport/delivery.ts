import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { type Pending, batchesOf, splitInHalves } from '../helpers/batch';
import { isPlainObject } from '../helpers/json';
import { type ApiFailure, amplitudeMessage, describeFailure } from './errors';
import { type AmplitudeContext, type ApiResponse, amplitudeRequest } from './index';
import { backoffDelayMs, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry';

// Measured here: 0 to 1 ms left the request unsent while the next batch was being prepared.
const REQUEST_HEAD_START_MS = 2;
// Requests that share no user, device or group may travel together: this hides each request's
// set-up time (a new connection per request in n8n) behind the other's.
export const MAX_IN_FLIGHT = 2;

/** How one ingestion endpoint takes payloads. */
export interface IngestionEndpoint {
	path: '/2/httpapi' | '/batch' | '/identify' | '/groupidentify';
	/** HTTP V2 and Batch take JSON `events`; Identify and Group Identify a form field `identification`. */
	form: boolean;
	maxCount: number;
	maxBytes: number;
	/** Amplitude's documented pause for throttled users and devices. */
	throttlePauseMs: number;
	/** Extra top-level JSON body fields (HTTP V2 `options`). */
	envelope?: IDataObject;
	/** The output of a delivered item, from Amplitude's success answer. */
	success(response: ApiResponse): IDataObject;
}

export type Outcome = { ok: true; json: IDataObject } | { ok: false; failure: ApiFailure };

// Per-event rejection lists in 400 answers, with what they mean for the user.
const INDEX_LISTS: Array<[string, string]> = [
	['events_with_invalid_fields', 'invalid value for field'],
	['events_with_missing_fields', 'missing field'],
	['events_with_invalid_id_lengths', 'ID shorter than the minimum length in field'],
];

/** Item positions (in the request) that a 400 answer rejects, each with the reason. */
export function rejectedIndexes(body: unknown): Map<number, string> {
	const rejected = new Map<number, string>();
	if (!isPlainObject(body)) return rejected;
	for (const [list, meaning] of INDEX_LISTS) {
		const byField = body[list];
		if (!isPlainObject(byField)) continue;
		for (const [fieldName, indexes] of Object.entries(byField)) {
			if (!Array.isArray(indexes)) continue;
			for (const index of indexes) {
				if (typeof index === 'number' && !rejected.has(index))
					rejected.set(index, `${meaning} '${fieldName}'`);
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

/** A 400 that condemns the whole request rather than single events. */
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

/** IDs over their daily quota in a 429 answer. */
function overQuota(body: unknown): { users: Set<string>; devices: Set<string> } {
	const keys = (value: unknown) => new Set(isPlainObject(value) ? Object.keys(value) : []);
	if (!isPlainObject(body)) return { users: new Set(), devices: new Set() };
	return {
		users: keys(body.exceeded_daily_quota_users),
		devices: keys(body.exceeded_daily_quota_devices),
	};
}

function effectiveStatus(response: ApiResponse): number {
	// Amplitude's SDK trusts the body's code; a 200 carrying another code is taken at its word.
	const code = isPlainObject(response.body) ? response.body.code : undefined;
	if (response.statusCode === 200 && typeof code === 'number' && code >= 400) return code;
	return response.statusCode;
}

/** Bytes a serialized payload takes in the request body (form fields are URL-encoded). */
export function serializedBytes(json: string, form: boolean): number {
	return Buffer.byteLength(form ? encodeURIComponent(json) : json);
}

/**
 * Delivers payloads in as few requests as the endpoint allows and settles every item:
 * 400s fail only the events Amplitude names and resend the rest, 413 splits the request,
 * 429 waits and retries (daily-quota IDs fail), 5xx and lost answers back off and retry.
 * `prepare` serializes a pending (setting `json` and `bytes`); it runs for the next batch while
 * the current one is on the wire. At most MAX_IN_FLIGHT requests travel at once, and only when
 * they share no user, device or group (see orderingKeys), so per-device order is kept.
 */
export async function deliver(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	endpoint: IngestionEndpoint,
	pendings: Array<Pending<IDataObject>>,
	policy: RetryPolicy,
	prepare: (pending: Pending<IDataObject>) => void,
): Promise<Map<number, Outcome>> {
	const outcomes = new Map<number, Outcome>();
	const settle = (batch: Array<Pending<IDataObject>>, outcome: Outcome) => {
		for (const pending of batch) outcomes.set(pending.itemIndex, outcome);
	};
	const fail = (batch: Array<Pending<IDataObject>>, failure: ApiFailure) =>
		settle(batch, { ok: false, failure });

	const envelope = endpoint.envelope ? JSON.stringify(endpoint.envelope).slice(1, -1) + ',' : '';
	// JSON bodies are built from each event's serialization, so a batch is never serialized twice.
	const bodyOf = (batch: Array<Pending<IDataObject>>): IDataObject | Buffer => {
		const serialized = batch
			.map((pending) => pending.json ?? JSON.stringify(pending.payload))
			.join(',');
		return endpoint.form
			? { identification: `[${serialized}]` }
			: Buffer.from(`{${envelope}"events":[${serialized}]}`);
	};
	const send = async (body: IDataObject | Buffer) =>
		await amplitudeRequest.call(this, context, {
			api: 'ingestion',
			method: 'POST',
			path: endpoint.path,
			body,
			form: endpoint.form,
		});

	/** Delivers one batch; `firstBody` is its body built in advance (resends rebuild theirs). */
	const deliverBatch = async (
		initial: Array<Pending<IDataObject>>,
		firstBody?: IDataObject | Buffer,
	): Promise<void> => {
		let batch = initial;
		for (let attempt = 1; batch.length > 0; ) {
			const response = await send(batch === initial && firstBody ? firstBody : bodyOf(batch));
			const status = effectiveStatus(response);
			if (status >= 200 && status < 300) {
				settle(batch, { ok: true, json: endpoint.success(response) });
				return;
			}
			const failure = describeFailure(
				'ingestion',
				{ ...response, statusCode: status },
				context.secrets,
			);
			if (status === 413) {
				if (batch.length === 1) {
					fail(batch, {
						...failure,
						message: `${failure.message} (this item alone is ${batch[0].bytes} bytes)`,
						description:
							'The item is larger than Amplitude accepts in one request. Send fewer or shorter properties.',
					});
					return;
				}
				for (const half of splitInHalves(batch)) await deliverBatch(half);
				return;
			}
			if (status === 400) {
				const rejected = rejectedIndexes(response.body);
				const named = [...rejected.keys()].filter((index) => index < batch.length);
				if (named.length > 0 && !isWholeRequestRejection(response.body)) {
					for (const index of named) {
						fail([batch[index]], {
							...failure,
							message: `${failure.message}: ${rejected.get(index)}`,
						});
					}
					batch = batch.filter((_, index) => !rejected.has(index));
					continue;
				}
				if (batch.length > 1 && !isWholeRequestRejection(response.body)) {
					// No per-item detail (Identify answers this way): halve to isolate the bad items.
					for (const half of splitInHalves(batch)) await deliverBatch(half);
					return;
				}
				fail(batch, failure);
				return;
			}
			if (status === 429) {
				const quota = overQuota(response.body);
				const over = batch.filter(
					({ payload }) =>
						quota.users.has(String(payload.user_id)) ||
						quota.devices.has(String(payload.device_id)),
				);
				if (over.length > 0) {
					fail(over, {
						...failure,
						message: `${failure.message}: this user or device is over Amplitude's daily event quota`,
						description:
							'Amplitude accepts at most 500,000 events per user or device in 24 hours once it flags them. Retry after the quota frees up, or check why so many events go to one ID.',
					});
					const failed = new Set(over);
					batch = batch.filter((pending) => !failed.has(pending));
					if (batch.length === 0) return;
				}
			}
			if (!isRetryableStatus(status) || attempt >= policy.maxAttempts) {
				const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
				fail(batch, { ...failure, message: `${failure.message}${tries}` });
				return;
			}
			const pause =
				status === 429 ? endpoint.throttlePauseMs : backoffDelayMs(attempt, policy.maxWaitMs);
			await sleep(Math.min(retryAfterMs(response.headers) ?? pause, policy.maxWaitMs));
			attempt++;
		}
	};

	const inFlight = new Set<{ keys: Set<string>; done: Promise<void> }>();
	const start = (
		batch: Array<Pending<IDataObject>>,
		body: IDataObject | Buffer | undefined,
		keys: Set<string>,
	) => {
		const entry = { keys, done: Promise.resolve() };
		entry.done = deliverBatch(batch, body).finally(() => {
			inFlight.delete(entry);
			// Settled: its serializations are not needed again, and large sends stay lighter on memory.
			for (const pending of batch) pending.json = undefined;
		});
		// Failures surface where the batch is awaited; this keeps them from counting as unhandled meanwhile.
		entry.done.catch(() => undefined);
		inFlight.add(entry);
	};
	/** Waits for a free slot and for every request in flight that shares a user, device or group. */
	const waitForTurn = async (keys: Set<string>) => {
		for (;;) {
			const blocking = [...inFlight].filter(
				(entry) => inFlight.size >= MAX_IN_FLIGHT || sharesAny(entry.keys, keys),
			);
			if (blocking.length === 0) return;
			await Promise.race(blocking.map((entry) => entry.done));
		}
	};

	const batches = batchesOf(pendings, endpoint, prepare);
	let next = batches.next();
	let body = next.done ? undefined : bodyOf(next.value);
	while (!next.done) {
		const batch = next.value;
		const keys = orderingKeys(batch);
		await waitForTurn(keys);
		start(batch, body, keys);
		if (batch[batch.length - 1] !== pendings[pendings.length - 1]) {
			// n8n's request path needs a few turns of the event loop (credentials, a new connection)
			// before the request is on the wire; then the next batch and its body are prepared while
			// Amplitude works on this one.
			await sleep(REQUEST_HEAD_START_MS);
		}
		next = batches.next();
		body = next.done ? undefined : bodyOf(next.value);
	}
	await Promise.all([...inFlight].map((entry) => entry.done));
	return outcomes;
}

/**
 * The users, devices and groups a batch touches. Amplitude applies events and property changes
 * in the order it receives them per device (and user, and group), so two requests only travel at
 * the same time when they share none of these.
 */
export function orderingKeys(batch: Array<Pending<IDataObject>>): Set<string> {
	const keys = new Set<string>();
	for (const { payload } of batch) {
		if (payload.device_id !== undefined) keys.add(`d:${String(payload.device_id)}`);
		if (payload.user_id !== undefined) keys.add(`u:${String(payload.user_id)}`);
		if (payload.group_type !== undefined)
			keys.add(`g:${String(payload.group_type)}\u0000${String(payload.group_value)}`);
	}
	return keys;
}

function sharesAny(a: Set<string>, b: Set<string>): boolean {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	for (const key of small) if (large.has(key)) return true;
	return false;
}
