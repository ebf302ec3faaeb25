// helpers/inflate.ts: DEFLATE and gzip decompression fed in chunks, checked against node:zlib.
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { Inflater, InflateError } = require('../../dist/nodes/Amplitude/helpers/inflate');

/** Decompresses `bytes` fed in chunks of `size`; each output chunk is copied when handed over. */
function inflate(bytes, format, size = 4096, options) {
	const inflater = new Inflater(format, options);
	const chunks = [];
	for (let at = 0; at < bytes.length; at += size) {
		for (const chunk of inflater.push(bytes.subarray(at, at + size))) chunks.push(chunk);
	}
	for (const chunk of inflater.finish()) chunks.push(chunk);
	return chunks;
}
const joined = (chunks) => Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));

const { Z_DEFAULT_STRATEGY, Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE } = zlib.constants;
const DATA = {
	empty: Buffer.alloc(0),
	'one byte': Buffer.from('a'),
	// Incompressible: stored blocks.
	random: crypto.randomBytes(70_000),
	hex: Buffer.from(crypto.randomBytes(60_000).toString('hex')),
	json: Buffer.from(
		Array.from({ length: 4000 }, (_, i) =>
			JSON.stringify({ i, user: `user-${i % 97}`, x: Math.sin(i) }),
		).join('\n'),
	),
};

describe.each(['gzip', 'deflate-raw'])('%s: the same bytes as zlib', (format) => {
	const compress = format === 'gzip' ? zlib.gzipSync : zlib.deflateRawSync;
	test.each(Object.keys(DATA))('%s, every level and strategy, chunks of any size', (name) => {
		const data = DATA[name];
		for (const level of [0, 1, 6, 9]) {
			for (const strategy of [Z_DEFAULT_STRATEGY, Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE]) {
				const compressed = compress(data, { level, strategy });
				for (const size of [7, 4096, compressed.length || 1]) {
					expect(joined(inflate(compressed, format, size)).equals(data)).toBe(true);
				}
			}
		}
	});

	test('byte by byte', () => {
		const compressed = compress(DATA.json.subarray(0, 20_000));
		expect(joined(inflate(compressed, format, 1)).equals(DATA.json.subarray(0, 20_000))).toBe(true);
	});
});

test('output larger than a chunk: matches reach back across chunks, and chunks handed over stay as they were', () => {
	// 9 MB of repeating text: many output chunks, every one built from matches into the one before.
	const line = Buffer.from(`${'0123456789abcdef'.repeat(5)}|`);
	const data = Buffer.concat([crypto.randomBytes(40_000), Buffer.alloc(9_000_000, line)]);
	const chunks = inflate(zlib.gzipSync(data), 'gzip', 65_536);
	const copies = chunks.map((chunk) => Buffer.from(chunk));
	expect(chunks.length).toBeGreaterThan(8);
	for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1 << 20);
	expect(Buffer.concat(copies).equals(data)).toBe(true);
	// Each chunk was copied right after it was handed over (inflate() above keeps references):
	// nothing wrote into one afterwards.
	chunks.forEach((chunk, index) => expect(Buffer.from(chunk).equals(copies[index])).toBe(true));
});

describe('gzip files', () => {
	const data = DATA.json.subarray(0, 30_000);
	const file = zlib.gzipSync(data);

	test('concatenated members are read one after another', () => {
		const output = joined(inflate(Buffer.concat([file, zlib.gzipSync(DATA.hex)]), 'gzip', 333));
		expect(output.equals(Buffer.concat([data, DATA.hex]))).toBe(true);
	});

	test('a header with extra field, name, comment and header CRC, split over chunks', () => {
		const header = Buffer.concat([
			Buffer.from([0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3]),
			Buffer.from([4, 0, 1, 2, 3, 4]),
			Buffer.from('829528_2026-06-16_11#0.json\0exported\0'),
			Buffer.from([0xaa, 0xbb]),
		]);
		const output = joined(inflate(Buffer.concat([header, file.subarray(10)]), 'gzip', 3));
		expect(output.equals(data)).toBe(true);
	});

	test.each([
		['not gzip at all', Buffer.from('{"event_type":"not gzip"}\n'), 'not gzip data'],
		['another compression method', Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3]), 'method 7'],
		['reserved header flags', Buffer.from([0x1f, 0x8b, 8, 0x80, 0, 0, 0, 0, 0, 3]), 'flags'],
		['bytes after the end', Buffer.concat([file, Buffer.from([0, 0])]), 'unexpected bytes'],
		['a header cut short', file.subarray(0, 6), 'gzip header ended early'],
		['a trailer cut short', file.subarray(0, file.length - 3), 'ended early'],
	])('%s: an error', (_name, bytes, message) => {
		expect(() => inflate(bytes, 'gzip')).toThrow(InflateError);
		expect(() => inflate(bytes, 'gzip')).toThrow(message);
	});

	test('every damaged byte is caught (the CRC-32 and length in the trailer)', () => {
		// Bit 0: DEFLATE fills bytes from the lowest bit, so it is used even in the last data byte
		// (whose unused high bits no decoder can check).
		for (let at = 10; at < file.length; at++) {
			const damaged = Buffer.from(file);
			damaged[at] ^= 0x01;
			expect(() => inflate(damaged, 'gzip')).toThrow(InflateError);
		}
	});

	test('checkCrc off: the CRC-32 is not checked, the length still is', () => {
		const badCrc = Buffer.from(file);
		badCrc[file.length - 8] ^= 1;
		expect(() => inflate(badCrc, 'gzip')).toThrow('CRC-32 does not match');
		expect(joined(inflate(badCrc, 'gzip', 4096, { checkCrc: false })).equals(data)).toBe(true);
		const badLength = Buffer.from(file);
		badLength[file.length - 4] ^= 1;
		expect(() => inflate(badLength, 'gzip', 4096, { checkCrc: false })).toThrow(
			'length does not match',
		);
	});
});

test.each(['gzip', 'deflate-raw'])(
	'%s cut short anywhere: an error, never a shorter result',
	(format) => {
		const data = DATA.json.subarray(0, 3000);
		const compressed = format === 'gzip' ? zlib.gzipSync(data) : zlib.deflateRawSync(data);
		for (let cut = 0; cut < compressed.length; cut++) {
			expect(() => inflate(compressed.subarray(0, cut), format, 100)).toThrow(InflateError);
		}
	},
);

/** DEFLATE bits: values least significant bit first, Huffman codes most significant bit first. */
function bitWriter() {
	const bytes = [];
	let bit = 0;
	const put = (value) => {
		if (bit % 8 === 0) bytes.push(0);
		if (value) bytes[bytes.length - 1] |= 1 << bit % 8;
		bit++;
	};
	return {
		value(value, count) {
			for (let i = 0; i < count; i++) put((value >> i) & 1);
			return this;
		},
		code(code, count) {
			for (let i = count - 1; i >= 0; i--) put((code >> i) & 1);
			return this;
		},
		bytes: () => Buffer.from(bytes),
	};
}

describe('damaged DEFLATE data', () => {
	test.each([
		['block type 3', bitWriter().value(1, 1).value(3, 2).bytes(), 'invalid block type'],
		[
			'a stored block whose length and its complement disagree',
			Buffer.from([0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5]),
			'invalid stored block lengths',
		],
		[
			// Fixed codes: length symbol 257 (7-bit code 1), distance code 0 (distance 1), at the start.
			'a match before the first byte',
			bitWriter().value(1, 1).value(1, 2).code(1, 7).code(0, 5).code(0, 7).bytes(),
			'too far back',
		],
		[
			// Fixed codes: literal/length symbol 286 (8-bit code 0xC6) is not a length.
			'a literal/length symbol that does not exist',
			bitWriter().value(1, 1).value(1, 2).code(0xc6, 8).bytes(),
			'invalid literal/length code',
		],
		[
			// A dynamic block whose 19 code-length codes are each one bit long: more codes than one
			// bit can tell apart.
			'an over-subscribed code',
			(() => {
				const writer = bitWriter().value(1, 1).value(2, 2).value(0, 5).value(0, 5).value(15, 4);
				for (let i = 0; i < 19; i++) writer.value(1, 3);
				return Buffer.concat([writer.bytes(), Buffer.alloc(16)]);
			})(),
			'over-subscribed',
		],
	])('%s: an error', (_name, bytes, message) => {
		expect(() => inflate(bytes, 'deflate-raw')).toThrow(InflateError);
		expect(() => inflate(bytes, 'deflate-raw')).toThrow(message);
	});

	test('bytes after the last block: an error', () => {
		const compressed = Buffer.concat([zlib.deflateRawSync(DATA.hex), Buffer.from([1])]);
		expect(() => inflate(compressed, 'deflate-raw')).toThrow('unexpected bytes');
	});
});
