const { toYyyymmdd, toDateRange, toEpochMs } = require('../../dist/nodes/Amplitude/helpers/dates');
const { InvalidInput } = require('../../dist/nodes/Amplitude/helpers/errors');

function errorOf(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

const HINT =
	'Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }}';

describe('toYyyymmdd', () => {
	test.each([
		['20261101', '20261101'],
		[' 20261101 ', '20261101'],
		[20261101, '20261101'],
		['2026-11-01', '20261101'],
		['2026-02-28', '20260228'],
		['2028-02-29', '20280229'],
		['2026-11-01T10:00:00Z', '20261101'],
		['2026-11-01T10:00:00.000Z', '20261101'],
		['2026-11-01 10:00:00', '20261101'],
		// The written calendar date is kept, never shifted by the offset.
		['2026-11-01T23:30:00-05:00', '20261101'],
		['2026-11-01T00:30:00+09:00', '20261101'],
	])('%j → %s', (input, expected) => {
		expect(toYyyymmdd(input, 'Start')).toBe(expected);
	});

	test('Luxon-like values give their own calendar date', () => {
		const luxon = { toISODate: () => '2026-10-25', toMillis: () => 0 };
		expect(toYyyymmdd(luxon, 'Start')).toBe('20261025');
	});

	test('a JS Date gives its UTC date', () => {
		expect(toYyyymmdd(new Date(Date.UTC(2026, 10, 1, 23, 59, 59)), 'End')).toBe('20261101');
		expect(toYyyymmdd(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)), 'End')).toBe('20260101');
	});

	test.each([
		['20261301', '"20261301"'],
		['20260230', '"20260230"'],
		['2026-02-30', '"2026-02-30"'],
		['2027-02-29', '"2027-02-29"'],
		['2026-13-01', '"2026-13-01"'],
		['yesterday', '"yesterday"'],
		['2026/11/01', '"2026/11/01"'],
		['261101', '"261101"'],
		[20261301, '"20261301"'],
	])('invalid %j names the field and the accepted forms', (input, shown) => {
		const error = errorOf(() => toYyyymmdd(input, 'Start'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(`'Start' is not a valid date: ${shown}. ${HINT}`);
	});

	test.each([[''], ['   '], [null], [undefined]])(
		'empty %j is an error naming the field',
		(input) => {
			const error = errorOf(() => toYyyymmdd(input, 'End'));
			expect(error).toBeInstanceOf(InvalidInput);
			expect(error.message).toBe(`'End' is empty. ${HINT}`);
		},
	);

	test('an invalid Date and a Luxon value with no date are errors', () => {
		expect(errorOf(() => toYyyymmdd(new Date('nope'), 'Start')).message).toBe(
			`'Start' is empty. ${HINT}`,
		);
		expect(errorOf(() => toYyyymmdd({ toISODate: () => null }, 'Start')).message).toBe(
			`'Start' is empty. ${HINT}`,
		);
	});

	test.each([
		[2026.5, '2026.5'],
		[true, 'true'],
		[{ date: '2026-11-01' }, '{"date":"2026-11-01"}'],
		[['20261101'], '["20261101"]'],
	])('a value of another type (%j) is reported as not a date, not as empty', (input, shown) => {
		const error = errorOf(() => toYyyymmdd(input, 'Start'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(`'Start' is not a valid date: ${shown}. ${HINT}`);
	});
});

describe('toDateRange', () => {
	test('converts both ends', () => {
		expect(toDateRange('2026-11-01', 20261107)).toEqual({ start: '20261101', end: '20261107' });
	});

	test('start equal to end is allowed', () => {
		expect(toDateRange('20261101', '2026-11-01T22:00:00Z')).toEqual({
			start: '20261101',
			end: '20261101',
		});
	});

	test('start after end is an error that says how to fix it', () => {
		const error = errorOf(() => toDateRange('2026-11-08', '2026-11-01'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			"'Start' (20261108) is after 'End' (20261101). Swap them or pick an earlier start",
		);
	});

	test('errors name Start or End', () => {
		expect(errorOf(() => toDateRange('bad', '20261101')).message).toBe(
			`'Start' is not a valid date: "bad". ${HINT}`,
		);
		expect(errorOf(() => toDateRange('20261101', '')).message).toBe(`'End' is empty. ${HINT}`);
	});
});

describe('toEpochMs', () => {
	test.each([
		[1764547200000, 1764547200000],
		['1764547200000', 1764547200000],
		[' 1764547200000 ', 1764547200000],
		['2026-12-01T00:00:00Z', 1796083200000],
		['2026-12-01T01:00:00+01:00', 1796083200000],
		['2026-12-01T00:00:00.123Z', 1796083200123],
		['2026-12-01', 1796083200000],
		[1764547200000.6, 1764547200001],
		[100000000000, 100000000000],
	])('%j → %d', (input, expected) => {
		expect(toEpochMs(input, 'Time')).toBe(expected);
	});

	test('Dates and Luxon-like values', () => {
		expect(toEpochMs(new Date(1764547200000), 'Time')).toBe(1764547200000);
		expect(toEpochMs({ toMillis: () => 1764547200999 }, 'Time')).toBe(1764547200999);
	});

	test.each([
		[1764547200, 1764547200],
		['1764547200', 1764547200],
		[99999999999, 99999999999],
		[0, 0],
	])('seconds-looking %j is refused with the fix', (input, shown) => {
		const error = errorOf(() => toEpochMs(input, 'Time'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'Time' (${shown}) looks like epoch seconds; Amplitude needs milliseconds. Multiply it by 1000`,
		);
	});

	test.each([
		['yesterday', '"yesterday"'],
		['', '""'],
		[Number.NaN, 'null'],
		[Number.POSITIVE_INFINITY, 'null'],
		[true, 'true'],
		[{}, '{}'],
		[null, 'null'],
	])('invalid %j names the field and the accepted forms', (input, shown) => {
		const error = errorOf(() => toEpochMs(input, 'time'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'time' is not a valid time: ${shown}. Use epoch milliseconds (1796083200000) or an ISO date-time (2026-12-01T00:00:00Z)`,
		);
	});

	test('an invalid Date and a Luxon value with NaN millis are errors', () => {
		expect(errorOf(() => toEpochMs(new Date('nope'), 'Time')).message).toMatch(
			/^'Time' is not a valid time: /,
		);
		expect(errorOf(() => toEpochMs({ toMillis: () => Number.NaN }, 'Time')).message).toMatch(
			/^'Time' is not a valid time: /,
		);
	});
});

describe('amplitudeTimeToEpochMs', () => {
	const { amplitudeTimeToEpochMs } = require('../../dist/nodes/Amplitude/helpers/dates');
	const MS = Date.UTC(2022, 1, 28, 20, 7, 1, 795);

	test.each([
		['2022-02-28 20:07:01.795', MS], // webhook payloads: milliseconds
		['2022-02-28 20:07:01.795123', MS], // exports: microseconds
		['2022-02-28 20:07:01.7', MS - 95],
		['2022-02-28 20:07:01', MS - 795],
		['2022-02-28T20:07:01.795', MS],
		['2022-02-28T20:07:01.795Z', MS],
		['2022-02-28T21:07:01.795+01:00', MS],
		[MS, MS],
		[String(MS), MS],
		[1646078821, 1646078821000],
		['1646078821', 1646078821000],
		['1646078821.795', MS],
		[0, 0],
	])('%j → %j', (value, expected) => {
		expect(amplitudeTimeToEpochMs(value)).toBe(expected);
	});

	test.each([
		['2022-02-30 20:07:01.795'],
		['yesterday'],
		[''],
		[-5],
		[Infinity],
		[null],
		[undefined],
		[{}],
		[true],
	])('%j is not a time: undefined', (value) => {
		expect(amplitudeTimeToEpochMs(value)).toBeUndefined();
	});
});
