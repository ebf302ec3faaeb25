// Amplitude's answers for the second-wave analytics charts, from shared/reference/amplitude-api-more.md
// §1 (recorded 2026 responses where there are some), with the diagnostics Amplitude puts beside
// `data`, which the node drops.

const DIAGNOSTICS = {
	timeComputed: 1790236872614,
	wasCached: true,
	cacheFreshness: 'FRESH',
	backend: 'novaV2',
	novaCost: 12,
	throttleTime: 0,
	realtimeDataMissing: false,
	perQueryMetadata: [{ queryType: 'FUNNEL' }],
};

// §1.1: one funnel (no group-by), three steps.
const FUNNEL_BODY = {
	data: [
		{
			meta: { segmentIndex: 0 },
			events: ['Search Song or Video', 'Select Song or Video', 'Play Song or Video'],
			stepByStep: [1.0, 0.9915120144246691, 0.9741139357951383],
			cumulative: [1.0, 0.9915120144246691, 0.9658456707593803],
			cumulativeRaw: [163054, 161670, 157485],
			medianTransTimes: [0, 166444, 270194],
			avgTransTimes: [0, 2175406, 5607243],
			dayFunnels: {
				series: [
					[125259, 123716, 118636],
					[126964, 125373, 119986],
				],
				xValues: ['2017-08-14', '2017-08-15'],
				formattedXValues: ['Aug 14', 'Aug 15'],
			},
			dayMedianTransTimes: {
				series: [
					[0, 165548, 264380],
					[0, 164767, 269444],
				],
				xValues: ['2017-08-14', '2017-08-15'],
				formattedXValues: ['Aug 14', 'Aug 15'],
			},
			dayAvgTransTimes: {
				series: [
					[0, 2294365, 5730478],
					[0, 2268879, 5700436],
				],
				xValues: ['2017-08-14', '2017-08-15'],
				formattedXValues: ['Aug 14', 'Aug 15'],
			},
		},
	],
	numSeries: 1,
	...DIAGNOSTICS,
};

/** A funnel with a group-by: one funnel per value, named by groupValue (the shape is unverified). */
const GROUPED_FUNNEL_BODY = {
	data: [
		{
			meta: { segmentIndex: 0 },
			groupValue: 'United States',
			events: ['Sign Up', 'Purchase'],
			stepByStep: [1, 0.25],
			cumulative: [1, 0.25],
			cumulativeRaw: [40, 10],
			medianTransTimes: [0, 7200000],
			avgTransTimes: [0, 9000000],
		},
		{
			meta: { segmentIndex: 0 },
			groupValue: 'Germany',
			events: ['Sign Up', 'Purchase'],
			stepByStep: [1, 0.5],
			cumulative: [1, 0.5],
			cumulativeRaw: [8, 4],
			medianTransTimes: [0, 3600000],
			avgTransTimes: [0, 5400000],
		},
	],
	numSeries: 2,
	...DIAGNOSTICS,
};

// §1.2, with the counts the reference gives as an illustration.
const RETENTION_BODY = {
	data: {
		series: [
			{
				dates: ['Sep 15, 2026', 'Sep 14, 2026'],
				datetimes: ['2026-09-15', '2026-09-14'],
				values: {
					'Sep 15, 2026': [
						{ count: 98, outof: 98, incomplete: false },
						{ count: 31, outof: 98, incomplete: false },
						{ count: 0, outof: 98, incomplete: true },
					],
					'Sep 14, 2026': [
						{ count: 120, outof: 120, incomplete: false },
						{ count: 44, outof: 120, incomplete: false },
						{ count: 30, outof: 120, incomplete: false },
						{ count: 0, outof: 120, incomplete: true },
					],
				},
				combined: [
					{ count: 218, outof: 218, incomplete: false, retainedSetId: '', dropoffSetId: '' },
					{ count: 75, outof: 218, incomplete: false, retainedSetId: '', dropoffSetId: '' },
				],
			},
		],
		seriesLabels: [''],
		seriesMeta: [{ segmentIndex: 0, eventIndex: 0 }],
	},
	...DIAGNOSTICS,
};

// §1.3.2 (observed shape): days as YYYY-MM-DDT00:00:00.
const SESSIONS_AVERAGE_BODY = {
	data: {
		series: [[1204.02, 1197.42]],
		seriesCollapsed: [[{ setId: '', value: 1200.7 }]],
		seriesMeta: [{ segmentIndex: 0, sessionIndex: 0 }],
		xValues: ['2026-09-17T00:00:00', '2026-09-18T00:00:00'],
	},
	timeComputed: 1790237279766,
	backend: 'novaV2',
};

// §1.3.3: the same shape, sessions per user.
const SESSIONS_PER_USER_BODY = {
	data: {
		series: [[1.8, 2.25]],
		seriesCollapsed: [[{ setId: '', value: 2.01 }]],
		seriesMeta: [{ segmentIndex: 0, sessionIndex: 0 }],
		xValues: ['2026-09-17T00:00:00', '2026-09-18T00:00:00'],
	},
	...DIAGNOSTICS,
};

// §1.3.1 (docs).
const SESSIONS_LENGTH_BODY = {
	data: {
		series: [[0, 120408, 2261, 6984, 10778, 54529, 210614, 336605, 196235, 54148]],
		xValues: [
			'0s-60s',
			'60s-120s',
			'120s-180s',
			'180s-240s',
			'240s-300s',
			'300s-360s',
			'360s-420s',
			'420s-480s',
			'480s-540s',
			'540s-600s',
		],
	},
	...DIAGNOSTICS,
};

// §1.4 (observed, p=gp:plan).
const COMPOSITION_BODY = {
	data: { xValues: ['(none)', 'premium'], series: [[1, 1]], seriesLabels: ['gp:plan'] },
	timeComputed: 1790236887748,
	wasCached: true,
	backend: 'novaV2',
};

// §1.5 (observed 2026-09-25): JSON whose data is the CSV, cells quoted and tab-prefixed.
const SAVED_CHART_CSV =
	'"\tSample Metric - Test Event Users"\r\n"\tSample chart using an available event metric from the current project."\r\n\r\n"\tUniques"\r\n"\tTest Event"\r\n\r\n"\tSegment","\t2026-06-01","\t2026-06-02","\t2026-06-03"\r\n"\tAll Users","0","3","0"\r\n';
const SAVED_CHART_BODY = { data: SAVED_CHART_CSV };

/** SAVED_CHART_CSV parsed into a series. */
const SAVED_CHART_PARSED = {
	title: 'Sample Metric - Test Event Users',
	details: [
		'Sample chart using an available event metric from the current project.',
		'Uniques',
		'Test Event',
	],
	x_values: ['2026-06-01', '2026-06-02', '2026-06-03'],
	series_labels: ['All Users'],
	series: [[0, 3, 0]],
};

/** The rows of FUNNEL_BODY: one per step. */
const FUNNEL_ROWS = [
	{
		series_label: 'All Users',
		step: 1,
		event_type: 'Search Song or Video',
		users: 163054,
		conversion_from_start: 1,
		conversion_from_previous: 1,
		median_time_from_previous_ms: 0,
		average_time_from_previous_ms: 0,
	},
	{
		series_label: 'All Users',
		step: 2,
		event_type: 'Select Song or Video',
		users: 161670,
		conversion_from_start: 0.9915120144246691,
		conversion_from_previous: 0.9915120144246691,
		median_time_from_previous_ms: 166444,
		average_time_from_previous_ms: 2175406,
	},
	{
		series_label: 'All Users',
		step: 3,
		event_type: 'Play Song or Video',
		users: 157485,
		conversion_from_start: 0.9658456707593803,
		conversion_from_previous: 0.9741139357951383,
		median_time_from_previous_ms: 270194,
		average_time_from_previous_ms: 5607243,
	},
];

/** The rows of RETENTION_BODY (daily): oldest cohort first, one per interval after the cohort cell. */
const RETENTION_ROWS = [
	['2026-09-14', 0, 120, 44, false],
	['2026-09-14', 1, 120, 30, false],
	['2026-09-14', 2, 120, 0, true],
	['2026-09-15', 0, 98, 31, false],
	['2026-09-15', 1, 98, 0, true],
].map(([date, interval, size, retained, incomplete]) => ({
	series_label: 'All Users',
	cohort_date: date,
	interval,
	interval_label: `Day ${interval}`,
	cohort_size: size,
	retained_users: retained,
	retention_rate: retained / size,
	incomplete,
}));

module.exports = {
	FUNNEL_ROWS,
	RETENTION_ROWS,
	FUNNEL_BODY,
	GROUPED_FUNNEL_BODY,
	RETENTION_BODY,
	SESSIONS_AVERAGE_BODY,
	SESSIONS_PER_USER_BODY,
	SESSIONS_LENGTH_BODY,
	COMPOSITION_BODY,
	SAVED_CHART_CSV,
	SAVED_CHART_BODY,
	SAVED_CHART_PARSED,
};
