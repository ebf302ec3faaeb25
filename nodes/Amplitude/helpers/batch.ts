import type { IDataObject } from 'n8n-workflow';

import type { InsertIdDerivation } from './insertId';
import { eventsBody, identificationsBody } from './requestBody';

/** How an ingestion endpoint takes payloads in one request. */
export interface BatchFormat {
	/** HTTP V2 and Batch take JSON `events`; Identify and Group Identify a form field `identification`. */
	form: boolean;
	/** Most payloads in one request. */
	maxCount: number;
	/** Most bytes of a request body, room for the api_key left aside. */
	maxBytes: number;
	/** Extra top-level JSON body fields (HTTP V2 `options`). */
	envelope?: IDataObject;
	/** When set, events without an insert_id get one derived this way. */
	insertIds?: InsertIdDerivation;
	/** The form field that carries the JSON array of a form body (default `identification`). */
	formField?: string;
	/** Builds a body of another shape: as many payloads of itemIndexes (from the first) as fit. */
	build?(
		payloads: IDataObject[],
		itemIndexes: number[],
		maxBytes: number,
	): { body: RequestBody; count: number };
}

export type RequestBody = Buffer | IDataObject;

/** One request's worth of payloads: their item indexes, in order, and the body carrying them. */
export interface Batch {
	itemIndexes: number[];
	body: RequestBody;
}

/** The body for the payloads of `itemIndexes`, holding as many of them (from the first) as fit. */
export function requestBody(
	format: BatchFormat,
	payloads: IDataObject[],
	itemIndexes: number[],
	maxBytes = format.maxBytes,
): { body: RequestBody; count: number } {
	if (format.build) return format.build(payloads, itemIndexes, maxBytes);
	if (format.form) return identificationsBody(payloads, itemIndexes, maxBytes, format.formField);
	const envelope = format.envelope ? `${JSON.stringify(format.envelope).slice(1, -1)},` : '';
	return eventsBody(payloads, itemIndexes, {
		envelope,
		maxBytes,
		insertIds: format.insertIds,
	});
}

/**
 * The payloads of `queue` (item indexes, in order) in batches within both limits, each body
 * built only when its batch is asked for, so the caller can build one while the previous request
 * is on the wire. Batches are as full as the limits allow when items are of similar size (a
 * batch holds at most 25 % more items than the one before it, when bytes bound them). A payload
 * larger than maxBytes on its own gets a batch of its own (Amplitude answers 413 and it fails
 * alone).
 */
export function* batchesOf(
	format: BatchFormat,
	payloads: IDataObject[],
	queue: number[],
): Generator<Batch> {
	let position = 0;
	let size = format.maxCount;
	while (position < queue.length) {
		const itemIndexes = queue.slice(position, position + size);
		const { body, count } = requestBody(format, payloads, itemIndexes);
		if (count < itemIndexes.length) {
			itemIndexes.length = count;
			// Bound by bytes: next time serialize a little more than fitted, not maxCount items,
			// so no item is serialized over and over.
			size = Math.min(format.maxCount, count + Math.ceil(count / 4) + 1);
		} else if (size < format.maxCount) size = Math.min(format.maxCount, size * 2);
		position += count;
		yield { itemIndexes, body };
	}
}

export function splitInHalves<T>(batch: T[]): [T[], T[]] {
	const middle = Math.ceil(batch.length / 2);
	return [batch.slice(0, middle), batch.slice(middle)];
}
