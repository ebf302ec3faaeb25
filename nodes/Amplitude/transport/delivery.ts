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
import type { AmplitudeApi } from './endpoints';
import type { ApiFailure } from './errors';
import { type AmplitudeContext, type ApiResponse, amplitudeRequest } from './index';
import type { RetryPolicy } from './retry';

/** How one endpoint takes payloads in batches, and what a delivered item outputs. */
export interface DeliveryEndpoint extends BatchFormat {
	/** The API the path belongs to (its host and auth); ingestion unless said otherwise. */
	api?: AmplitudeApi;
	path: string;
	/** Amplitude's documented pause for throttled requests (429). */
	throttlePauseMs: number;
	/** Makes the output of each item Amplitude's success answer delivered: a new object per call. */
	success(response: ApiResponse): () => IDataObject;
	/**
	 * The outcome of each payload of a batch (by position) from a 2xx answer, where items fare
	 * differently (skipped IDs, per-user jobs); without it every payload gets success(response).
	 */
	delivered?(response: ApiResponse, batch: IDataObject[]): Outcome[];
	/** The positions a 400 answer names as bad, each with the reason (default: ingestion's lists). */
	rejected?(body: unknown, batch: IDataObject[]): Map<number, string>;
	/** Whether a batch may be split in halves to isolate bad payloads (not for a cohort upload). */
	splittable?: boolean;
	/** Most requests in flight (default MAX_INGESTION_REQUESTS_IN_FLIGHT). */
	maxInFlight?: number;
	/**
	 * Least time between two requests, resends included (a rate limit): between their starts, or,
	 * when requests go one at a time, from the previous answer, so that they also arrive that far
	 * apart whatever the network's delay.
	 */
	minIntervalMs?: number;
}

/** How one ingestion endpoint takes payloads, and what a delivered item outputs. */
export interface IngestionEndpoint extends DeliveryEndpoint {
	path: '/2/httpapi' | '/batch' | '/identify' | '/groupidentify';
}

export type Outcome = { ok: true; json: () => IDataObject } | { ok: false; failure: ApiFailure };

export interface Pacer {
	/** Waits until `intervalMs` after the last start (or answer); callers in parallel take turns. */
	wait(): Promise<void>;
	/** Counts the interval from now (an answer came) instead of from the last start. */
	answered(): void;
}

/** Spaces out requests by at least `intervalMs`, waiting with n8n's sleep. */
export function pacer(intervalMs: number, now: () => number = Date.now): Pacer {
	let last = -Infinity;
	let turn = Promise.resolve();
	return {
		wait: async () => {
			const mine = turn.then(async () => {
				const waitMs = last + intervalMs - now();
				if (waitMs > 0) await sleep(waitMs);
				last = now();
			});
			turn = mine;
			await mine;
		},
		answered: () => {
			last = Math.max(last, now());
		},
	};
}

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
	if (Buffer.isBuffer(body)) return body.length;
	return Object.values(body).reduce<number>(
		(sum, value) => sum + Buffer.byteLength(String(value)),
		0,
	);
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
	endpoint: DeliveryEndpoint,
	payloads: IDataObject[],
	queue: number[],
	policy: RetryPolicy,
): Promise<Outcome[]> {
	const outcomes = new Array<Outcome>(payloads.length);
	const settle = (itemIndexes: number[], outcome: Outcome) => {
		for (const itemIndex of itemIndexes) outcomes[itemIndex] = outcome;
	};
	const api = endpoint.api ?? 'ingestion';
	const maxInFlight = endpoint.maxInFlight ?? MAX_INGESTION_REQUESTS_IN_FLIGHT;
	const pace = endpoint.minIntervalMs ? pacer(endpoint.minIntervalMs) : undefined;
	const payloadsOf = (itemIndexes: number[]) => itemIndexes.map((itemIndex) => payloads[itemIndex]);
	const send = async (body: RequestBody) => {
		await pace?.wait();
		try {
			return await amplitudeRequest.call(this, context, {
				api,
				method: 'POST',
				path: endpoint.path,
				body,
				form: endpoint.form,
			});
		} finally {
			if (maxInFlight === 1) pace?.answered();
		}
	};

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
				{
					attempt,
					policy,
					throttlePauseMs: endpoint.throttlePauseMs,
					secrets: context.secrets,
					api,
					splittable: endpoint.splittable,
					rejected:
						endpoint.rejected && ((answer) => endpoint.rejected!(answer, payloadsOf(batch))),
				},
			);
			body = undefined;
			switch (verdict.kind) {
				case 'delivered':
					if (endpoint.delivered) {
						const each = endpoint.delivered(response, payloadsOf(batch));
						batch.forEach((itemIndex, position) => (outcomes[itemIndex] = each[position]));
					} else settle(batch, { ok: true, json: endpoint.success(response) });
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
				(entry) => inFlight.size >= maxInFlight || overlap(entry.keys, keys),
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
