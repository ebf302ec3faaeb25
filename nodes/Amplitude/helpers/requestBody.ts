import type { IDataObject } from 'n8n-workflow';

import { INSERT_ID_LENGTH, type InsertIdDerivation, writeInsertId } from './insertId';
import { JsonBytes } from './jsonBytes';

/**
 * Request bodies for a batch of payloads, cut to a byte limit: event bodies written and hashed
 * in one pass (jsonBytes.ts), identification forms with one JSON.stringify call per batch.
 */

// The same bytes as jsonBytes.ts's, kept local for the same reason it gives.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const CLOSING_BYTES = Uint8Array.of(CLOSE_BRACKET, CLOSE_BRACE);
const NULL_BYTES = Buffer.from('null', 'latin1');

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

const INSERT_ID_HEAD = Buffer.from('"insert_id":"', 'latin1');

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

/** Room to start a body with: a little more than the last one took, grown when short. */
let capacityHint = 1 << 16;

/**
 * `{<envelope>"events":[…]}` for the events of `itemIndexes` (indexes into `events`), in order,
 * as many as fit in maxBytes, with the bytes JSON.stringify gives them. An event without an
 * insert_id gets one derived from its origin, item index and the hash of its own serialized bytes
 * (see insertId.ts), appended as its last member: each event is serialized and hashed in one pass.
 */
export function eventsBody(
	events: IDataObject[],
	itemIndexes: number[],
	options: EventsBodyOptions,
): EventsBody {
	const { insertIds, maxBytes } = options;
	const prefix = insertIds ? Buffer.from(insertIds.prefix, 'latin1') : undefined;
	const perItem = insertIds?.perItem ?? true;
	const writer = new JsonBytes(capacityHint);
	writer.raw(Buffer.from(`{${options.envelope}"events":[`, 'utf8'));
	let count = 0;
	for (; count < itemIndexes.length; count++) {
		const itemIndex = itemIndexes[count];
		const event = events[itemIndex];
		const mark = writer.length;
		if (count > 0) writer.rawByte(COMMA);
		const start = writer.length;
		writer.startHash();
		if (!writer.value(event, count)) writer.raw(NULL_BYTES);
		if (prefix !== undefined && event.insert_id === undefined) {
			if (writer.bytes[writer.length - 1] !== CLOSE_BRACE) {
				throw new Error(`The event of item ${itemIndex} does not serialize to a JSON object`);
			}
			// The hash covers the whole event, closing brace included; the insert_id goes in its place.
			writer.truncate(writer.length - 1);
			// `{}` has no member before the insert_id, so no comma either.
			if (writer.length - start > 1) writer.rawByte(COMMA);
			writer.raw(INSERT_ID_HEAD);
			const { low, high } = writer;
			const at = writer.claim(INSERT_ID_LENGTH);
			writeInsertId(writer.bytes, at, prefix, perItem ? itemIndex : 0, low, high);
			writer.rawByte(QUOTE);
			writer.rawByte(CLOSE_BRACE);
		}
		// Room for the closing `]}`.
		if (count > 0 && writer.length + 2 > maxBytes) {
			writer.truncate(mark);
			break;
		}
	}
	writer.raw(CLOSING_BYTES);
	capacityHint = writer.length + (writer.length >> 3);
	return { body: writer.result(), count };
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
