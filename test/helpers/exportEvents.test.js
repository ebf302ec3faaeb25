// Events out of an Export API zip: gzip entries of newline-delimited JSON, read as they arrive,
// given out in batches.
const zlib = require('node:zlib');
const { exportEvents } = require('../../dist/nodes/Amplitude/helpers/exportEvents');
const { ZipFormatError } = require('../../dist/nodes/Amplitude/helpers/zipStream');
const { zipBuffer } = require('../support/amplitude-server/export-zip');

function source(buffer, size = 1000) {
	return (async function* () {
		for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
	})();
}

async function collect(buffer, size) {
	const events = [];
	for await (const batch of exportEvents(source(buffer, size))) {
		expect(batch.length).toBeGreaterThan(0);
		events.push(...batch);
	}
	return events;
}

const event = (n) => ({
	event_type: `e${n}`,
	uuid: `u-${n}`,
	event_properties: { n, text: 'é ✓' },
});
const ndjson = (list, end = '\n') => list.map((e) => JSON.stringify(e)).join('\n') + end;
const gz = (text) => zlib.gzipSync(text);

test('several entries: every event, in archive order, across chunk boundaries', async () => {
	const first = Array.from({ length: 500 }, (_, n) => event(n));
	const second = Array.from({ length: 300 }, (_, n) => event(500 + n));
	const archive = zipBuffer([
		{ name: '829528/829528_2026-06-16_11#0.json.gz', data: gz(ndjson(first)) },
		{ name: '829528/829528_2026-06-16_11#1.json.gz', data: gz(ndjson(second, '')) },
	]);
	for (const size of [1, 17, 4096, archive.length]) {
		const events = await collect(archive, size);
		expect(events).toEqual([...first, ...second]);
	}
});

test('empty entries, empty gzip files, blank lines and other files hold no events', async () => {
	const archive = zipBuffer([
		{ name: '829528/', data: Buffer.alloc(0) },
		{ name: '829528/829528_2026-06-16_11#0.json.gz', data: Buffer.alloc(0) },
		{ name: '829528/829528_2026-06-16_11#1.json.gz', data: gz('') },
		{ name: '829528/_complete', data: Buffer.from('done') },
		{
			name: '829528/829528_2026-06-16_12#0.json.gz',
			data: gz(`\n${JSON.stringify(event(1))}\r\n\n`),
		},
	]);
	expect(await collect(archive)).toEqual([event(1)]);
	expect(await collect(zipBuffer([]))).toEqual([]);
});

test('deflated entries (zip method 8) are inflated before the gzip is read', async () => {
	const archive = zipBuffer([
		{ name: 'a.json.gz', data: gz(ndjson([event(1), event(2)])), method: 8, dataDescriptor: true },
	]);
	expect(await collect(archive, 5)).toEqual([event(1), event(2)]);
});

test('a long line split across many gzip output chunks is one event', async () => {
	const big = { ...event(1), event_properties: { blob: 'x'.repeat(300_000) } };
	const archive = zipBuffer([{ name: 'a.json.gz', data: gz(ndjson([big, event(2)])) }]);
	expect(await collect(archive, 100)).toEqual([big, event(2)]);
});

test('characters of several bytes split between decompressed chunks are kept whole', async () => {
	// Lines far longer than a decompressed chunk, made of 3-byte and 4-byte characters.
	const wide = Array.from({ length: 3 }, (_, n) => ({
		...event(n),
		event_properties: { text: '✓é𝄞'.repeat(40_000 + n) },
	}));
	const archive = zipBuffer([{ name: 'a.json.gz', data: gz(ndjson(wide)) }]);
	expect(await collect(archive, 777)).toEqual(wide);
});

describe('what cannot be read is an error naming the entry', () => {
	test.each([
		[
			'a line that is not JSON',
			[{ name: 'p/a.json.gz', data: gz(`${JSON.stringify(event(1))}\n{"broken": \n`) }],
			'line 2 of "p/a.json.gz" is not valid JSON',
		],
		[
			'a line that is not an object',
			[{ name: 'p/a.json.gz', data: gz('[1,2]\n') }],
			'line 1 of "p/a.json.gz" is not a JSON object',
		],
		[
			'an entry that is not gzip',
			[{ name: 'p/a.json.gz', data: Buffer.from('{"plain":"json"}\n') }],
			'entry "p/a.json.gz" could not be decompressed',
		],
		[
			'a gzip file cut short',
			[{ name: 'p/a.json.gz', data: gz(ndjson([event(1), event(2)])).subarray(0, 30) }],
			'entry "p/a.json.gz" could not be decompressed',
		],
	])('%s', async (_name, entries, message) => {
		const failure = collect(zipBuffer(entries));
		await expect(failure).rejects.toThrow(ZipFormatError);
		await expect(failure).rejects.toThrow(message);
	});

	test.each([
		['the gzip trailer', (file) => file.length - 6],
		['the gzip header (its time stamp, which gzip itself does not check)', () => 5],
	])('a damaged byte in %s: the CRC-32 of the zip entry catches it', async (_where, offset) => {
		const file = gz(ndjson([event(1), event(2)]));
		const archive = zipBuffer([{ name: 'p/a.json.gz', data: file }]);
		archive[archive.indexOf(file) + offset(file)] ^= 0x01;
		const failure = collect(archive);
		await expect(failure).rejects.toThrow(ZipFormatError);
		await expect(failure).rejects.toThrow(
			'entry "p/a.json.gz" is damaged (its CRC-32 does not match)',
		);
	});

	test('a truncated archive fails after the events before the cut', async () => {
		const archive = zipBuffer([
			{ name: 'a.json.gz', data: gz(ndjson([event(1)])) },
			{ name: 'b.json.gz', data: gz(ndjson([event(2), event(3)])) },
		]);
		const seen = [];
		const cut = archive.subarray(0, archive.length - 30);
		await expect(
			(async () => {
				for await (const batch of exportEvents(source(cut))) seen.push(...batch);
			})(),
		).rejects.toThrow('without its end record: it was cut off');
		expect(seen).toEqual([event(1), event(2), event(3)]);
	});
});
