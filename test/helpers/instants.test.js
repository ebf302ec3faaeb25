// Date parameters read as points in time, and written as each API wants them.
const { DateTime } = require('luxon');
const {
	toInstant,
	toIsoWithOffset,
	toUtcSeconds,
	utcHourOf,
	exportHourText,
} = require('../../dist/nodes/Amplitude/helpers/instants');

const HINT =
	'Use an ISO date-time (2026-11-01T07:00:00+01:00), a date (2026-11-01 or 20261101), epoch milliseconds or an n8n date such as {{ $now }}';

describe('toInstant', () => {
	test.each([
		['YYYYMMDD', '20261101', Date.UTC(2026, 10, 1), undefined, true],
		['YYYYMMDD as a number', 20261101, Date.UTC(2026, 10, 1), undefined, true],
		['an ISO date', '2026-11-01', Date.UTC(2026, 10, 1), undefined, true],
		['an Export API hour', '20261101T05', Date.UTC(2026, 10, 1, 5), 0, false],
		['a date-time with Z', '2026-11-01T07:30:00Z', Date.UTC(2026, 10, 1, 7, 30), 0, false],
		[
			'a date-time with an offset',
			'2026-11-01T07:00:00+01:00',
			Date.UTC(2026, 10, 1, 6),
			60,
			false,
		],
		[
			'a negative offset without a colon',
			'2026-11-01T07:00-0530',
			Date.UTC(2026, 10, 1, 12, 30),
			-330,
			false,
		],
		[
			'milliseconds',
			'2026-11-01T07:00:00.250+00:00',
			Date.UTC(2026, 10, 1, 7, 0, 0, 250),
			0,
			false,
		],
		[
			'a space instead of T, no zone',
			'2026-11-01 07:00:00',
			Date.UTC(2026, 10, 1, 7),
			undefined,
			false,
		],
		['epoch milliseconds', 1796083200000, 1796083200000, 0, false],
		['epoch milliseconds as text', '1796083200000', 1796083200000, 0, false],
		['a JS Date', new Date(Date.UTC(2026, 10, 1, 3)), Date.UTC(2026, 10, 1, 3), 0, false],
		[
			'an n8n (Luxon) date keeps its offset',
			DateTime.fromISO('2026-11-30T00:00:00', { zone: 'Europe/Berlin' }),
			Date.UTC(2026, 10, 29, 23),
			60,
			false,
		],
	])('%s', (_name, value, ms, offsetMinutes, dateOnly) => {
		expect(toInstant(value, 'Start')).toEqual({ ms, offsetMinutes, dateOnly });
	});

	test.each([
		['', "'Start' is empty. "],
		['   ', "'Start' is empty. "],
		[undefined, "'Start' is empty. "],
		['yesterday', `'Start' is not a valid date or time: "yesterday". `],
		['2026-02-30', `'Start' is not a valid date or time: "2026-02-30". `],
		['2026-11-01T24:00:00Z', `'Start' is not a valid date or time: "2026-11-01T24:00:00Z". `],
		['20261101T24', `'Start' is not a valid date or time: "20261101T24". `],
		[1796083200, "'Start' is not a valid date or time: 1796083200. "],
		[1.5, "'Start' is not a valid date or time: 1.5. "],
		[{ a: 1 }, `'Start' is not a valid date or time: {"a":1}. `],
		[true, "'Start' is not a valid date or time: true. "],
	])('%p is refused, naming the field and the formats', (value, message) => {
		expect(() => toInstant(value, 'Start')).toThrow(`${message}${HINT}`);
	});
});

test('toIsoWithOffset writes the offset it was given, else UTC', () => {
	expect(toIsoWithOffset(toInstant('2026-11-01T07:00:00+01:00', 'x'))).toBe(
		'2026-11-01T07:00:00+01:00',
	);
	expect(toIsoWithOffset(toInstant('2026-11-01T07:00:00-05:30', 'x'))).toBe(
		'2026-11-01T07:00:00-05:30',
	);
	expect(toIsoWithOffset(toInstant('2026-11-01', 'x'))).toBe('2026-11-01T00:00:00+00:00');
	expect(toIsoWithOffset(toInstant('2026-11-01T07:00:00.999Z', 'x'))).toBe(
		'2026-11-01T07:00:00+00:00',
	);
	expect(
		toIsoWithOffset(
			toInstant(DateTime.fromISO('2026-07-01T09:15:00', { zone: 'America/New_York' }), 'x'),
		),
	).toBe('2026-07-01T09:15:00-04:00');
});

test('toUtcSeconds writes yyyy-MM-dd HH:mm:ss in UTC', () => {
	expect(toUtcSeconds(toInstant('2026-11-01T07:00:05+01:00', 'x'))).toBe('2026-11-01 06:00:05');
	expect(toUtcSeconds(toInstant('20261231', 'x'))).toBe('2026-12-31 00:00:00');
});

test('utcHourOf: the hour an instant falls in; a date alone is T00 as a start and T23 as an end', () => {
	const hour = (value, edge) => exportHourText(utcHourOf(toInstant(value, 'x'), edge));
	expect(hour('2026-11-01T05:59:59Z', 'start')).toBe('20261101T05');
	expect(hour('2026-11-01T05:59:59Z', 'end')).toBe('20261101T05');
	expect(hour('2026-11-01T00:30:00+01:00', 'end')).toBe('20261031T23');
	expect(hour('20261101', 'start')).toBe('20261101T00');
	expect(hour('20261101', 'end')).toBe('20261101T23');
	expect(hour('20261101T07', 'end')).toBe('20261101T07');
});
