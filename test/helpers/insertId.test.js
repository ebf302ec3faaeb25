const { createHash } = require('crypto');
const { contentHash, deriveInsertId } = require('../../dist/nodes/Amplitude/helpers/insertId');

const args = ['exec-1', 'Amplitude', 0, '{"event_type":"signup","user_id":"user-42"}'];

test('is 32 lowercase hex characters', () => {
	expect(deriveInsertId(...args)).toMatch(/^[0-9a-f]{32}$/);
});

test('is deterministic', () => {
	expect(deriveInsertId(...args)).toBe(deriveInsertId(...args));
});

test('is 8 hex of sha256 over execution and node, 8 hex of the item index, 16 hex of the content', () => {
	const run = createHash('sha256').update('exec-1\u0000Amplitude').digest('hex').slice(0, 8);
	expect(deriveInsertId(...args)).toBe(`${run}00000000${contentHash(args[3])}`);
	expect(deriveInsertId('exec-1', 'Amplitude', 255, args[3]).slice(8, 16)).toBe('000000ff');
});

describe('contentHash', () => {
	test('is 16 lowercase hex characters, deterministic', () => {
		expect(contentHash('{"a":1}')).toMatch(/^[0-9a-f]{16}$/);
		expect(contentHash('{"a":1}')).toBe(contentHash('{"a":1}'));
	});

	test('tells apart contents that differ in one character, or in order', () => {
		const hashes = ['{"a":1}', '{"a":2}', '{"b":1}', '1:"a"{}', '', 'é'].map(contentHash);
		expect(new Set(hashes).size).toBe(hashes.length);
	});

	test('has no collision over 100,000 similar events', () => {
		const hashes = new Set(
			Array.from({ length: 100_000 }, (_, i) =>
				contentHash(`{"event_type":"e","user_id":"user-${i}"}`),
			),
		);
		expect(hashes.size).toBe(100_000);
	});
});

test.each([
	[0, 'exec-2'],
	[1, 'Amplitude1'],
	[2, 1],
	[3, '{"event_type":"signup","user_id":"user-43"}'],
])('changes when input %d changes', (position, replacement) => {
	const changed = [...args];
	changed[position] = replacement;
	expect(deriveInsertId(...changed)).not.toBe(deriveInsertId(...args));
});

test('the separator keeps shifted boundaries apart', () => {
	expect(deriveInsertId('ab', 'c', 0, 'x')).not.toBe(deriveInsertId('a', 'bc', 0, 'x'));
});
