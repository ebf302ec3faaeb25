const { createHash } = require('crypto');
const {
	INSERT_ID_LENGTH,
	CONTENT_HASH,
	insertIdPrefix,
	writeInsertId,
} = require('../../dist/nodes/Amplitude/helpers/insertId');

/** The insert_id written for these arguments, as text. */
function written(prefix, itemIndex, low, high) {
	const out = Buffer.alloc(INSERT_ID_LENGTH + 4, '.');
	writeInsertId(out, 2, Buffer.from(prefix, 'latin1'), itemIndex, low, high);
	return out.toString('latin1');
}

describe('insertIdPrefix', () => {
	test('is the first 8 hex of SHA-256 over execution ID, a NUL and the node name', () => {
		const expected = createHash('sha256').update('exec-1\u0000Amplitude').digest('hex').slice(0, 8);
		expect(insertIdPrefix('exec-1', 'Amplitude')).toBe(expected);
		expect(insertIdPrefix('exec-1', 'Amplitude')).toMatch(/^[0-9a-f]{8}$/);
	});

	test('differs by execution, by node, and the separator keeps shifted boundaries apart', () => {
		const base = insertIdPrefix('exec-1', 'Amplitude');
		expect(insertIdPrefix('exec-2', 'Amplitude')).not.toBe(base);
		expect(insertIdPrefix('exec-1', 'Amplitude1')).not.toBe(base);
		expect(insertIdPrefix('ab', 'c')).not.toBe(insertIdPrefix('a', 'bc'));
	});
});

describe('writeInsertId', () => {
	test('writes 32 hex characters in place: prefix, item index, then both hash lanes mixed', () => {
		const low = 0x12345678;
		const high = 0x9abcdef0 | 0;
		const mixedLow = ((low ^ (low >>> 15)) >>> 0).toString(16).padStart(8, '0');
		const mixedHigh = ((high ^ (high >>> 13)) >>> 0).toString(16).padStart(8, '0');
		expect(written('abcdef01', 255, low, high)).toBe(`..abcdef01000000ff${mixedLow}${mixedHigh}..`);
	});

	test('writes only its 32 bytes and handles the largest item index', () => {
		const text = written('00000000', 0xffffffff, 0, 0);
		expect(text.slice(0, 2)).toBe('..');
		expect(text.slice(-2)).toBe('..');
		expect(text.slice(10, 18)).toBe('ffffffff');
	});
});

test('the content hash starts from the FNV-1a offset bases, with two primes', () => {
	expect(CONTENT_HASH).toEqual({
		lowSeed: 0x811c9dc5,
		lowPrime: 0x01000193,
		highSeed: 0xcbf29ce4,
		highPrime: 0x5bd1e995,
	});
});
