import { crc32 } from './crc32';

/**
 * DEFLATE (RFC 1951) and gzip (RFC 1952) decompression, fed in chunks as they arrive.
 *
 * Why our own: node:zlib is an import n8n Cloud's rules for community nodes forbid, and the
 * web-standard DecompressionStream hands zlib's output over in 16 KB steps, each a round trip to
 * the thread pool and through web streams. For the 141 MB of a 100,000-event export that cost
 * 0.83 s of CPU where zlib itself needs 0.2 s; this decoder needs about 0.2 s (docs/export-benchmark.md).
 */

export type CompressionFormat = 'gzip' | 'deflate-raw';

/** The compressed data is damaged, incomplete or not in the format. */
export class InflateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InflateError';
	}
}

export interface InflateOptions {
	/**
	 * Check each gzip member's CRC-32 (default true). Off only where a CRC-32 of the compressed
	 * bytes is checked instead (a zip entry's), which proves the same for far fewer bytes.
	 */
	checkCrc?: boolean;
}

const WINDOW = 32768;
const MAX_MATCH = 258;
/** Decompressed bytes handed over at a time. */
const OUTPUT_CHUNK = 1 << 20;
/**
 * Compressed bytes kept back while more may come: more than a block header or one symbol can
 * take, so the decoder only stops between symbols and never runs out of input inside one.
 */
const INPUT_MARGIN = 1024;
const MAX_BITS = 15;

const LENGTH_BASE = new Uint16Array([
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
]);
const LENGTH_EXTRA = new Uint8Array([
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
]);
const DISTANCE_BASE = new Uint16Array([
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
]);
const DISTANCE_EXTRA = new Uint8Array([
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]);
/** The order in which a dynamic block gives the code lengths of its code-length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * A Huffman code as one lookup table indexed by the next `bits` input bits (least significant
 * first, as DEFLATE packs them): each entry is symbol << 4 | code length; 0 where no code starts.
 */
interface Code {
	table: Int32Array;
	mask: number;
}

/** The canonical code for `lengths` (RFC 1951 §3.2.2), written into `table`. */
function buildCode(lengths: Uint8Array, table: Int32Array, what: string): Code {
	const counts = new Uint16Array(MAX_BITS + 1);
	let longest = 0;
	for (const length of lengths) {
		counts[length]++;
		if (length > longest) longest = length;
	}
	counts[0] = 0;
	let left = 1;
	for (let length = 1; length <= MAX_BITS; length++) {
		left = (left << 1) - counts[length];
		if (left < 0) throw new InflateError(`invalid ${what} code (over-subscribed)`);
	}
	const next = new Uint16Array(MAX_BITS + 1);
	for (let length = 1, code = 0; length <= MAX_BITS; length++) {
		code = (code + counts[length - 1]) << 1;
		next[length] = code;
	}
	const size = 1 << Math.max(longest, 1);
	table.fill(0, 0, size);
	for (let symbol = 0; symbol < lengths.length; symbol++) {
		const length = lengths[symbol];
		if (length === 0) continue;
		let code = next[length]++;
		let reversed = 0;
		for (let bit = 0; bit < length; bit++, code >>>= 1) reversed = (reversed << 1) | (code & 1);
		for (let index = reversed; index < size; index += 1 << length) {
			table[index] = (symbol << 4) | length;
		}
	}
	return { table, mask: size - 1 };
}

const FIXED_LITERALS = buildCode(
	new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288),
	new Int32Array(1 << 9),
	'literal/length',
);
const FIXED_DISTANCES = buildCode(new Uint8Array(30).fill(5), new Int32Array(1 << 5), 'distance');

const enum Mode {
	GzipHeader,
	BlockHeader,
	Stored,
	Codes,
	GzipTrailer,
	/** After a gzip member: another may follow (concatenated gzip files), or the end. */
	GzipNext,
	Done,
}

/** Why the decoding loop returned. */
const enum Stop {
	EndOfBlock,
	NeedInput,
	OutputFull,
}

const GZIP_FLAG_HEADER_CRC = 0x02;
const GZIP_FLAG_EXTRA = 0x04;
const GZIP_FLAG_NAME = 0x08;
const GZIP_FLAG_COMMENT = 0x10;
const GZIP_RESERVED_FLAGS = 0xe0;

/** Where a zero-terminated field starting at `from` ends (past its zero), or -1 if not yet. */
function zeroTerminated(input: Uint8Array, from: number): number {
	const zero = input.indexOf(0, from);
	return zero < 0 ? -1 : zero + 1;
}

/**
 * A streaming decoder: `push` each compressed chunk and take the decompressed bytes it yields
 * (up to OUTPUT_CHUNK at a time, each handed over once, never written to again), then `finish`,
 * which throws if the data ended early. Only the last 32 KB of output (DEFLATE's window) and a
 * little unread input are kept between chunks.
 */
export class Inflater {
	private readonly gzip: boolean;

	private readonly checkCrc: boolean;

	private mode: Mode;

	private input: Uint8Array = new Uint8Array(0);

	private position = 0;

	/** Input bits read but not yet used (least significant first), and how many. */
	private bits = 0;

	private bitCount = 0;

	private lastBlock = false;

	private storedLeft = 0;

	private literals: Code = FIXED_LITERALS;

	private distances: Code = FIXED_DISTANCES;

	private readonly literalTable = new Int32Array(1 << MAX_BITS);

	private readonly distanceTable = new Int32Array(1 << MAX_BITS);

	/** Output: the window kept from before, then new bytes from `handedOver` to `written`. */
	private output = new Uint8Array(WINDOW + OUTPUT_CHUNK + MAX_MATCH);

	private written = 0;

	private handedOver = 0;

	/** Where the current gzip member's output starts in `output` (no match reaches before it). */
	private memberStart = 0;

	private memberCrc = 0;

	private memberSize = 0;

	/** Gzip members read to their end. */
	private members = 0;

	constructor(format: CompressionFormat, options: InflateOptions = {}) {
		this.gzip = format === 'gzip';
		this.checkCrc = options.checkCrc ?? true;
		this.mode = this.gzip ? Mode.GzipHeader : Mode.BlockHeader;
	}

	/** The decompressed bytes the chunk completes. */
	*push(chunk: Uint8Array): Generator<Uint8Array> {
		if (chunk.length === 0) return;
		const unread = this.input.length - this.position;
		if (unread > 0) {
			const joined = new Uint8Array(unread + chunk.length);
			joined.set(this.input.subarray(this.position));
			joined.set(chunk, unread);
			this.input = joined;
		} else {
			this.input = chunk;
		}
		this.position = 0;
		yield* this.run(false);
	}

	/** The last decompressed bytes; throws unless the data ended where a complete stream ends. */
	*finish(): Generator<Uint8Array> {
		yield* this.run(true);
		if (this.mode !== Mode.Done) throw new InflateError('the compressed data ended early');
	}

	private *run(ending: boolean): Generator<Uint8Array> {
		for (;;) {
			const stop = this.step(ending);
			if (stop === Stop.OutputFull) {
				yield this.handOver();
				this.keepWindow();
			} else if (stop === Stop.NeedInput) {
				if (this.written > this.handedOver) yield this.handOver();
				return;
			}
		}
	}

	/** Advances as far as the input allows; Stop.EndOfBlock means "go on". */
	private step(ending: boolean): Stop {
		switch (this.mode) {
			case Mode.GzipHeader:
				return this.gzipHeader(ending);
			case Mode.BlockHeader:
				return this.blockHeader(ending);
			case Mode.Stored:
				return this.stored(ending);
			case Mode.Codes: {
				// At the end, the bit reader may load a few bytes past the input (as zeros) while the
				// last codes are still in its bits; checkNotPastEnd tells that from truncation.
				const stop = this.codes(ending ? this.input.length + 8 : this.input.length - INPUT_MARGIN);
				this.checkNotPastEnd();
				if (stop === Stop.EndOfBlock) this.endBlock();
				else if (stop === Stop.NeedInput && ending) {
					throw new InflateError('the compressed data ended early');
				}
				return stop;
			}
			case Mode.GzipTrailer:
				return this.gzipTrailer(ending);
			case Mode.GzipNext:
				return this.gzipNext(ending);
			case Mode.Done:
				// Done comes after alignToByte: every byte left is unread.
				if (this.available() > 0) {
					throw new InflateError('unexpected bytes after the end of the compressed data');
				}
				return Stop.NeedInput;
		}
	}

	private available(): number {
		return this.input.length - this.position;
	}

	/** Gives back the whole bytes the bit reader took ahead, dropping the bits of a partial one. */
	private alignToByte(): void {
		this.position -= this.bitCount >> 3;
		this.bits = 0;
		this.bitCount = 0;
	}

	private gzipHeader(ending: boolean): Stop {
		const input = this.input;
		const at = this.position;
		let end = at + 10;
		const incomplete = () => {
			if (ending) throw new InflateError('the gzip header ended early');
			return Stop.NeedInput;
		};
		const magicMismatch = input[at] !== 0x1f || (input.length > at + 1 && input[at + 1] !== 0x8b);
		if (!magicMismatch && input.length < end) return incomplete();
		if (magicMismatch) {
			// zlib ignores such bytes after a member; here they are an error, as they may be a damaged one.
			throw new InflateError(
				this.members > 0 ? 'unexpected bytes after the end of the gzip data' : 'not gzip data',
			);
		}
		if (input[at + 2] !== 8) {
			throw new InflateError(`unsupported gzip compression method ${input[at + 2]}`);
		}
		const flags = input[at + 3];
		if (flags & GZIP_RESERVED_FLAGS) throw new InflateError('invalid gzip header flags');
		if (flags & GZIP_FLAG_EXTRA) {
			if (input.length < end + 2) return incomplete();
			end += 2 + (input[end] | (input[end + 1] << 8));
		}
		for (const flag of [GZIP_FLAG_NAME, GZIP_FLAG_COMMENT]) {
			if (!(flags & flag)) continue;
			if (input.length < end) return incomplete();
			end = zeroTerminated(input, end);
			if (end < 0) return incomplete();
		}
		if (flags & GZIP_FLAG_HEADER_CRC) end += 2;
		if (input.length < end) return incomplete();
		this.position = end;
		this.memberStart = this.written;
		this.memberCrc = 0;
		this.memberSize = 0;
		this.mode = Mode.BlockHeader;
		return Stop.EndOfBlock;
	}

	private gzipTrailer(ending: boolean): Stop {
		this.alignToByte();
		if (this.available() < 8) {
			if (ending) throw new InflateError('the gzip trailer ended early');
			return Stop.NeedInput;
		}
		// The member's last bytes count too.
		if (this.written > this.handedOver) return Stop.OutputFull;
		const input = this.input;
		const at = this.position;
		const crc =
			(input[at] | (input[at + 1] << 8) | (input[at + 2] << 16) | (input[at + 3] << 24)) >>> 0;
		const size =
			(input[at + 4] | (input[at + 5] << 8) | (input[at + 6] << 16) | (input[at + 7] << 24)) >>> 0;
		if (this.checkCrc && crc !== this.memberCrc) {
			throw new InflateError('the gzip data is damaged (its CRC-32 does not match)');
		}
		if (size !== this.memberSize % 2 ** 32) {
			throw new InflateError('the gzip data is damaged (its length does not match)');
		}
		this.position = at + 8;
		this.members++;
		this.mode = Mode.GzipNext;
		return Stop.EndOfBlock;
	}

	private gzipNext(ending: boolean): Stop {
		if (this.available() > 0) {
			this.mode = Mode.GzipHeader;
			return Stop.EndOfBlock;
		}
		if (ending) this.mode = Mode.Done;
		return Stop.NeedInput;
	}

	/** Loads input bits until at least `count` are ready (past the end, zeros: see checkNotPastEnd). */
	private need(count: number): void {
		while (this.bitCount < count) {
			this.bits |= this.input[this.position++] << this.bitCount;
			this.bitCount += 8;
		}
	}

	private take(count: number): number {
		this.need(count);
		const value = this.bits & ((1 << count) - 1);
		this.bits >>>= count;
		this.bitCount -= count;
		return value;
	}

	/** Throws if decoding used bits beyond the input's end (which read as zeros). */
	private checkNotPastEnd(): void {
		if (this.position * 8 - this.bitCount > this.input.length * 8) {
			throw new InflateError('the compressed data ended early');
		}
	}

	private blockHeader(ending: boolean): Stop {
		if (!ending && this.position > this.input.length - INPUT_MARGIN) return Stop.NeedInput;
		this.lastBlock = this.take(1) === 1;
		const type = this.take(2);
		if (type === 0) {
			this.alignToByte();
			if (this.available() < 4) throw new InflateError('the compressed data ended early');
			const input = this.input;
			const at = this.position;
			const length = input[at] | (input[at + 1] << 8);
			const complement = input[at + 2] | (input[at + 3] << 8);
			if ((length ^ 0xffff) !== complement) throw new InflateError('invalid stored block lengths');
			this.position += 4;
			this.storedLeft = length;
			this.mode = Mode.Stored;
		} else if (type === 1) {
			this.literals = FIXED_LITERALS;
			this.distances = FIXED_DISTANCES;
			this.mode = Mode.Codes;
		} else if (type === 2) {
			this.dynamicCodes();
			this.checkNotPastEnd();
			this.mode = Mode.Codes;
		} else {
			throw new InflateError('invalid block type');
		}
		return Stop.EndOfBlock;
	}

	/** Reads a dynamic block's code definitions (RFC 1951 §3.2.7). */
	private dynamicCodes(): void {
		const literalCount = this.take(5) + 257;
		const distanceCount = this.take(5) + 1;
		const lengthCodeCount = this.take(4) + 4;
		if (literalCount > 286 || distanceCount > 30) {
			throw new InflateError('invalid dynamic block (too many codes)');
		}
		const lengthCodeLengths = new Uint8Array(19);
		for (let i = 0; i < lengthCodeCount; i++) {
			lengthCodeLengths[CODE_LENGTH_ORDER[i]] = this.take(3);
		}
		const lengthCode = buildCode(lengthCodeLengths, new Int32Array(1 << 7), 'code length');
		const lengths = new Uint8Array(literalCount + distanceCount);
		for (let i = 0; i < lengths.length; ) {
			this.need(7);
			const entry = lengthCode.table[this.bits & lengthCode.mask];
			const length = entry & 15;
			if (length === 0) throw new InflateError('invalid code length code');
			this.bits >>>= length;
			this.bitCount -= length;
			const symbol = entry >>> 4;
			if (symbol < 16) {
				lengths[i++] = symbol;
				continue;
			}
			let repeat: number;
			let value = 0;
			if (symbol === 16) {
				if (i === 0) throw new InflateError('invalid dynamic block (repeat with no length)');
				value = lengths[i - 1];
				repeat = 3 + this.take(2);
			} else if (symbol === 17) {
				repeat = 3 + this.take(3);
			} else {
				repeat = 11 + this.take(7);
			}
			if (i + repeat > lengths.length)
				throw new InflateError('invalid dynamic block (too many lengths)');
			lengths.fill(value, i, i + repeat);
			i += repeat;
		}
		if (lengths[256] === 0) throw new InflateError('invalid dynamic block (no end-of-block code)');
		this.literals = buildCode(
			lengths.subarray(0, literalCount),
			this.literalTable,
			'literal/length',
		);
		this.distances = buildCode(lengths.subarray(literalCount), this.distanceTable, 'distance');
	}

	/** Where the output stops for a hand-over: at most OUTPUT_CHUNK bytes each. */
	private outputLimit(): number {
		return Math.min(this.output.length, this.handedOver + OUTPUT_CHUNK) - MAX_MATCH;
	}

	private stored(ending: boolean): Stop {
		const room = this.outputLimit() - this.written;
		if (room <= 0) return Stop.OutputFull;
		const count = Math.min(this.storedLeft, this.available(), room);
		this.output.set(this.input.subarray(this.position, this.position + count), this.written);
		this.written += count;
		this.position += count;
		this.storedLeft -= count;
		if (this.storedLeft === 0) {
			this.endBlock();
			return Stop.EndOfBlock;
		}
		if (this.available() === 0) {
			if (ending) throw new InflateError('the compressed data ended early');
			return Stop.NeedInput;
		}
		return Stop.OutputFull;
	}

	private endBlock(): void {
		if (!this.lastBlock) this.mode = Mode.BlockHeader;
		else if (this.gzip) this.mode = Mode.GzipTrailer;
		else {
			this.alignToByte();
			this.mode = Mode.Done;
		}
	}

	/**
	 * The hot loop: literals and matches of a Huffman block until its end, until the input left
	 * is within `limit`, or until the output is full. State lives in locals while it runs, so the
	 * bit reads are written out where they happen rather than shared through a method.
	 */
	private codes(limit: number): Stop {
		const input = this.input;
		const output = this.output;
		const outputLimit = this.outputLimit();
		const { table: literals, mask: literalMask } = this.literals;
		const { table: distances, mask: distanceMask } = this.distances;
		const memberStart = this.memberStart;
		let position = this.position;
		let bits = this.bits;
		let bitCount = this.bitCount;
		let written = this.written;
		let stop: Stop;
		for (;;) {
			if (position > limit) {
				stop = Stop.NeedInput;
				break;
			}
			if (written > outputLimit) {
				stop = Stop.OutputFull;
				break;
			}
			if (bitCount < MAX_BITS) {
				bits |= input[position++] << bitCount;
				bitCount += 8;
				bits |= input[position++] << bitCount;
				bitCount += 8;
			}
			let entry = literals[bits & literalMask];
			let length = entry & 15;
			if (length === 0) throw new InflateError('invalid literal/length code');
			bits >>>= length;
			bitCount -= length;
			let symbol = entry >>> 4;
			if (symbol < 256) {
				output[written++] = symbol;
				continue;
			}
			if (symbol === 256) {
				stop = Stop.EndOfBlock;
				break;
			}
			symbol -= 257;
			if (symbol >= 29) throw new InflateError('invalid literal/length code');
			let matchLength = LENGTH_BASE[symbol];
			let extra = LENGTH_EXTRA[symbol];
			if (extra > 0) {
				if (bitCount < extra) {
					bits |= input[position++] << bitCount;
					bitCount += 8;
				}
				matchLength += bits & ((1 << extra) - 1);
				bits >>>= extra;
				bitCount -= extra;
			}
			if (bitCount < MAX_BITS) {
				bits |= input[position++] << bitCount;
				bitCount += 8;
				bits |= input[position++] << bitCount;
				bitCount += 8;
			}
			entry = distances[bits & distanceMask];
			length = entry & 15;
			if (length === 0) throw new InflateError('invalid distance code');
			bits >>>= length;
			bitCount -= length;
			symbol = entry >>> 4;
			if (symbol >= 30) throw new InflateError('invalid distance code');
			let distance = DISTANCE_BASE[symbol];
			extra = DISTANCE_EXTRA[symbol];
			if (extra > 0) {
				while (bitCount < extra) {
					bits |= input[position++] << bitCount;
					bitCount += 8;
				}
				distance += bits & ((1 << extra) - 1);
				bits >>>= extra;
				bitCount -= extra;
			}
			if (distance > written - memberStart) {
				throw new InflateError('invalid distance (too far back)');
			}
			let from = written - distance;
			if (distance >= matchLength && matchLength > 32) {
				output.copyWithin(written, from, from + matchLength);
				written += matchLength;
			} else {
				const end = written + matchLength;
				while (written < end) output[written++] = output[from++];
			}
		}
		this.position = position;
		this.bits = bits;
		this.bitCount = bitCount;
		this.written = written;
		return stop;
	}

	/** The output since the last hand-over, counted into the member's CRC and size. */
	private handOver(): Uint8Array {
		const bytes = this.output.subarray(this.handedOver, this.written);
		this.handedOver = this.written;
		if (this.gzip) {
			if (this.checkCrc) this.memberCrc = crc32(bytes, this.memberCrc);
			this.memberSize += bytes.length;
		}
		return bytes;
	}

	/** Continues in a new output buffer that starts with the last WINDOW bytes (the one handed over stays as it is). */
	private keepWindow(): void {
		const keep = Math.min(WINDOW, this.written);
		const next = new Uint8Array(WINDOW + OUTPUT_CHUNK + MAX_MATCH);
		next.set(this.output.subarray(this.written - keep, this.written));
		this.memberStart = Math.max(0, this.memberStart - (this.written - keep));
		this.output = next;
		this.written = keep;
		this.handedOver = keep;
	}
}
