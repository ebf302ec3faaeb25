const {
	mapRetention,
	retentionRows,
	parseBrackets,
} = require('../../dist/nodes/Amplitude/helpers/retention');
const { RETENTION_BODY, RETENTION_ROWS } = require('../support/analyticsFixtures');

describe('mapRetention', () => {
	test('snake_case keys, date-label keys of values kept, diagnostics dropped', () => {
		expect(mapRetention(RETENTION_BODY)).toEqual({
			series: [
				{
					dates: ['Sep 15, 2026', 'Sep 14, 2026'],
					datetimes: ['2026-09-15', '2026-09-14'],
					values: RETENTION_BODY.data.series[0].values,
					combined: [
						{ count: 218, outof: 218, incomplete: false, retained_set_id: '', dropoff_set_id: '' },
						{ count: 75, outof: 218, incomplete: false, retained_set_id: '', dropoff_set_id: '' },
					],
				},
			],
			series_labels: [''],
			series_meta: [{ segment_index: 0, event_index: 0 }],
		});
	});

	test('an answer without data gives empty lists', () => {
		expect(mapRetention({ error: 'x' })).toEqual({
			series: [],
			series_labels: [],
			series_meta: [],
		});
	});
});

describe('retentionRows', () => {
	test('one row per cohort date (oldest first, from datetimes) and interval, cell 0 being the cohort', () => {
		expect(retentionRows(mapRetention(RETENTION_BODY), { interval: '1' })).toEqual(RETENTION_ROWS);
	});

	test('weekly and monthly intervals name weeks and months; brackets name their days (end exclusive)', () => {
		const chart = mapRetention(RETENTION_BODY);
		const labels = (options) => retentionRows(chart, options).map((r) => r.interval_label);
		expect(labels({ interval: '7' }).slice(0, 3)).toEqual(['Week 0', 'Week 1', 'Week 2']);
		expect(labels({ interval: '30' }).slice(0, 2)).toEqual(['Month 0', 'Month 1']);
		expect(
			labels({
				interval: '1',
				brackets: [
					[0, 1],
					[1, 8],
					[8, 31],
				],
			}).slice(0, 3),
		).toEqual(['Day 0', 'Day 1-7', 'Day 8-30']);
	});

	test('group-by series are labelled with their value; several series give rows each', () => {
		const series = RETENTION_BODY.data.series[0];
		const chart = mapRetention({
			data: { series: [series, series], seriesLabels: ['United States', [0, 'Germany']] },
		});
		const labels = [...new Set(retentionRows(chart, { interval: '1' }).map((r) => r.series_label))];
		expect(labels).toEqual(['United States', 'Germany']);
	});

	test('without datetimes the label is the cohort date; values keyed by ISO dates are read too', () => {
		const chart = mapRetention({
			data: {
				series: [
					{
						dates: ['Aug 15'],
						values: {
							'Aug 15': [
								{ count: 4, outof: 4 },
								{ count: 1, outof: 4 },
							],
						},
					},
					{
						dates: ['x'],
						datetimes: ['2026-08-16'],
						values: {
							'2026-08-16': [
								{ count: 2, outof: 2 },
								{ count: 2, outof: 2 },
							],
						},
					},
				],
			},
		});
		expect(retentionRows(chart, { interval: '1' })).toEqual([
			expect.objectContaining({ cohort_date: 'Aug 15', cohort_size: 4, retention_rate: 0.25 }),
			expect.objectContaining({ cohort_date: '2026-08-16', cohort_size: 2, retention_rate: 1 }),
		]);
	});

	test('an empty cohort has rate null, not a division by zero', () => {
		const chart = mapRetention({
			data: {
				series: [
					{
						dates: ['d'],
						datetimes: ['2026-08-16'],
						values: {
							d: [
								{ count: 0, outof: 0 },
								{ count: 0, outof: 0, incomplete: true },
							],
						},
					},
				],
			},
		});
		expect(retentionRows(chart, { interval: '1' })).toEqual([
			expect.objectContaining({
				cohort_size: 0,
				retained_users: 0,
				retention_rate: null,
				incomplete: true,
			}),
		]);
	});
});

describe('parseBrackets', () => {
	test.each([
		['[[0,5]]', [[0, 5]]],
		[
			' [[0,1],[1,8],[8,31]] ',
			[
				[0, 1],
				[1, 8],
				[8, 31],
			],
		],
		[
			'[[0,1],[3,7]]',
			[
				[0, 1],
				[3, 7],
			],
		],
	])('%s', (text, expected) => {
		expect(parseBrackets(text)).toEqual(expected);
	});

	test('an array from an expression is taken as is', () => {
		expect(parseBrackets([[0, 2]])).toEqual([[0, 2]]);
	});

	const EXAMPLE = 'e.g. [[0,1],[1,8]] for Day 0, then Days 1 to 7';
	test.each([
		[
			'',
			`'Brackets' is empty, and Bracket retention needs them. Give a JSON array of [fromDay, toDayExclusive] pairs, ${EXAMPLE}`,
		],
		[
			undefined,
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is undefined`,
		],
		[
			'[[0,1]',
			/^'Brackets' is not valid JSON \(.+\)\. Give a JSON array of \[fromDay, toDayExclusive\] pairs, e\.g\./,
		],
		[
			'[]',
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is []`,
		],
		[
			'[0,5]',
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is [0,5]`,
		],
		[
			'[[0,1,2]]',
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is [[0,1,2]]`,
		],
		[
			'[[0,1.5]]',
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is [[0,1.5]]`,
		],
		[
			'[["0","1"]]',
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is [["0","1"]]`,
		],
		[
			'{"from":0}',
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${EXAMPLE}, but it is {"from":0}`,
		],
		[
			'[[-1,3]]',
			"'Brackets': [-1,3] starts before Day 0. Days count from 0, the day of the start event",
		],
		[
			'[[3,3]]',
			"'Brackets': [3,3] holds no day, because the second number is exclusive. Day 3 alone is [3,4]",
		],
		[
			'[[5,2]]',
			"'Brackets': [5,2] holds no day, because the second number is exclusive. Day 5 alone is [5,6]",
		],
		[
			'[[0,5],[3,8]]',
			`'Brackets': [3,8] starts before the bracket before it, [0,5], ends. Give the brackets in order without overlaps, ${EXAMPLE}`,
		],
		[
			'[[4,8],[0,1]]',
			`'Brackets': [0,1] starts before the bracket before it, [4,8], ends. Give the brackets in order without overlaps, ${EXAMPLE}`,
		],
	])('%j is refused', (text, message) => {
		let error;
		try {
			parseBrackets(text);
		} catch (caught) {
			error = caught;
		}
		expect(error?.name).toBe('InvalidInput');
		if (message instanceof RegExp) expect(error.message).toMatch(message);
		else expect(error.message).toBe(message);
	});
});
