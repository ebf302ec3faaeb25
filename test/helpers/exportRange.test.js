// Export API ranges: UTC hours, both included, at most 365 days, with a warning for recent hours.
const { toExportRange } = require('../../dist/nodes/Amplitude/helpers/exportRange');

const NOW = Date.UTC(2026, 10, 30, 14, 20); // 2026-11-30 14:20 UTC
const WARNING = (from) =>
	`The hours from ${from} on (UTC) ended less than 2 hours ago or have not ended yet. Amplitude makes an hour exportable about 2 hours after it ends, so their events may be missing or incomplete: export them again later.`;

test('dates become whole days; hours and ISO date-times their UTC hour', () => {
	expect(toExportRange('20261129', '20261129', NOW)).toEqual({
		start: '20261129T00',
		end: '20261129T23',
		hours: 24,
	});
	expect(toExportRange('2026-11-29T10:15:00+02:00', '20261129T11', NOW)).toEqual({
		start: '20261129T08',
		end: '20261129T11',
		hours: 4,
	});
});

test('a single hour is a range of one', () => {
	expect(toExportRange('20261129T05', '20261129T05', NOW).hours).toBe(1);
});

describe('the warning for hours Amplitude may not have yet', () => {
	test('an hour that ended more than 2 hours ago: none', () => {
		// 11:00–12:00 ended 2 h 20 min before NOW.
		expect(toExportRange('20261130T00', '20261130T11', NOW).warning).toBeUndefined();
	});
	test('an hour that ended less than 2 hours ago: from that hour on', () => {
		// 12:00–13:00 ended 1 h 20 min before NOW.
		expect(toExportRange('20261130T00', '20261130T12', NOW).warning).toBe(WARNING('20261130T12'));
	});
	test('a range of today (hours not ended yet): from the first recent hour', () => {
		expect(toExportRange('20261130', '20261130', NOW).warning).toBe(WARNING('20261130T12'));
	});
	test('a range entirely in the future: from its start', () => {
		expect(toExportRange('20261201', '20261201', NOW).warning).toBe(WARNING('20261201T00'));
	});
	test('exactly 2 hours after the hour ended: no warning', () => {
		expect(
			toExportRange('20261130T11', '20261130T11', Date.UTC(2026, 10, 30, 14)).warning,
		).toBeUndefined();
		expect(
			toExportRange('20261130T11', '20261130T11', Date.UTC(2026, 10, 30, 13, 59)).warning,
		).toBe(WARNING('20261130T11'));
	});
});

describe('refused before any request', () => {
	test('end before start', () => {
		expect(() => toExportRange('20261102', '20261101', NOW)).toThrow(
			"'Start' (20261102T00) is after 'End' (20261101T23). Swap them or pick an earlier start",
		);
	});
	test('over 365 days; exactly 365 days is fine', () => {
		expect(toExportRange('20251201', '20261130', NOW).hours).toBe(365 * 24);
		expect(() => toExportRange('20251130T23', '20261130T23', NOW)).toThrow(
			'The range 20251130T23 to 20261130T23 covers 366 days; Amplitude exports at most 365 days per request. Shorten it or split it, e.g. one export per month',
		);
	});
	test('bad dates name the field', () => {
		expect(() => toExportRange('20261101', 'tomorrow', NOW)).toThrow(
			`'End' is not a valid date or time: "tomorrow".`,
		);
	});
});
