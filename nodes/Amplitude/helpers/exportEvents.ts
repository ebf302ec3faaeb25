import type { IDataObject } from 'n8n-workflow';

import { crc32 } from './crc32';
import { decompressed } from './decompress';
import type { CompressionFormat, InflateOptions } from './inflate';
import { isPlainObject } from './json';
import { DEFLATED, type ZipEntryHeader, ZipFormatError, zipEntries } from './zipStream';

/**
 * Events of an Export API zip, in archive order, a batch (the events of one decompressed chunk)
 * at a time: each `.json.gz` entry is a gzip file of newline-delimited JSON events. Read as the
 * bytes arrive; one entry's decompressed text is never held whole. Entries with other names
 * (folders, `_complete` markers) hold no events.
 *
 * Each entry's bytes (the `.json.gz` file) are checked against the zip's CRC-32, which proves them
 * intact; the gzip decoder then skips the CRC-32 of its output, about twenty times larger.
 */
export async function* exportEvents(
	source: AsyncIterable<Uint8Array>,
): AsyncGenerator<IDataObject[]> {
	for await (const { header, content } of zipEntries(source)) {
		if (!isEventFile(header.name) || header.compressedSize === 0) continue;
		let file = content;
		if (header.method === DEFLATED) file = decompress(file, 'deflate-raw', header);
		const gzip = decompress(checkedCrc(file, header), 'gzip', header, { checkCrc: false });
		yield* ndjsonEvents(gzip, header.name);
	}
}

/** The entry's bytes as they are, and an error at their end unless their CRC-32 is the zip's. */
async function* checkedCrc(
	bytes: AsyncIterable<Uint8Array>,
	header: ZipEntryHeader,
): AsyncGenerator<Uint8Array> {
	let crc = 0;
	for await (const chunk of bytes) {
		crc = crc32(chunk, crc);
		yield chunk;
	}
	if (crc !== header.crc32) {
		throw new ZipFormatError(`entry "${header.name}" is damaged (its CRC-32 does not match)`);
	}
}

export function isEventFile(name: string): boolean {
	return name.endsWith('.json.gz');
}

/** decompressed(), its failures named after the entry. */
function decompress(
	chunks: AsyncIterable<Uint8Array>,
	format: CompressionFormat,
	header: ZipEntryHeader,
	options?: InflateOptions,
): AsyncIterable<Uint8Array> {
	const output = decompressed(chunks, format, options);
	return {
		async *[Symbol.asyncIterator]() {
			let failure: Error | undefined;
			try {
				for await (const chunk of output) yield chunk;
			} catch (error) {
				failure = error as Error;
			}
			if (failure instanceof ZipFormatError) throw failure;
			if (failure) {
				throw new ZipFormatError(
					`entry "${header.name}" could not be decompressed (${failure.message})`,
				);
			}
		},
	};
}

const NEWLINE = 0x0a;

/**
 * One event per non-empty line, in batches (one per decompressed chunk: far fewer awaits). Each
 * chunk is decoded up to its last newline, so every piece decoded holds whole lines and no UTF-8
 * character is ever split; the bytes after it wait for the next chunk. Only the line that spans
 * two chunks is copied.
 */
async function* ndjsonEvents(
	chunks: AsyncIterable<Uint8Array>,
	name: string,
): AsyncGenerator<IDataObject[]> {
	let rest: Buffer = Buffer.alloc(0);
	let line = 0;
	const parse = (text: string, events: IDataObject[]) => {
		for (const part of text.split('\n')) {
			line++;
			if (part.trim() !== '') events.push(parseEvent(part, name, line));
		}
	};
	for await (const chunk of chunks) {
		const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		const first = bytes.indexOf(NEWLINE);
		if (first < 0) {
			rest = Buffer.concat([rest, bytes]);
			continue;
		}
		const last = bytes.lastIndexOf(NEWLINE);
		const events: IDataObject[] = [];
		parse(Buffer.concat([rest, bytes.subarray(0, first)]).toString('utf8'), events);
		if (last > first) parse(bytes.toString('utf8', first + 1, last), events);
		rest = Buffer.from(bytes.subarray(last + 1));
		if (events.length) yield events;
	}
	const events: IDataObject[] = [];
	if (rest.length) parse(rest.toString('utf8'), events);
	if (events.length) yield events;
}

function parseEvent(text: string, name: string, line: number): IDataObject {
	let event: unknown;
	let failure: Error | undefined;
	try {
		event = JSON.parse(text);
	} catch (error) {
		failure = error as Error;
	}
	if (failure) {
		throw new ZipFormatError(`line ${line} of "${name}" is not valid JSON (${failure.message})`);
	}
	if (!isPlainObject(event))
		throw new ZipFormatError(`line ${line} of "${name}" is not a JSON object`);
	return event;
}
