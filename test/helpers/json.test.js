const { parseJsonObject, isPlainObject } = require('../../dist/nodes/Amplitude/helpers/json');
const { InvalidInput } = require('../../dist/nodes/Amplitude/helpers/errors');

function errorOf(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

const EXAMPLE = 'Give an object such as {"plan": "pro"}';

describe('isPlainObject', () => {
	test.each([
		[{}, true],
		[{ a: 1 }, true],
		[[], false],
		[null, false],
		['{}', false],
		[1, false],
		[undefined, false],
	])('%j → %s', (value, expected) => {
		expect(isPlainObject(value)).toBe(expected);
	});
});

describe('parseJsonObject', () => {
	test('an object passes through as the same object', () => {
		const object = { plan: 'pro', nested: { a: [1, 2] } };
		expect(parseJsonObject(object, 'Event Properties')).toBe(object);
	});

	test('a JSON string of an object is parsed', () => {
		expect(parseJsonObject('{"plan":"pro","seats":3,"tags":["a"]}', 'Event Properties')).toEqual({
			plan: 'pro',
			seats: 3,
			tags: ['a'],
		});
		expect(parseJsonObject('  {"a": {"b": null}}  ', 'Event Properties')).toEqual({
			a: { b: null },
		});
		expect(parseJsonObject('{}', 'Event Properties')).toEqual({});
	});

	test.each([[undefined], [null], [''], ['   '], ['\n\t']])('empty %j gives undefined', (value) => {
		expect(parseJsonObject(value, 'Event Properties')).toBeUndefined();
	});

	test.each([
		['[1,2]', 'an array'],
		['"text"', 'a string'],
		['42', 'a number'],
		['true', 'a boolean'],
		['null', 'null'],
	])('JSON %s that is not an object is an error, never {}', (text, kind) => {
		const error = errorOf(() => parseJsonObject(text, 'User Properties'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'User Properties' must be a JSON object, but it is ${kind}. ${EXAMPLE}`,
		);
	});

	test.each([
		[[{ plan: 'pro' }], 'an array'],
		[42, 'a number'],
		[false, 'a boolean'],
	])('a non-object value %j is an error, never {}', (value, kind) => {
		const error = errorOf(() => parseJsonObject(value, 'Groups'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(`'Groups' must be a JSON object, but it is ${kind}. ${EXAMPLE}`);
	});

	test('invalid JSON is an error naming the field and the parser message', () => {
		const error = errorOf(() => parseJsonObject('{plan: "pro"}', 'Event Properties'));
		expect(error).toBeInstanceOf(InvalidInput);
		let parserMessage;
		try {
			JSON.parse('{plan: "pro"}');
		} catch (e) {
			parserMessage = e.message;
		}
		expect(error.message).toBe(
			`'Event Properties' is not valid JSON (${parserMessage}). ${EXAMPLE}`,
		);
	});

	test('a truncated JSON object is an error', () => {
		expect(errorOf(() => parseJsonObject('{"plan": "pro"', 'Event Properties')).message).toMatch(
			/^'Event Properties' is not valid JSON \(.+\)\. Give an object such as \{"plan": "pro"\}$/,
		);
	});
});
