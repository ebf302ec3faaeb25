// The streaming zip reader, against archives built here (test/support/amplitude-server/export-zip.js
// writes them the way Amplitude's Export API does, plus the variants other zip writers produce).
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const {
	ZipStreamParser,
	ZipFormatError,
	zipEntries,
} = require('../../dist/nodes/Amplitude/helpers/zipStream');
const { zipBuffer } = require('../support/amplitude-server/export-zip');

/** The archive's bytes as an async iterable, cut into chunks of the given sizes (cycled). */
function chunked(buffer, sizes = [buffer.length || 1]) {
	return {
		returned: false,
		async *[Symbol.asyncIterator]() {
			try {
				for (let at = 0, i = 0; at < buffer.length; i++) {
					const size = sizes[i % sizes.length];
					yield buffer.subarray(at, at + size);
					at += size;
				}
			} finally {
				this.returned = true;
			}
		},
	};
}

async function readAll(source) {
	const entries = [];
	for await (const { header, content } of zipEntries(source)) {
		const parts = [];
		for await (const part of content) parts.push(Buffer.from(part));
		entries.push({ name: header.name, method: header.method, data: Buffer.concat(parts) });
	}
	return entries;
}

const ENTRIES = [
	{ name: '829528/829528_2026-06-16_11#0.json.gz', data: zlib.gzipSync('{"a":1}\n{"a":2}\n') },
	{ name: '829528/829528_2026-06-16_11#1.json.gz', data: Buffer.alloc(0) },
	{ name: '829528/829528_2026-06-16_12#0.bin', data: crypto.randomBytes(70_000) },
	{ name: 'ünïcode/naïve.txt', data: Buffer.from('hello') },
];

describe('reads every entry in order, whatever the chunk boundaries', () => {
	const archive = zipBuffer(ENTRIES, { comment: 'made in a test' });

	test.each([
		['in one chunk', [archive.length]],
		['byte by byte', [1]],
		['in chunks of 7 and 4096', [7, 4096]],
		['in chunks of 29 and 31 (header sizes ± 1)', [29, 31]],
	])('%s', async (_name, sizes) => {
		const entries = await readAll(chunked(archive, sizes));
		expect(entries.map((e) => e.name)).toEqual(ENTRIES.map((e) => e.name));
		entries.forEach((entry, i) => {
			expect(entry.method).toBe(0);
			expect(entry.data.equals(ENTRIES[i].data)).toBe(true);
		});
	});

	test('the push parser gives data tokens as views into the chunks, then entryEnd', () => {
		const parser = new ZipStreamParser();
		const tokens = parser.push(archive);
		parser.finish();
		expect(tokens.filter((t) => t.kind === 'entry').map((t) => t.entry.name)).toEqual(
			ENTRIES.map((e) => e.name),
		);
		expect(tokens.filter((t) => t.kind === 'entryEnd')).toHaveLength(4);
		const firstData = tokens.find((t) => t.kind === 'data');
		expect(firstData.bytes.buffer).toBe(archive.buffer);
		expect(parser.entries).toBe(4);
		expect(parser.bytesRead).toBe(archive.length);
	});
});

test('an archive without entries (only its end record) has no entries', async () => {
	expect(await readAll(chunked(zipBuffer([])))).toEqual([]);
});

test('an entry left unread is skipped, and the next one is read', async () => {
	const names = [];
	let second;
	for await (const { header, content } of zipEntries(chunked(zipBuffer(ENTRIES), [100]))) {
		names.push(header.name);
		if (names.length === 3) {
			const parts = [];
			for await (const part of content) parts.push(Buffer.from(part));
			second = Buffer.concat(parts);
		}
	}
	expect(names).toHaveLength(4);
	expect(second.equals(ENTRIES[2].data)).toBe(true);
});

test('stopping early closes the source', async () => {
	const source = chunked(zipBuffer(ENTRIES), [50]);
	for await (const entry of zipEntries(source)) {
		expect(entry.header.name).toBe(ENTRIES[0].name);
		break;
	}
	expect(source.returned).toBe(true);
});

describe('what other zip writers do', () => {
	test.each([
		['deflated entries', { method: 8 }],
		['data descriptors after stored entries', { dataDescriptor: true }],
		['data descriptors after deflated entries', { method: 8, dataDescriptor: true }],
		['ZIP64 sizes', { zip64: true }],
		['ZIP64 sizes and data descriptors', { zip64: true, dataDescriptor: true }],
	])('%s', async (_name, variant) => {
		const entries = ENTRIES.map((entry) => ({ ...entry, ...variant }));
		const read = await readAll(chunked(zipBuffer(entries), [13]));
		expect(read.map((e) => e.name)).toEqual(ENTRIES.map((e) => e.name));
		read.forEach((entry, i) => {
			expect(entry.method).toBe(variant.method ?? 0);
			const data = entry.method === 8 ? zlib.inflateRawSync(entry.data) : entry.data;
			expect(data.equals(ENTRIES[i].data)).toBe(true);
		});
	});
});

describe('a damaged or truncated archive is an error, never a shorter result', () => {
	const archive = zipBuffer(ENTRIES);

	test('cut at any point: a ZipFormatError', async () => {
		// Every length from 0 to one byte short of the whole archive.
		for (let length = 0; length < archive.length; length += length < 200 ? 1 : 997) {
			const cut = archive.subarray(0, length);
			await expect(readAll(chunked(cut, [64]))).rejects.toThrow(ZipFormatError);
		}
	});

	test('the message says where it was cut', async () => {
		const insideThirdEntry = archive.indexOf(ENTRIES[2].data) + 1000;
		await expect(readAll(chunked(archive.subarray(0, insideThirdEntry)))).rejects.toThrow(
			`the archive ends inside entry "${ENTRIES[2].name}" (1000 of ${ENTRIES[2].data.length} bytes); it was cut off after ${insideThirdEntry} bytes`,
		);
		const beforeCentralDirectory = archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
		await expect(readAll(chunked(archive.subarray(0, beforeCentralDirectory)))).rejects.toThrow(
			`the archive ends after ${beforeCentralDirectory} bytes (4 entries) without its end record: it was cut off`,
		);
		await expect(readAll(chunked(Buffer.alloc(0)))).rejects.toThrow(
			'the answer was empty, not a zip archive',
		);
	});

	test('entries read before the cut were given out; the error comes where the archive ends', async () => {
		const seen = [];
		const cut = archive.subarray(0, archive.indexOf(ENTRIES[2].data) + 10);
		await expect(
			(async () => {
				for await (const { header, content } of zipEntries(chunked(cut))) {
					seen.push(header.name);
					for await (const part of content) void part;
				}
			})(),
		).rejects.toThrow(ZipFormatError);
		expect(seen).toEqual(ENTRIES.slice(0, 3).map((e) => e.name));
	});

	test.each([
		['not a zip at all', Buffer.from('{"error":"nope"}'), 'the answer is not a zip archive'],
		[
			'bytes after the end record',
			Buffer.concat([zipBuffer(ENTRIES), Buffer.from('extra')]),
			'the archive has 5 unexpected bytes after its end record',
		],
		[
			'garbage between entries',
			(() => {
				const copy = Buffer.from(archive);
				copy.writeUInt32LE(0xdeadbeef, archive.indexOf(Buffer.from(ENTRIES[1].name)) - 30);
				return copy;
			})(),
			'(not a zip record): the archive is damaged',
		],
		[
			'an end record with another entry count',
			(() => {
				const copy = Buffer.from(archive);
				copy.writeUInt16LE(9, archive.length - 22 + 10);
				return copy;
			})(),
			"the archive's end record lists 9 entries, but 4 were read",
		],
		[
			'sizes only in a data descriptor',
			zipBuffer([{ ...ENTRIES[0], dataDescriptor: true, sizesOnlyInDescriptor: true }]),
			'gives its size only after its data (a data descriptor), which a streamed read cannot follow',
		],
		[
			'a data descriptor that disagrees with its header',
			(() => {
				const copy = zipBuffer([{ ...ENTRIES[0], dataDescriptor: true }]);
				const descriptor = 30 + Buffer.byteLength(ENTRIES[0].name) + ENTRIES[0].data.length;
				copy.writeUInt32LE(12345, descriptor + 4);
				return copy;
			})(),
			`entry "${ENTRIES[0].name}" has another CRC or size in its data descriptor than in its header`,
		],
		[
			'an encrypted entry',
			(() => {
				const copy = zipBuffer([ENTRIES[0]]);
				copy.writeUInt16LE(0x801, 6);
				return copy;
			})(),
			`entry "${ENTRIES[0].name}" is encrypted`,
		],
		[
			'an unknown compression method',
			(() => {
				const copy = zipBuffer([ENTRIES[0]]);
				copy.writeUInt16LE(12, 8);
				return copy;
			})(),
			'uses compression method 12; only stored (0) and deflated (8) entries can be read',
		],
	])('%s', async (_name, bytes, message) => {
		await expect(readAll(chunked(bytes, [100]))).rejects.toThrow(message);
	});
});
