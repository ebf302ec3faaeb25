// helpers/decompress.ts: a compressed stream decompressed as it is read, stopped with the reader.
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { decompressed } = require('../../dist/nodes/Amplitude/helpers/decompress');

/** The bytes in chunks of `size`, counting how many the consumer pulled and whether it stopped. */
function source(bytes, size) {
	const state = { pulled: 0, stopped: false };
	const iterable = {
		async *[Symbol.asyncIterator]() {
			try {
				for (let i = 0; i < bytes.length; i += size) {
					state.pulled++;
					yield bytes.subarray(i, i + size);
				}
			} finally {
				state.stopped = true;
			}
		},
	};
	return { iterable, state };
}

async function collect(iterable) {
	const chunks = [];
	for await (const chunk of iterable) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

// Random bytes as hex: compressible, but not to nothing.
const DATA = Buffer.from(crypto.randomBytes(400_000).toString('hex'));

test.each([
	['gzip', zlib.gzipSync],
	['deflate-raw', zlib.deflateRawSync],
])('%s: every byte comes back, in order, from chunks of any size', async (format, compress) => {
	for (const size of [13, 65_536]) {
		const { iterable } = source(
			compress(DATA.subarray(0, size === 13 ? 20_000 : DATA.length)),
			size,
		);
		const out = await collect(decompressed(iterable, format));
		expect(out.equals(DATA.subarray(0, size === 13 ? 20_000 : DATA.length))).toBe(true);
	}
});

test('a reader that stops early stops the source, which is not read to its end', async () => {
	// 8 MB: far more than one decompressed chunk.
	const compressed = zlib.gzipSync(Buffer.from(crypto.randomBytes(4_000_000).toString('hex')));
	const { iterable, state } = source(compressed, 1024);
	let read = 0;
	for await (const chunk of decompressed(iterable, 'gzip')) {
		read += chunk.length;
		if (read > 100_000) break;
	}
	expect(state.stopped).toBe(true);
	expect(state.pulled).toBeLessThan(Math.ceil(compressed.length / 1024));
});

test('bytes that are not gzip: the reader gets an error, not a short result', async () => {
	const { iterable } = source(Buffer.from('this is not gzip at all, not even close'), 8);
	await expect(collect(decompressed(iterable, 'gzip'))).rejects.toThrow();
});

test('a truncated gzip stream: an error, not a short result', async () => {
	const compressed = zlib.gzipSync(DATA);
	const { iterable } = source(compressed.subarray(0, compressed.length - 100), 4096);
	await expect(collect(decompressed(iterable, 'gzip'))).rejects.toThrow();
});

test('a source that fails: its error reaches the reader', async () => {
	const failing = {
		async *[Symbol.asyncIterator]() {
			yield zlib.gzipSync(DATA).subarray(0, 1000);
			throw new Error('connection reset');
		},
	};
	await expect(collect(decompressed(failing, 'gzip'))).rejects.toThrow('connection reset');
});
