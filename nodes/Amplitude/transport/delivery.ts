import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	type BatchFormat,
	batchesOf,
	type RequestBody,
	requestBody,
	splitInHalves,
} from '../helpers/batch';
import { MAX_INGESTION_REQUESTS_IN_FLIGHT } from '../limits';
import { classifyAnswer } from './classifyAnswer';
import type { ApiFailure } from './errors';
import { type AmplitudeContext, type ApiResponse, amplitudeRequest } from './index';
import type { RetryPolicy } from './retry';

/** How one ingestion endpoint takes payloads, and what a delivered item outputs. */
export interface IngestionEndpoint extends BatchFormat {
	path: '/2/httpapi' | '/batch' | '/identify' | '/groupidentify';
	/** Amplitude's documented pause for throttled users and devices. */
	throttlePauseMs: number;
	/** Makes the output of each item Amplitude's success answer delivered: a new object per call. */
	success(response: ApiResponse): () => IDataObject;
}

export type Outcome = { ok: true; json: () => IDataObject } | { ok: false; failure: ApiFailure };

/** The users, devices and groups one batch touches. */
export interface OrderingKeys {
	users: Set<string>;
	devices: Set<string>;
	groups: Set<string>;
}

/**
 * Amplitude applies events and property changes in the order it receives them per device (and
 * user, and group), so two requests only travel at the same time when they share none of these.
 */
export function orderingKeys(itemIndexes: number[], payloads: IDataObject[]): OrderingKeys {
	const keys: OrderingKeys = { users: new Set(), devices: new Set(), groups: new Set() };
	for (const itemIndex of itemIndexes) {
		const payload = payloads[itemIndex];
		if (payload.device_id !== undefined) keys.devices.add(String(payload.device_id));
		if (payload.user_id !== undefined) keys.users.add(String(payload.user_id));
		if (payload.group_type !== undefined) {
			keys.groups.add(`${String(payload.group_type)}\u0000${String(payload.group_value)}`);
		}
	}
	return keys;
}

function sharesAny(a: Set<string>, b: Set<string>): boolean {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	for (const key of small) if (large.has(key)) return true;
	return false;
}

function overlap(a: OrderingKeys, b: OrderingKeys): boolean {
	return (
		sharesAny(a.devices, b.devices) || sharesAny(a.users, b.users) || sharesAny(a.groups, b.groups)
	);
}

function bodyBytes(body: RequestBody): number {
	return Buffer.isBuffer(body) ? body.length : Buffer.byteLength(String(body.identification ?? ''));
}

/**
 * Delivers the payloads of `queue` (item indexes into `payloads`, in order) in as few requests as
 * the endpoint allows and settles every one of them, acting on each answer as classifyAnswer
 * decides. The next batch's body is built while the current request is on the wire. At most
 * MAX_INGESTION_REQUESTS_IN_FLIGHT requests travel at once, and only when they share no user,
 * device or group, so per-device order is kept.
 */
export async function deliver(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	endpoint: IngestionEndpoint,
	payloads: IDataObject[],
	queue: number[],
	policy: RetryPolicy,
): Promise<Outcome[]> {
	const outcomes = new Array<Outcome>(payloads.length);
	const settle = (itemIndexes: number[], outcome: Outcome) => {
		for (const itemIndex of itemIndexes) outcomes[itemIndex] = outcome;
	};
	const send = async (body: RequestBody) =>
		await amplitudeRequest.call(this, context, {
			api: 'ingestion',
			method: 'POST',
			path: endpoint.path,
			body,
			form: endpoint.form,
		});

	/** Delivers one batch; `firstBody` is its body built in advance (resends rebuild theirs). */
	const deliverBatch = async (initial: number[], firstBody?: RequestBody): Promise<void> => {
		let itemIndexes = initial;
		let body = firstBody;
		for (let attempt = 1; itemIndexes.length > 0; ) {
			body ??= requestBody(endpoint, payloads, itemIndexes, Infinity).body;
			const response = await send(body);
			const batch = itemIndexes;
			const verdict = classifyAnswer(
				response,
				{
					size: batch.length,
					bytes: bodyBytes(body),
					payloadAt: (position) => payloads[batch[position]],
				},
				{ attempt, policy, throttlePauseMs: endpoint.throttlePauseMs, secrets: context.secrets },
			);
			body = undefined;
			switch (verdict.kind) {
				case 'delivered':
					settle(batch, { ok: true, json: endpoint.success(response) });
					return;
				case 'failed':
					settle(batch, { ok: false, failure: verdict.failure });
					return;
				case 'split':
					for (const half of splitInHalves(batch)) await deliverBatch(half);
					return;
				case 'resend':
					for (const [position, failure] of verdict.failures) {
						outcomes[batch[position]] = { ok: false, failure };
					}
					if (verdict.failures.size > 0) {
						itemIndexes = batch.filter((_, position) => !verdict.failures.has(position));
					}
					if (verdict.nextAttempt) {
						await sleep(verdict.waitMs);
						attempt++;
					}
			}
		}
	};

	const inFlight = new Set<{ keys: OrderingKeys; done: Promise<void> }>();
	const start = (itemIndexes: number[], body: RequestBody, keys: OrderingKeys) => {
		const entry = { keys, done: Promise.resolve() };
		entry.done = deliverBatch(itemIndexes, body).finally(() => inFlight.delete(entry));
		// Failures surface where the batch is awaited; this keeps them from counting as unhandled meanwhile.
		entry.done.catch(() => undefined);
		inFlight.add(entry);
	};
	/** Waits for a free slot and for every request in flight that shares a user, device or group. */
	const waitForTurn = async (keys: OrderingKeys) => {
		for (;;) {
			const blocking = [...inFlight].filter(
				(entry) => inFlight.size >= MAX_INGESTION_REQUESTS_IN_FLIGHT || overlap(entry.keys, keys),
			);
			if (blocking.length === 0) return;
			await Promise.race(blocking.map((entry) => entry.done));
		}
	};

	for (const batch of batchesOf(endpoint, payloads, queue)) {
		const keys = orderingKeys(batch.itemIndexes, payloads);
		await waitForTurn(keys);
		// The next body is built while this request travels (a pause before building it measured
		// slower: with several requests in flight, idle time costs more than a later start).
		start(batch.itemIndexes, batch.body, keys);
	}
	await Promise.all([...inFlight].map((entry) => entry.done));
	return outcomes;
}
