/**
 * A streaming zip reader: bytes go in as they arrive, entries come out one by one, and no entry is
 * ever held in memory whole. It reads the local file headers in order (the layout of Amplitude's
 * export zips), then checks the central directory and its end record, so a truncated or damaged
 * archive is an error rather than a shorter result.
 *
 * Supported: STORED (0) and DEFLATE (8) entries whose sizes are in the local header (also ZIP64
 * sizes), with or without a data descriptor after the data. Not supported: encrypted entries, and
 * entries that give their size only in a data descriptor (a streamed read cannot find their end).
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_RECORD = 0x06064b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const DATA_DESCRIPTOR = 0x08074b50;

const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;
const ZIP64_EXTRA = 0x0001;
const UNKNOWN_32 = 0xffffffff;

export const STORED = 0;
export const DEFLATED = 8;

/** The archive is not a complete, readable zip. */
export class ZipFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ZipFormatError';
	}
}

export interface ZipEntryHeader {
	name: string;
	method: number;
	crc32: number;
	compressedSize: number;
	size: number;
	hasDataDescriptor: boolean;
	zip64: boolean;
}

export type ZipToken =
	| { kind: 'entry'; entry: ZipEntryHeader }
	| { kind: 'data'; bytes: Uint8Array }
	| { kind: 'entryEnd'; entry: ZipEntryHeader };

type State =
	| 'signature'
	| 'localHeader'
	| 'localNames'
	| 'data'
	| 'descriptor'
	| 'descriptorSizes'
	| 'centralHeader'
	| 'zip64Size'
	| 'endRecord'
	| 'skip'
	| 'done';

const EMPTY = new Uint8Array(0);

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) return b;
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a, 0);
	joined.set(b, a.length);
	return joined;
}

/** A 64-bit little-endian size as a number (exact below 2^53, far beyond any export). */
function uint64(data: DataView, offset: number): number {
	return data.getUint32(offset, true) + data.getUint32(offset + 4, true) * 2 ** 32;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/**
 * The push side: `push(chunk)` returns what the chunk completed, in order (data tokens are views
 * into the chunk, not copies); `finish()` throws unless the archive ended where a zip ends.
 */
export class ZipStreamParser {
	/** Local entries seen so far. */
	entries = 0;

	/** Bytes pushed so far. */
	bytesRead = 0;

	/** Offset of the next byte to read. */
	private position = 0;

	private state: State = 'signature';

	private need = 4;

	private pending: Uint8Array = EMPTY;

	private remaining = 0;

	private afterSkip: State = 'signature';

	private centralEntries = 0;

	private declaredEntries: number | undefined;

	private current: ZipEntryHeader | undefined;

	private descriptorCrc: number | undefined;

	private fixed: DataView | undefined;

	push(chunk: Uint8Array): ZipToken[] {
		const tokens: ZipToken[] = [];
		let input = chunk;
		this.bytesRead += chunk.length;
		while (input.length > 0) {
			if (this.state === 'done') {
				throw new ZipFormatError(
					`the archive has ${input.length} unexpected bytes after its end record`,
				);
			}
			if (this.state === 'data' || this.state === 'skip') {
				const take = Math.min(this.remaining, input.length);
				if (this.state === 'data' && take > 0)
					tokens.push({ kind: 'data', bytes: input.subarray(0, take) });
				this.remaining -= take;
				this.position += take;
				input = input.subarray(take);
				if (this.remaining === 0) this.afterBytes(tokens);
				continue;
			}
			const take = Math.min(this.need - this.pending.length, input.length);
			this.pending = concat(this.pending, input.subarray(0, take));
			this.position += take;
			input = input.subarray(take);
			if (this.pending.length < this.need) break;
			const header = this.pending;
			this.pending = EMPTY;
			this.onHeader(header, tokens);
		}
		return tokens;
	}

	/** Call when the bytes end: throws unless the archive is complete. */
	finish(): void {
		if (this.state === 'done') return;
		if (this.bytesRead === 0) throw new ZipFormatError('the answer was empty, not a zip archive');
		if (this.state === 'data' && this.current) {
			const have = this.current.compressedSize - this.remaining;
			throw new ZipFormatError(
				`the archive ends inside entry "${this.current.name}" (${have} of ${this.current.compressedSize} bytes); it was cut off after ${this.bytesRead} bytes`,
			);
		}
		throw new ZipFormatError(
			`the archive ends after ${this.bytesRead} bytes (${this.entries} entries) without its end record: it was cut off`,
		);
	}

	/** Called when the data of an entry, or skipped bytes, are through. */
	private afterBytes(tokens: ZipToken[]): void {
		if (this.state === 'skip') {
			this.expect(this.afterSkip, this.afterSkip === 'done' ? 0 : 4);
			return;
		}
		const entry = this.current!;
		tokens.push({ kind: 'entryEnd', entry });
		if (entry.hasDataDescriptor) this.expect('descriptor', 4);
		else this.expect('signature', 4);
	}

	private expect(state: State, need: number): void {
		this.state = state;
		this.need = need;
	}

	private skip(bytes: number, then: State): void {
		this.afterSkip = then;
		this.remaining = bytes;
		this.state = 'skip';
		if (bytes === 0) this.expect(then, then === 'done' ? 0 : 4);
	}

	private onHeader(header: Uint8Array, tokens: ZipToken[]): void {
		const data = view(header);
		switch (this.state) {
			case 'signature':
				return this.onSignature(data.getUint32(0, true));
			case 'localHeader':
				this.fixed = data;
				return this.expect('localNames', data.getUint16(22, true) + data.getUint16(24, true));
			case 'localNames':
				return this.onLocalNames(header, tokens);
			case 'descriptor': {
				// Its own signature is optional: without it, the first 4 bytes are already the CRC.
				const sizes = this.current!.zip64 ? 16 : 8;
				const signed = data.getUint32(0, true) === DATA_DESCRIPTOR;
				this.descriptorCrc = signed ? undefined : data.getUint32(0, true);
				return this.expect('descriptorSizes', signed ? sizes + 4 : sizes);
			}
			case 'descriptorSizes':
				return this.onDescriptor(data);
			case 'centralHeader':
				this.centralEntries++;
				return this.skip(
					data.getUint16(24, true) + data.getUint16(26, true) + data.getUint16(28, true),
					'signature',
				);
			case 'zip64Size':
				return this.skip(uint64(data, 0), 'signature');
			case 'endRecord':
				return this.onEndRecord(data);
			default:
				throw new ZipFormatError(`unexpected reader state ${this.state}`);
		}
	}

	private onSignature(signature: number): void {
		switch (signature) {
			case LOCAL_HEADER:
				if (this.centralEntries > 0)
					throw new ZipFormatError('an entry follows the central directory');
				return this.expect('localHeader', 26);
			case CENTRAL_HEADER:
				return this.expect('centralHeader', 42);
			case ZIP64_END_RECORD:
				return this.expect('zip64Size', 8);
			case ZIP64_END_LOCATOR:
				return this.skip(16, 'signature');
			case END_OF_CENTRAL_DIRECTORY:
				return this.expect('endRecord', 18);
			default:
				throw new ZipFormatError(
					this.position === 4
						? 'the answer is not a zip archive'
						: `unexpected bytes at offset ${this.position - 4} (not a zip record): the archive is damaged`,
				);
		}
	}

	private onLocalNames(names: Uint8Array, tokens: ZipToken[]): void {
		const fixed = this.fixed!;
		const flags = fixed.getUint16(2, true);
		const method = fixed.getUint16(4, true);
		const nameLength = fixed.getUint16(22, true);
		const name = (flags & FLAG_UTF8 ? utf8 : latin1).decode(names.subarray(0, nameLength));
		let compressedSize = fixed.getUint32(14, true);
		let size = fixed.getUint32(18, true);
		const zip64 = compressedSize === UNKNOWN_32 || size === UNKNOWN_32;
		if (zip64) {
			[size, compressedSize] = zip64Sizes(names.subarray(nameLength), size, compressedSize, name);
		}
		if (flags & FLAG_ENCRYPTED) throw new ZipFormatError(`entry "${name}" is encrypted`);
		if (method !== STORED && method !== DEFLATED) {
			throw new ZipFormatError(
				`entry "${name}" uses compression method ${method}; only stored (0) and deflated (8) entries can be read`,
			);
		}
		// With a data descriptor, sizes of 0 in the header may mean "given later": the descriptor
		// then shows another size, which onDescriptor refuses.
		const hasDataDescriptor = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
		const entry: ZipEntryHeader = {
			name,
			method,
			crc32: fixed.getUint32(10, true),
			compressedSize,
			size,
			hasDataDescriptor,
			zip64,
		};
		this.current = entry;
		this.entries++;
		tokens.push({ kind: 'entry', entry });
		this.state = 'data';
		this.remaining = compressedSize;
		if (compressedSize === 0) this.afterBytes(tokens);
	}

	/** The data descriptor must repeat the header's CRC and sizes, which the reader relied on. */
	private onDescriptor(data: DataView): void {
		const entry = this.current!;
		const at = data.byteLength - (entry.zip64 ? 16 : 8);
		const crc32 = this.descriptorCrc ?? data.getUint32(0, true);
		const compressedSize = entry.zip64 ? uint64(data, at) : data.getUint32(at, true);
		const size = entry.zip64 ? uint64(data, at + 8) : data.getUint32(at + 4, true);
		if (crc32 !== entry.crc32 || compressedSize !== entry.compressedSize || size !== entry.size) {
			throw new ZipFormatError(
				entry.compressedSize === 0
					? `entry "${entry.name}" gives its size only after its data (a data descriptor), which a streamed read cannot follow`
					: `entry "${entry.name}" has another CRC or size in its data descriptor than in its header`,
			);
		}
		this.expect('signature', 4);
	}

	private onEndRecord(data: DataView): void {
		const declared = data.getUint16(6, true);
		// 0xffff: the count is in the ZIP64 end record, which the reader only skips.
		if (declared !== 0xffff) this.declaredEntries = declared;
		if (this.declaredEntries !== undefined && this.declaredEntries !== this.entries) {
			throw new ZipFormatError(
				`the archive's end record lists ${this.declaredEntries} entries, but ${this.entries} were read`,
			);
		}
		if (this.centralEntries !== this.entries) {
			throw new ZipFormatError(
				`the central directory lists ${this.centralEntries} entries, but ${this.entries} were read`,
			);
		}
		this.skip(data.getUint16(16, true), 'done');
	}
}

/** Sizes from the ZIP64 extra field: [size, compressedSize]. */
function zip64Sizes(
	extra: Uint8Array,
	size: number,
	compressedSize: number,
	name: string,
): [number, number] {
	const data = view(extra);
	for (let offset = 0; offset + 4 <= extra.length; ) {
		const id = data.getUint16(offset, true);
		const length = data.getUint16(offset + 2, true);
		if (id === ZIP64_EXTRA) {
			let at = offset + 4;
			const read = () => {
				if (at + 8 > offset + 4 + length)
					throw new ZipFormatError(`entry "${name}" has a short ZIP64 extra field`);
				const value = uint64(data, at);
				at += 8;
				return value;
			};
			const realSize = size === UNKNOWN_32 ? read() : size;
			const realCompressed = compressedSize === UNKNOWN_32 ? read() : compressedSize;
			return [realSize, realCompressed];
		}
		offset += 4 + length;
	}
	throw new ZipFormatError(`entry "${name}" has ZIP64 sizes but no ZIP64 extra field`);
}

export interface ZipEntry {
	header: ZipEntryHeader;
	/** The entry's stored bytes, in order. Read it before asking for the next entry, or it is skipped. */
	content: AsyncIterable<Uint8Array>;
}

/**
 * The pull side: entries of a zip read from `source` as they arrive. The source is read only as
 * fast as the consumer reads, and closed when iteration stops early; the end of the source before
 * the archive is complete throws a ZipFormatError.
 */
export async function* zipEntries(source: AsyncIterable<Uint8Array>): AsyncGenerator<ZipEntry> {
	const parser = new ZipStreamParser();
	const chunks = source[Symbol.asyncIterator]();
	let queue: ZipToken[] = [];
	let index = 0;
	let ended = false;
	const nextToken = async (): Promise<ZipToken | undefined> => {
		while (index >= queue.length) {
			if (ended) return undefined;
			const next = await chunks.next();
			index = 0;
			if (next.done) {
				ended = true;
				queue = [];
				parser.finish();
			} else {
				queue = parser.push(next.value);
			}
		}
		return queue[index++];
	};
	try {
		for (let token = await nextToken(); token; token = await nextToken()) {
			if (token.kind !== 'entry') continue;
			let open = true;
			const content = async function* () {
				while (open) {
					const next = await nextToken();
					if (!next || next.kind === 'entryEnd') open = false;
					else if (next.kind === 'data') yield next.bytes;
				}
			};
			yield { header: token.entry, content: content() };
			while (open) {
				const next = await nextToken();
				if (!next || next.kind === 'entryEnd') open = false;
			}
		}
	} finally {
		if (!ended) await chunks.return?.();
	}
}
