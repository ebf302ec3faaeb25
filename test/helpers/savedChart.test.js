const {
	chartIdFrom,
	parseCsv,
	parseSavedChart,
	savedChartCsv,
	savedChartRows,
} = require('../../dist/nodes/Amplitude/helpers/savedChart');
const {
	SAVED_CHART_CSV,
	SAVED_CHART_BODY,
	SAVED_CHART_PARSED,
} = require('../support/analyticsFixtures');

function errorOf(run) {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

describe('chartIdFrom', () => {
	test.each([
		['abc123xy', 'abc123xy'],
		['  abc123xy ', 'abc123xy'],
		['abc_12-3', 'abc_12-3'],
		[12345, '12345'],
		['https://app.amplitude.com/analytics/acme/chart/abc123xy', 'abc123xy'],
		['https://app.amplitude.com/analytics/acme/chart/abc123xy/', 'abc123xy'],
		['https://app.amplitude.com/analytics/acme/chart/abc123xy/edit/k2j3h4', 'abc123xy'],
		['https://analytics.eu.amplitude.com/acme/chart/abc123xy?source=copy#top', 'abc123xy'],
		['app.amplitude.com/analytics/acme/chart/abc123xy', 'abc123xy'],
		['https://amplitude.com/api/3/chart/abc123xy/csv', 'abc123xy'],
	])('%j → %s', (value, id) => {
		expect(chartIdFrom(value)).toBe(id);
	});

	const HINT =
		"It is the letters and digits after /chart/ in the chart's address in Amplitude (app.amplitude.com/analytics/<org>/chart/<ID>); the whole address works too";
	test.each([
		['', `'Chart ID' is empty. ${HINT}`],
		['   ', `'Chart ID' is empty. ${HINT}`],
		[undefined, `'Chart ID' is empty. ${HINT}`],
		[{ id: 'abc' }, `'Chart ID' must be text, not {"id":"abc"}. ${HINT}`],
		['abc 123', `'Chart ID' "abc 123" is not a chart ID. ${HINT}`],
		['abc?123', `'Chart ID' "abc?123" is not a chart ID. ${HINT}`],
		[
			'https://app.amplitude.com/analytics/acme/dashboard/xyz',
			`'Chart ID' is an address without a chart ID in it: "https://app.amplitude.com/analytics/acme/dashboard/xyz". Open the chart in Amplitude and copy its address (…/chart/<ID>), or give the ID alone`,
		],
		[
			'https://app.amplitude.com/analytics/acme/chart/',
			`'Chart ID' is an address without a chart ID in it: "https://app.amplitude.com/analytics/acme/chart/". Open the chart in Amplitude and copy its address (…/chart/<ID>), or give the ID alone`,
		],
		[
			'https://app.amplitude.com/analytics/acme/chart/new/abc',
			"'Chart ID' is the address of a chart that is not saved yet (…/chart/new). Save the chart in Amplitude first, then use its address or ID",
		],
	])('%j is refused', (value, message) => {
		const error = errorOf(() => chartIdFrom(value));
		expect(error.name).toBe('InvalidInput');
		expect(error.message).toBe(message);
	});
});

describe('parseCsv', () => {
	test.each([
		[
			'a,b\r\nc,d\r\n',
			[
				['a', 'b'],
				['c', 'd'],
			],
		],
		[
			'a,b\nc,d',
			[
				['a', 'b'],
				['c', 'd'],
			],
		],
		['"a","b"\r\n\r\n"c"', [['a', 'b'], [''], ['c']]],
		['"say ""hi""",x', [['say "hi"', 'x']]],
		['"line\r\nbreak",x\r\n', [['line\r\nbreak', 'x']]],
		['"a,b",c', [['a,b', 'c']]],
		['a,,c,', [['a', '', 'c', '']]],
		['"unclosed', [['unclosed']]],
		['', []],
	])('%j', (text, rows) => {
		expect(parseCsv(text)).toEqual(rows);
	});
});

describe('parseSavedChart', () => {
	test("Amplitude's time-series CSV: tabs stripped, the Segment row gives x values, numbers as numbers", () => {
		expect(parseSavedChart(SAVED_CHART_CSV)).toEqual(SAVED_CHART_PARSED);
	});

	test('several segments, empty cells as null, text cells kept, the header found case-insensitively', () => {
		const csv =
			'"\tTitle"\r\n\r\n"\tSEGMENT","\t2026-06-01","\t2026-06-02"\r\n"\tUnited States","4.5",""\r\n"\tGermany, Berlin","2","n/a"\r\n\r\n';
		expect(parseSavedChart(csv)).toEqual({
			title: 'Title',
			details: [],
			x_values: ['2026-06-01', '2026-06-02'],
			series_labels: ['United States', 'Germany, Berlin'],
			series: [
				[4.5, null],
				[2, 'n/a'],
			],
		});
	});

	test('without a Segment row the grid comes back as it is (tabs stripped)', () => {
		const csv = '"\tFunnel"\r\n\r\n"\tStep","\tUsers"\r\n"\tSign Up","30"\r\n';
		expect(parseSavedChart(csv)).toEqual({
			grid: [['Funnel'], [''], ['Step', 'Users'], ['Sign Up', '30']],
		});
	});

	test('a table followed by more than blank lines comes back as the grid, so nothing is lost', () => {
		const csv = '"\tSegment","\t2026-06-01"\r\n"\tAll Users","1"\r\n\r\n"\tTotals","1"\r\n';
		expect(parseSavedChart(csv)).toEqual({
			grid: [['Segment', '2026-06-01'], ['All Users', '1'], [''], ['Totals', '1']],
		});
	});

	test('no title: null', () => {
		expect(parseSavedChart('"\tSegment","\t2026-06-01"\r\n"\tAll Users","7"')).toMatchObject({
			title: null,
			details: [],
			series: [[7]],
		});
	});
});

describe('savedChartCsv', () => {
	test('the CSV text of {data: "<csv>"}', () => {
		expect(savedChartCsv(SAVED_CHART_BODY)).toBe(SAVED_CHART_CSV);
	});
	test.each([{}, { data: { series: [] } }, null, 'text'])('none in %j', (body) => {
		expect(savedChartCsv(body)).toBeUndefined();
	});
});

describe('savedChartRows', () => {
	test('a time series: {date, series_label, value} per cell', () => {
		expect(savedChartRows(parseSavedChart(SAVED_CHART_CSV))).toEqual([
			{ date: '2026-06-01', series_label: 'All Users', value: 0 },
			{ date: '2026-06-02', series_label: 'All Users', value: 3 },
			{ date: '2026-06-03', series_label: 'All Users', value: 0 },
		]);
	});

	test('columns that are not dates: {x_value, series_label, value}', () => {
		const chart = parseSavedChart('"\tSegment","\tiOS","\tWeb"\r\n"\tAll Users","3","4"\r\n');
		expect(savedChartRows(chart)).toEqual([
			{ x_value: 'iOS', series_label: 'All Users', value: 3 },
			{ x_value: 'Web', series_label: 'All Users', value: 4 },
		]);
	});

	test('a grid: {row, column, value} for each non-empty cell, numbers as numbers', () => {
		const chart = parseSavedChart('"\tStep","\tUsers"\r\n\r\n"\tSign Up","30"\r\n');
		expect(savedChartRows(chart)).toEqual([
			{ row: 0, column: 0, value: 'Step' },
			{ row: 0, column: 1, value: 'Users' },
			{ row: 2, column: 0, value: 'Sign Up' },
			{ row: 2, column: 1, value: 30 },
		]);
	});
});
