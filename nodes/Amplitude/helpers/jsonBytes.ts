import { CONTENT_HASH } from './insertId';

/**
 * JSON.stringify's exact bytes (UTF-8), written straight into a growing buffer while the content
 * hash (see insertId.ts) runs over every byte written. A send pays for serializing and hashing
 * each event once, in one pass, with no intermediate string to build, flatten, encode and scan.
 *
 * It follows the spec's SerializeJSONProperty: toJSON(key), boxed primitives, own enumerable
 * keys in their order, undefined, functions and symbols skipped in objects and `null` in arrays,
 * non-finite numbers as `null`, lone surrogates escaped, BigInt refused. Values nested deeper
 * than MAX_DEPTH are handed to JSON.stringify itself, which also reports circular structures.
 * Objects whose prototype is Object.prototype or null (what `{}` and JSON.parse make) are taken
 * as plain objects without asking whether they are boxed primitives.
 */

const { lowPrime, highPrime } = CONTENT_HASH;
// The lanes are kept as signed 32-bit integers, the values Math.imul gives, which V8 stores in
// place; the seeds above 2^31 would turn the fields into boxed numbers. The bits are the same.
const LOW_SEED = CONTENT_HASH.lowSeed | 0;
const HIGH_SEED = CONTENT_HASH.highSeed | 0;

// JSON's punctuation. Local constants, not imported ones: TypeScript turns an imported or
// exported constant into a property read, which the per-character loops would pay for.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const HEX_DIGITS = '0123456789abcdef';
/** The two-character escapes of JSON.stringify, by character code; the rest below 0x20 are \u00xx. */
const SHORT_ESCAPES: Record<number, number> = {
	0x08: 0x62,
	0x09: 0x74,
	0x0a: 0x6e,
	0x0c: 0x66,
	0x0d: 0x72,
	[QUOTE]: QUOTE,
	[BACKSLASH]: BACKSLASH,
};
/** A UTF-16 code unit takes at most 6 bytes: `\udxxx` for a lone surrogate, `\u00xx` for a control character. */
const MOST_BYTES_PER_UNIT = 6;
/** How deep the writer nests by itself; values deeper are handed to JSON.stringify. */
const MAX_DEPTH = 32;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether `value` is a boxed primitive of the kind whose valueOf is given: the spec's check of its
 * internal slot, which holds across realms, where instanceof does not.
 */
function isBoxed(value: object, valueOf: (this: never) => unknown): boolean {
	try {
		valueOf.call(value as never);
		return true;
	} catch {
		return false;
	}
}

/** Objects made by `{}` or JSON.parse, the common case, which cannot be boxed primitives. */
function hasPlainPrototype(value: object): boolean {
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

function bigIntError(): TypeError {
	return new TypeError('Do not know how to serialize a BigInt');
}

/** A value that is an object or may have a toJSON method, as the spec's SerializeJSONProperty asks. */
function mayHaveToJson(value: unknown): value is object {
	return (
		(typeof value === 'object' && value !== null) ||
		typeof value === 'function' ||
		typeof value === 'bigint'
	);
}

export class JsonBytes {
	bytes: Buffer;

	/** Bytes written so far. */
	length = 0;

	/** The content hash's lanes over the bytes written since the last startHash(). */
	low = 0;

	high = 0;

	constructor(capacity: number) {
		this.bytes = Buffer.allocUnsafe(Math.max(capacity, 64));
	}

	startHash(): void {
		this.low = LOW_SEED;
		this.high = HIGH_SEED;
	}

	/** Appends bytes outside the hash. */
	raw(bytes: Uint8Array): void {
		this.reserve(bytes.length);
		const target = this.bytes;
		let at = this.length;
		for (let i = 0; i < bytes.length; i++) target[at++] = bytes[i];
		this.length = at;
	}

	/** Appends one byte outside the hash. */
	rawByte(code: number): void {
		if (this.length === this.bytes.length) this.reserve(1);
		this.bytes[this.length++] = code;
	}

	/** Drops the bytes written after `length` (the hash is not rewound). */
	truncate(length: number): void {
		this.length = length;
	}

	/**
	 * The bytes written: sharing this writer's memory, or a copy when they fill less than half of
	 * it, so a small body never holds on to a large start (a body stays in memory until answered).
	 */
	result(): Buffer {
		const written = this.bytes.subarray(0, this.length);
		return 2 * this.length < this.bytes.length ? Buffer.from(written) : written;
	}

	/**
	 * Writes `value` as JSON.stringify writes the member `key` of an object or array holding it.
	 * Returns false, having written nothing, when JSON.stringify leaves it out (undefined, a
	 * function, a symbol, or what toJSON turns into one of them).
	 */
	value(value: unknown, key: string | number, depth = 0): boolean {
		if (mayHaveToJson(value)) {
			if (depth >= MAX_DEPTH) return this.delegated(value, key);
			const toJSON = (value as { toJSON?: unknown }).toJSON;
			if (typeof toJSON === 'function') value = toJSON.call(value, String(key)) as unknown;
		}
		switch (typeof value) {
			case 'string':
				this.string(value);
				return true;
			case 'number':
				if (value === (value | 0)) this.integer(value);
				else this.ascii(Number.isFinite(value) ? String(value) : 'null');
				return true;
			case 'boolean':
				this.ascii(value ? 'true' : 'false');
				return true;
			case 'bigint':
				throw bigIntError();
			case 'object':
				if (value === null) this.ascii('null');
				else if (Array.isArray(value)) this.array(value, depth + 1);
				else if (hasPlainPrototype(value)) this.object(value as Record<string, unknown>, depth + 1);
				else if (isBoxed(value, Number.prototype.valueOf)) this.value(Number(value), key);
				else if (isBoxed(value, String.prototype.valueOf)) this.value(String(value), key);
				else if (isBoxed(value, Boolean.prototype.valueOf)) {
					this.value(Boolean.prototype.valueOf.call(value), key);
				} else if (isBoxed(value, BigInt.prototype.valueOf)) throw bigIntError();
				else this.object(value as Record<string, unknown>, depth + 1);
				return true;
			default:
				return false;
		}
	}

	private array(list: unknown[], depth: number): void {
		this.byte(OPEN_BRACKET);
		for (let i = 0; i < list.length; i++) {
			if (i > 0) this.byte(COMMA);
			if (!this.value(list[i], i, depth)) this.ascii('null');
		}
		this.byte(CLOSE_BRACKET);
	}

	private object(record: Record<string, unknown>, depth: number): void {
		this.byte(OPEN_BRACE);
		let first = true;
		// for…in visits own keys in the order JSON.stringify does (integer keys, then insertion).
		for (const name in record) {
			if (!hasOwn.call(record, name)) continue;
			const member = record[name];
			if (member === undefined || typeof member === 'symbol') continue;
			const mark = this.length;
			const { low, high } = this;
			if (!first) this.byte(COMMA);
			this.string(name);
			this.byte(COLON);
			if (this.value(member, name, depth)) first = false;
			else {
				this.length = mark;
				this.low = low;
				this.high = high;
			}
		}
		this.byte(CLOSE_BRACE);
	}

	/**
	 * What JSON.stringify writes for the member `key` holding `value` (toJSON not yet applied),
	 * hashed as it is copied.
	 */
	private delegated(value: object, key: string | number): boolean {
		const name = String(key);
		const text = JSON.stringify({ [name]: value });
		if (text === '{}') return false;
		const bytes = Buffer.from(text.slice(JSON.stringify(name).length + 2, -1), 'utf8');
		this.reserve(bytes.length);
		for (let i = 0; i < bytes.length; i++) this.byte(bytes[i]);
		return true;
	}

	/**
	 * Takes the next `count` bytes, outside the hash, for the caller to fill in `bytes`; returns
	 * where they start.
	 */
	claim(count: number): number {
		this.reserve(count);
		const at = this.length;
		this.length += count;
		return at;
	}

	/** Makes room for `extra` more bytes. */
	private reserve(extra: number): void {
		if (this.length + extra <= this.bytes.length) return;
		const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + extra));
		this.bytes.copy(grown, 0, 0, this.length);
		this.bytes = grown;
	}

	private byte(code: number): void {
		if (this.length === this.bytes.length) this.reserve(1);
		this.bytes[this.length++] = code;
		this.low = Math.imul(this.low ^ code, lowPrime);
		this.high = Math.imul(this.high ^ code, highPrime);
	}

	/**
	 * A 32-bit integer in decimal, as String() writes it (-0 as 0), without making the string:
	 * digits are written from the last, then hashed in order.
	 */
	private integer(value: number): void {
		this.reserve(11);
		const bytes = this.bytes;
		const start = this.length;
		let at = start;
		// As a double, the magnitude of -2^31 fits too.
		let rest = value;
		if (rest < 0) {
			bytes[at++] = 0x2d;
			rest = -rest;
		}
		let digits = 1;
		for (let bound = 10; rest >= bound && digits < 10; bound *= 10) digits++;
		for (let i = at + digits - 1; i >= at; i--) {
			const digit = rest % 10;
			bytes[i] = 0x30 + digit;
			rest = (rest - digit) / 10;
		}
		at += digits;
		let low = this.low;
		let high = this.high;
		for (let i = start; i < at; i++) {
			low = Math.imul(low ^ bytes[i], lowPrime);
			high = Math.imul(high ^ bytes[i], highPrime);
		}
		this.length = at;
		this.low = low;
		this.high = high;
	}

	/** Text known to be ASCII with nothing to escape (numbers, literals). */
	private ascii(text: string): void {
		this.reserve(text.length);
		const bytes = this.bytes;
		let at = this.length;
		let low = this.low;
		let high = this.high;
		for (let i = 0; i < text.length; i++) {
			const code = text.charCodeAt(i);
			bytes[at++] = code;
			low = Math.imul(low ^ code, lowPrime);
			high = Math.imul(high ^ code, highPrime);
		}
		this.length = at;
		this.low = low;
		this.high = high;
	}

	/** A quoted, escaped string; the common characters in a loop of their own. */
	private string(text: string): void {
		const count = text.length;
		this.reserve(MOST_BYTES_PER_UNIT * count + 2);
		const bytes = this.bytes;
		let at = this.length;
		let low = Math.imul(this.low ^ QUOTE, lowPrime);
		let high = Math.imul(this.high ^ QUOTE, highPrime);
		bytes[at++] = QUOTE;
		for (let i = 0; i < count; i++) {
			const code = text.charCodeAt(i);
			if (code >= 0x20 && code < 0x80 && code !== QUOTE && code !== BACKSLASH) {
				bytes[at++] = code;
				low = Math.imul(low ^ code, lowPrime);
				high = Math.imul(high ^ code, highPrime);
				continue;
			}
			this.length = at;
			this.low = low;
			this.high = high;
			i = this.special(text, i, code);
			at = this.length;
			low = this.low;
			high = this.high;
		}
		bytes[at++] = QUOTE;
		this.length = at;
		this.low = Math.imul(low ^ QUOTE, lowPrime);
		this.high = Math.imul(high ^ QUOTE, highPrime);
	}

	/** One character that is escaped or takes more than one byte; returns the index it ended at. */
	private special(text: string, i: number, code: number): number {
		if (code < 0x80) {
			const short = SHORT_ESCAPES[code];
			this.byte(BACKSLASH);
			if (short !== undefined) this.byte(short);
			else this.unicodeEscape(code);
		} else if (code < 0x800) {
			this.byte(0xc0 | (code >> 6));
			this.byte(0x80 | (code & 0x3f));
		} else if (code < 0xd800 || code > 0xdfff) {
			this.byte(0xe0 | (code >> 12));
			this.byte(0x80 | ((code >> 6) & 0x3f));
			this.byte(0x80 | (code & 0x3f));
		} else {
			const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
				this.byte(0xf0 | (point >> 18));
				this.byte(0x80 | ((point >> 12) & 0x3f));
				this.byte(0x80 | ((point >> 6) & 0x3f));
				this.byte(0x80 | (point & 0x3f));
				return i + 1;
			}
			this.byte(BACKSLASH);
			this.unicodeEscape(code);
		}
		return i;
	}

	/** `uxxxx` (the backslash is written by the caller), lower-case hex as JSON.stringify writes it. */
	private unicodeEscape(code: number): void {
		this.byte(0x75);
		for (let shift = 12; shift >= 0; shift -= 4)
			this.byte(HEX_DIGITS.charCodeAt((code >> shift) & 15));
	}
}
