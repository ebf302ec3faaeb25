// helpers/crc32.ts: CRC-32 as zip and gzip use it, eight bytes per step.
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { crc32 } = require('../../dist/nodes/Amplitude/helpers/crc32');

test('the check value of the standard: CRC-32 of "123456789" is 0xCBF43926', () => {
	expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
	expect(crc32(new Uint8Array(0))).toBe(0);
});

test("the same as zlib's for every length around the 8-byte steps", () => {
	const bytes = crypto.randomBytes(100);
	for (let length = 0; length <= bytes.length; length++) {
		expect(crc32(bytes.subarray(0, length))).toBe(zlib.crc32(bytes.subarray(0, length)));
	}
});

test('continued over pieces, the same as over the whole', () => {
	const bytes = crypto.randomBytes(100_003);
	let crc = 0;
	for (let at = 0; at < bytes.length; at += 4093) crc = crc32(bytes.subarray(at, at + 4093), crc);
	expect(crc).toBe(zlib.crc32(bytes));
});
