const {
	mapSessions,
	mapComposition,
	seriesNames,
} = require('../../dist/nodes/Amplitude/helpers/sessionsAndComposition');
const { toRows } = require('../../dist/nodes/Amplitude/helpers/responses');
const {
	SESSIONS_AVERAGE_BODY,
	SESSIONS_LENGTH_BODY,
	COMPOSITION_BODY,
} = require('../support/analyticsFixtures');

describe('mapSessions', () => {
	test('snake_case keys; observed YYYY-MM-DDT00:00:00 days become the documented YYYY-MM-DD', () => {
		expect(mapSessions(SESSIONS_AVERAGE_BODY)).toEqual({
			series: [[1204.02, 1197.42]],
			series_collapsed: [[{ set_id: '', value: 1200.7 }]],
			series_meta: [{ segment_index: 0, session_index: 0 }],
			x_values: ['2026-09-17', '2026-09-18'],
		});
	});

	test('days already as YYYY-MM-DD and length bins stay as they are', () => {
		expect(mapSessions({ data: { series: [[1]], xValues: ['2026-09-17'] } }).x_values).toEqual([
			'2026-09-17',
		]);
		expect(mapSessions(SESSIONS_LENGTH_BODY).x_values).toEqual(SESSIONS_LENGTH_BODY.data.xValues);
	});

	test('the observed empty answer', () => {
		const empty = {
			withSets: false,
			data: { series: [], seriesMeta: [], xValues: [], seriesLabels: [], seriesCollapsed: [] },
		};
		expect(mapSessions(empty)).toEqual({
			series: [],
			series_meta: [],
			x_values: [],
			series_labels: [],
			series_collapsed: [],
		});
	});

	test('no data: empty series and x values', () => {
		expect(mapSessions({})).toEqual({ series: [], x_values: [] });
	});
});

describe('mapComposition', () => {
	test('x values are the property values, series_labels the property', () => {
		expect(mapComposition(COMPOSITION_BODY)).toEqual({
			x_values: ['(none)', 'premium'],
			series: [[1, 1]],
			series_labels: ['gp:plan'],
		});
	});
});

describe('seriesNames', () => {
	test.each([
		[{ series: [[1]], series_labels: ['gp:plan'] }, ['gp:plan']],
		[{ series: [[1]], series_labels: [''] }, ['All Users']],
		[{ series: [[1]] }, ['All Users']],
		[{ series: [[1], [2]], series_labels: ['', 'b'] }, ['0', 'b']],
		[{ series: [] }, []],
	])('%j → %j', (chart, names) => {
		expect(seriesNames(chart)).toEqual(names);
	});
});

describe('rows of these charts (toRows with its x key)', () => {
	test('sessions per day', () => {
		const chart = mapSessions(SESSIONS_AVERAGE_BODY);
		expect(toRows(chart, seriesNames(chart))).toEqual([
			{ date: '2026-09-17', series_label: 'All Users', value: 1204.02 },
			{ date: '2026-09-18', series_label: 'All Users', value: 1197.42 },
		]);
	});

	test('composition per property value', () => {
		const chart = mapComposition(COMPOSITION_BODY);
		expect(toRows(chart, seriesNames(chart), 'property_value')).toEqual([
			{ property_value: '(none)', series_label: 'gp:plan', value: 1 },
			{ property_value: 'premium', series_label: 'gp:plan', value: 1 },
		]);
	});
});
