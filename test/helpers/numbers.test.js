const { integerInRange, numberInRange } = require('../../dist/nodes/Amplitude/helpers/numbers');
const { InvalidInput } = require('../../dist/nodes/Amplitude/helpers/errors');

function errorOf(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

test.each([
	[1, 1],
	[1000, 1000],
	[500, 500],
	['250', 250],
	[' 7 ', 7],
	[0, 0],
])('%j within [0, 1000] → %d', (value, expected) => {
	expect(integerInRange(value, 'Limit', 0, 1000)).toBe(expected);
});

test.each([
	[1001, '1001'],
	[-1, '-1'],
	[2.5, '2.5'],
	['2.5', '"2.5"'],
	['', '""'],
	['   ', '"   "'],
	['ten', '"ten"'],
	[null, 'null'],
	[true, 'true'],
	[Number.NaN, 'null'],
	[Number.POSITIVE_INFINITY, 'null'],
])('%j is refused with the range', (value, shown) => {
	const error = errorOf(() => integerInRange(value, 'Limit', 0, 1000));
	expect(error).toBeInstanceOf(InvalidInput);
	expect(error.message).toBe(`'Limit' must be a whole number from 0 to 1000, but it is ${shown}`);
});

test('undefined is refused too', () => {
	expect(errorOf(() => integerInRange(undefined, 'Offset', 0, 10)).message).toBe(
		"'Offset' must be a whole number from 0 to 10, but it is undefined",
	);
});

describe('numberInRange takes fractions', () => {
	test.each([
		[0.25, 0.25],
		['0.5', 0.5],
		[30, 30],
		[0.001, 0.001],
		[365, 365],
	])('%j within [0.001, 365] → %d', (value, expected) => {
		expect(numberInRange(value, 'Days', 0.001, 365)).toBe(expected);
	});

	test.each([
		[0, '0'],
		[365.5, '365.5'],
		['', '""'],
		['a day', '"a day"'],
		[null, 'null'],
		[Number.NaN, 'null'],
		[Number.POSITIVE_INFINITY, 'null'],
	])('%j is refused with the range', (value, shown) => {
		const error = errorOf(() => numberInRange(value, 'Days', 0.001, 365));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(`'Days' must be a number from 0.001 to 365, but it is ${shown}`);
	});
});
