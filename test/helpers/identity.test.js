const { normalizeId, requireUserOrDevice } = require('../../dist/nodes/Amplitude/helpers/identity');
const { MIN_ID_LENGTH } = require('../../dist/nodes/Amplitude/limits');
const { InvalidInput } = require('../../dist/nodes/Amplitude/helpers/errors');

function errorOf(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

test('the default minimum ID length is Amplitude’s 5', () => {
	expect(MIN_ID_LENGTH.default).toBe(5);
});

describe('normalizeId', () => {
	test.each([
		['user-42', 'user-42'],
		['abcde', 'abcde'],
		[12345, '12345'],
		[1234567890123, '1234567890123'],
		['C8F9E604-F01A-4BD9-95C6-8E5357DF265D', 'C8F9E604-F01A-4BD9-95C6-8E5357DF265D'],
	])('%j → %j', (value, expected) => {
		expect(normalizeId(value, 'User ID', 5)).toBe(expected);
	});

	test.each([[undefined], [null], [''], ['   ']])('absent %j gives undefined', (value) => {
		expect(normalizeId(value, 'User ID', 5)).toBeUndefined();
	});

	test.each([
		'anonymous',
		'ANONYMOUS',
		'nil',
		'None',
		'null',
		'NULL',
		'n/a',
		'N/A',
		'na',
		'undefined',
		'Unknown',
		'00000000-0000-0000-0000-000000000000',
		'{}',
		'lmy47d',
		'LMY47D',
		'0',
		'-1',
	])('placeholder %j is rejected case-insensitively, whatever the minimum length', (value) => {
		const error = errorOf(() => normalizeId(value, 'Device ID', 1));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'Device ID' is "${value}", a placeholder value Amplitude rejects. Send a real ID or leave it empty`,
		);
	});

	test.each([
		[0, '0'],
		[-1, '-1'],
	])('number %j becomes the rejected placeholder %j', (value, text) => {
		expect(errorOf(() => normalizeId(value, 'User ID', 1)).message).toBe(
			`'User ID' is "${text}", a placeholder value Amplitude rejects. Send a real ID or leave it empty`,
		);
	});

	test('an ID shorter than the minimum is refused with the fix', () => {
		const error = errorOf(() => normalizeId('abcd', 'User ID', 5));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'User ID' "abcd" is shorter than 5 characters, and Amplitude silently drops such IDs. Use a longer ID or lower Options → Min ID Length`,
		);
		expect(errorOf(() => normalizeId(123, 'Device ID', 4)).message).toBe(
			`'Device ID' "123" is shorter than 4 characters, and Amplitude silently drops such IDs. Use a longer ID or lower Options → Min ID Length`,
		);
	});

	test('a lower minimum length accepts short IDs', () => {
		expect(normalizeId('abcd', 'User ID', 4)).toBe('abcd');
		expect(normalizeId('a', 'User ID', 1)).toBe('a');
		expect(normalizeId(7, 'User ID', 1)).toBe('7');
	});

	test.each([
		[{ id: 'x' }, 'object'],
		[['user-1'], 'an array'],
		[true, 'boolean'],
	])('%j is not an ID', (value, kind) => {
		const error = errorOf(() => normalizeId(value, 'User ID', 5));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(`'User ID' must be a string, but it is ${kind}`);
	});
});

describe('requireUserOrDevice', () => {
	test('passes with either ID', () => {
		expect(requireUserOrDevice('user-1', undefined)).toBeUndefined();
		expect(requireUserOrDevice(undefined, 'device-1')).toBeUndefined();
		expect(requireUserOrDevice('user-1', 'device-1')).toBeUndefined();
	});

	test('fails with neither', () => {
		const error = errorOf(() => requireUserOrDevice(undefined, undefined));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			"Neither 'User ID' nor 'Device ID' is set. Amplitude needs at least one of them to attribute the data to a user",
		);
	});
});

describe('requireUserId (cohorts, deletions, user mapping)', () => {
	const { requireUserId, toIdType } = require('../../dist/nodes/Amplitude/helpers/identity');

	test('a user ID as text, trimmed; numbers become text', () => {
		expect(requireUserId(' user-1 ', 'ID', 'userId')).toBe('user-1');
		expect(requireUserId(12345, 'ID', 'userId')).toBe('12345');
	});

	test('an Amplitude ID is a positive whole number', () => {
		expect(requireUserId('356896327775', 'ID', 'amplitudeId')).toBe('356896327775');
		expect(requireUserId(356896327775, 'ID', 'amplitudeId')).toBe('356896327775');
	});

	test.each([
		['', 'userId', "'ID' is empty. Give each item's User ID, or remove the items that have none"],
		['   ', 'userId', "'ID' is empty"],
		[undefined, 'userId', "'ID' is empty. Give each item's User ID, e.g. {{ $json.user_id }}"],
		[
			null,
			'amplitudeId',
			"'ID' is empty. Give each item's Amplitude ID, e.g. {{ $json.amplitude_id }}",
		],
		[['a'], 'userId', "'ID' is an array"],
		[{ id: 1 }, 'userId', "'ID' is object"],
		['null', 'userId', `'ID' is "null", a placeholder value, not a real user`],
		['Anonymous', 'userId', `'ID' is "Anonymous", a placeholder value`],
		[
			'user@example.com',
			'amplitudeId',
			`'ID' must be an Amplitude ID, Amplitude's numeric user ID, but it is "user@example.com"`,
		],
		['12.5', 'amplitudeId', 'must be an Amplitude ID'],
		['0', 'amplitudeId', 'a placeholder value'],
		['-5', 'amplitudeId', 'must be an Amplitude ID'],
		['123456789012345678901', 'amplitudeId', 'must be an Amplitude ID'],
	])('%j as %s is refused', (value, idType, message) => {
		expect(() => requireUserId(value, 'ID', idType)).toThrow(message);
	});

	test('toIdType takes the two ID types only', () => {
		expect(toIdType('userId')).toBe('userId');
		expect(toIdType('amplitudeId')).toBe('amplitudeId');
		expect(() => toIdType('email')).toThrow(
			`'ID Type' must be userId or amplitudeId, but it is "email"`,
		);
	});
});
