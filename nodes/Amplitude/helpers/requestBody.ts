import type { IDataObject } from 'n8n-workflow';

import { CONTENT_HASH, INSERT_ID_LENGTH, type InsertIdDerivation, writeInsertId } from './insertId';

/**
 * Request bodies for a batch of payloads, serialized with one JSON.stringify call per batch
 * (far cheaper than one per payload) and cut to a byte limit.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** Where each top-level element of a serialized JSON array of objects starts and ends. */
interface ArrayLayout {
	/** Byte offset of each element's opening brace. */
	starts: number[];
	/** Byte offset of each element's closing brace. */
	ends: number[];
}

/**
 * The offset just past the object or array that opens at `start` in JSON as JSON.stringify writes
 * it (no whitespace): only quotes, escapes and nesting are looked at, and a string is skipped in
 * a loop of its own.
 */
function elementEnd(json: Uint8Array, start: number): number {
	const length = json.length;
	let depth = 0;
	let i = start;
	while (i < length) {
		const byte = json[i++];
		if (byte === QUOTE) {
			for (let b = json[i++]; b !== QUOTE && i <= length; b = json[i++]) if (b === BACKSLASH) i++;
		} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
		else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return i;
	}
	throw new Error('Unterminated JSON element');
}

/** The elements of `[{…},{…},…]` as JSON.stringify writes it. */
export function arrayLayout(json: Uint8Array): ArrayLayout {
	const starts: number[] = [];
	const ends: number[] = [];
	for (let start = 1; start < json.length - 1; ) {
		const end = elementEnd(json, start);
		starts.push(start);
		ends.push(end - 1);
		start = end + 1;
	}
	return { starts, ends };
}

function serializeArray(payloads: IDataObject[], itemIndexes: number[]): Buffer {
	const list = new Array<IDataObject>(itemIndexes.length);
	for (let k = 0; k < itemIndexes.length; k++) list[k] = payloads[itemIndexes[k]];
	return Buffer.from(JSON.stringify(list), 'utf8');
}

const INSERT_ID_HEAD = Buffer.from(',"insert_id":"', 'latin1');
/** Most bytes an event grows by when it gets an insert_id: `,"insert_id":"` + the ID + `"`. */
const INSERT_ID_BYTES = INSERT_ID_HEAD.length + INSERT_ID_LENGTH + 1;

export interface EventsBodyOptions {
	/** Top-level fields before `events`, as JSON members with a trailing comma, or ''. */
	envelope: string;
	/** The most bytes the body may take; at least one event goes in regardless. */
	maxBytes: number;
	/** When set, events without an insert_id get one derived this way. */
	insertIds?: InsertIdDerivation;
}

/** An HTTP V2 or Batch body, and how many of the given items (from the first) it holds. */
export interface EventsBody {
	body: Buffer;
	count: number;
}

/** What copyEvents needs besides the bytes, and where it reports how many events it copied. */
interface CopyState {
	events: IDataObject[];
	itemIndexes: number[];
	prefix: Buffer | undefined;
	perItem: boolean;
	maxBytes: number;
	count: number;
}

/** The content hash's lanes of the event scanAndHash read last (see insertId.ts). */
const lanes = { low: 0, high: 0 };

/**
 * elementEnd and the content hash of the element's bytes (two FNV-1a lanes, byte by byte, into
 * `lanes`) in one pass: every byte is read once, and the copy is left to a native call.
 */
function scanAndHash(json: Uint8Array, start: number, length: number): number {
	const { lowSeed, lowPrime, highSeed, highPrime } = CONTENT_HASH;
	let low = lowSeed;
	let high = highSeed;
	let depth = 0;
	let i = start;
	while (i < length) {
		let byte = json[i++];
		low = Math.imul(low ^ byte, lowPrime);
		high = Math.imul(high ^ byte, highPrime);
		if (byte === QUOTE) {
			do {
				byte = json[i++];
				low = Math.imul(low ^ byte, lowPrime);
				high = Math.imul(high ^ byte, highPrime);
				if (byte === BACKSLASH) {
					const escaped = json[i++];
					low = Math.imul(low ^ escaped, lowPrime);
					high = Math.imul(high ^ escaped, highPrime);
				}
			} while (byte !== QUOTE && i < length);
		} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
		else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
			lanes.low = low;
			lanes.high = high;
			return i;
		}
	}
	throw new Error('Unterminated JSON element');
}

/**
 * Moves the events of the serialized array at `from` in `body` (up to `length`) forward to `out`,
 * as many as fit in maxBytes, giving each event without an insert_id one derived from its item
 * index and the hash of its bytes, as its last member. This is the per-event cost of a bulk send:
 * one pass finds each event's end and hashes its bytes, then copyWithin moves them (a native move
 * within the one buffer, which allocates nothing). The array must start far enough behind `out`
 * for every insert_id to fit (see eventsBody), so nothing is overwritten before it is read.
 * Returns the body's length.
 */
function copyEvents(
	body: Buffer,
	from: number,
	length: number,
	out: number,
	state: CopyState,
): number {
	const { events, itemIndexes, prefix, perItem, maxBytes } = state;
	const items = body.subarray(0, length);
	let count = 0;
	for (let start = from + 1; start < length - 1; ) {
		const itemIndex = itemIndexes[count];
		const withId = prefix !== undefined && events[itemIndex].insert_id === undefined;
		// The hash covers the whole event, closing brace included.
		const end = withId ? scanAndHash(body, start, length) : elementEnd(items, start);
		// `{}` has no member before the insert_id, so no comma either.
		const empty = end - start === 2;
		const idBytes = withId ? INSERT_ID_BYTES - (empty ? 1 : 0) : 0;
		const comma = count > 0 ? 1 : 0;
		if (count > 0 && out + comma + end - start + idBytes + 2 > maxBytes) break;
		if (comma) body[out++] = COMMA;
		if (withId) {
			body.copyWithin(out, start, end - 1);
			out += end - 1 - start;
			for (let h = empty ? 1 : 0; h < INSERT_ID_HEAD.length; h++) body[out++] = INSERT_ID_HEAD[h];
			writeInsertId(body, out, prefix, perItem ? itemIndex : 0, lanes.low, lanes.high);
			out += INSERT_ID_LENGTH;
			body[out++] = QUOTE;
			body[out++] = CLOSE_BRACE;
		} else {
			body.copyWithin(out, start, end);
			out += end - start;
		}
		count++;
		start = end + 1;
	}
	state.count = count;
	return out;
}

/**
 * `{<envelope>"events":[…]}` for the events of `itemIndexes` (indexes into `events`), in order,
 * as many as fit in maxBytes. An event without an insert_id gets one derived from its origin, item
 * index and its own serialized bytes (see insertId.ts), appended as its last member.
 */
export function eventsBody(
	events: IDataObject[],
	itemIndexes: number[],
	options: EventsBodyOptions,
): EventsBody {
	const list = new Array<IDataObject>(itemIndexes.length);
	for (let k = 0; k < itemIndexes.length; k++) list[k] = events[itemIndexes[k]];
	const text = JSON.stringify(list);
	const head = Buffer.from(`{${options.envelope}"events":[`, 'utf8');
	const prefix = options.insertIds ? Buffer.from(options.insertIds.prefix, 'latin1') : undefined;
	// The serialized array goes in behind room for the head and every insert_id, and the events
	// move forward from there into place.
	const from = head.length + (prefix ? itemIndexes.length * INSERT_ID_BYTES : 0);
	const body = Buffer.allocUnsafe(from + Buffer.byteLength(text, 'utf8') + 1);
	const length = from + body.write(text, from, 'utf8');
	const state: CopyState = {
		events,
		itemIndexes,
		prefix,
		perItem: options.insertIds?.perItem ?? true,
		maxBytes: options.maxBytes,
		count: 0,
	};
	let out = copyEvents(body, from, length, head.copy(body, 0), state);
	body[out++] = CLOSE_BRACKET;
	body[out++] = CLOSE_BRACE;
	return { body: body.subarray(0, out), count: state.count };
}

/**
 * Bytes a byte takes once form-encoded as n8n sends forms (URLSearchParams): letters, digits,
 * `*-._` and space (as `+`) stay one byte, every other byte becomes `%XX`.
 */
const FORM_BYTES = new Uint8Array(256).fill(3);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-._ ') {
	FORM_BYTES[char.charCodeAt(0)] = 1;
}

/** An Identify or Group Identify body, and how many of the given items (from the first) it holds. */
export interface IdentificationsBody {
	body: { [field: string]: string };
	count: number;
}

/**
 * The form `identification=[…]` (or another field: `mapping` for user mapping) for the payloads
 * of `itemIndexes`, in order, as many as fit in maxBytes once form-encoded (at least one).
 */
export function identificationsBody(
	identifications: IDataObject[],
	itemIndexes: number[],
	maxBytes: number,
	field = 'identification',
): IdentificationsBody {
	const json = serializeArray(identifications, itemIndexes);
	const { starts, ends } = arrayLayout(json);
	// The brackets, then each element and the comma before it.
	let size = 2 * FORM_BYTES[OPEN_BRACKET];
	let count = 0;
	for (; count < starts.length; count++) {
		let added = count > 0 ? FORM_BYTES[0x2c] : 0;
		for (let i = starts[count]; i <= ends[count]; i++) added += FORM_BYTES[json[i]];
		if (count > 0 && size + added > maxBytes) break;
		size += added;
	}
	const text =
		count === starts.length
			? json.toString('utf8')
			: `${json.toString('utf8', 0, ends[count - 1] + 1)}]`;
	return { body: { [field]: text }, count };
}
