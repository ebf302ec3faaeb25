const { createHash } = require('crypto');
const { deriveInsertId } = require('../../../dist/nodes/Amplitude/helpers/insertId');

const args = ['exec-1', 'Amplitude', 0, '{"event_type":"signup","user_id":"user-42"}'];

test('is 32 lowercase hex characters', () => {
	expect(deriveInsertId(...args)).toMatch(/^[0-9a-f]{32}$/);
});

test('is deterministic', () => {
	expect(deriveInsertId(...args)).toBe(deriveInsertId(...args));
});

test('is the first 32 hex of sha256 over the NUL-separated inputs', () => {
	const expected = createHash('sha256').update(args.join('\u0000')).digest('hex').slice(0, 32);
	expect(deriveInsertId(...args)).toBe(expected);
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
