const {
	mapSegmentation,
	mapActiveUsers,
	mapRealtime,
	mapRevenue,
	mapListEvents,
	mapUserSearch,
	mapActivity,
	mapProfile,
	labelText,
	toRows,
} = require('../../dist/nodes/Amplitude/helpers/responses');

// Bodies from amplitude-api.md, shared with the wire tests.
const {
	SEGMENTATION_BODY: SEGMENTATION,
	ACTIVE_USERS_BODY: ACTIVE_USERS,
	REALTIME_BODY: REALTIME,
} = require('../support/fixtures');
const REVENUE = {
	data: {
		seriesLabels: [''],
		series: [
			{
				dates: ['2021-10-04', '2021-10-03'],
				values: {
					'2021-10-03': {
						r1d: 9.99,
						r2d: 19.98,
						r90d: 742.52,
						count: 110,
						paid: 37,
						total_amount: 781.39,
					},
				},
			},
		],
	},
};

describe('mapSegmentation', () => {
	test('camelCase keys become snake_case keys', () => {
		expect(mapSegmentation(SEGMENTATION)).toEqual({
			series: [
				[120, 134],
				[80, 75],
			],
			series_labels: [
				[0, 'United States'],
				[0, 'Germany'],
			],
			series_collapsed: [[{ setId: '', value: 254 }], [{ setId: '', value: 155 }]],
			x_values: ['2024-08-01', '2024-08-02'],
		});
	});

	test('extra keys are dropped and missing ones become []', () => {
		expect(mapSegmentation({ data: { series: [[1]], seriesMeta: [{ segmentIndex: 0 }] } })).toEqual(
			{
				series: [[1]],
				series_labels: [],
				series_collapsed: [],
				x_values: [],
			},
		);
		expect(mapSegmentation(undefined)).toEqual({
			series: [],
			series_labels: [],
			series_collapsed: [],
			x_values: [],
		});
		expect(mapSegmentation('oops')).toEqual({
			series: [],
			series_labels: [],
			series_collapsed: [],
			x_values: [],
		});
	});
});

test('mapActiveUsers', () => {
	expect(mapActiveUsers(ACTIVE_USERS)).toEqual({
		series: [
			[46109, 47542],
			[42845, 42626],
		],
		series_meta: ['United States', 'Canada'],
		x_values: ['2017-08-14', '2017-08-15'],
	});
	expect(
		mapActiveUsers({
			data: {
				series: [[1]],
				seriesMeta: [{ segmentIndex: 0 }],
				seriesLabels: [0],
				xValues: ['2026-11-01'],
			},
		}),
	).toEqual({
		series: [[1]],
		series_meta: [{ segmentIndex: 0 }],
		x_values: ['2026-11-01'],
	});
});

test('mapRealtime', () => {
	expect(mapRealtime(REALTIME)).toEqual({
		series: [
			[123, 144, 101],
			[139, 111, 180],
		],
		series_labels: ['Today', 'Yesterday'],
		x_values: ['15:00', '15:05', '15:10'],
	});
});

describe('mapRevenue', () => {
	test('descending dates become ascending x_values, one series per metric key, null for missing points', () => {
		expect(mapRevenue(REVENUE)).toEqual({
			x_values: ['2021-10-03', '2021-10-04'],
			series_labels: ['r1d', 'r2d', 'r90d', 'count', 'paid', 'total_amount'],
			series: [
				[9.99, null],
				[19.98, null],
				[742.52, null],
				[110, null],
				[37, null],
				[781.39, null],
			],
		});
	});

	test('segments are labelled and aligned on the union of dates; numeric strings become numbers', () => {
		const body = {
			data: {
				seriesLabels: ['Paying', [0, 'Germany']],
				series: [
					{
						dates: ['2026-11-03', '2026-11-02', '2026-11-01'],
						values: {
							'2026-11-03': { r1d: 3, count: 30 },
							'2026-11-01': { r1d: '1.5', count: 10 },
						},
					},
					{
						dates: ['2026-11-02'],
						values: { '2026-11-02': { r1d: 7 } },
					},
				],
			},
		};
		expect(mapRevenue(body)).toEqual({
			x_values: ['2026-11-01', '2026-11-02', '2026-11-03'],
			series_labels: ['Paying: r1d', 'Paying: count', 'Germany: r1d'],
			series: [
				[1.5, null, 3],
				[10, null, 30],
				[null, 7, null],
			],
		});
	});

	test('a key present on only some dates is null elsewhere; dates only in values count', () => {
		const body = {
			data: {
				series: [
					{
						dates: ['2026-11-02'],
						values: { '2026-11-02': { r1d: 1 }, '2026-11-01': { r1d: 0, paid: 2 } },
					},
				],
			},
		};
		expect(mapRevenue(body)).toEqual({
			x_values: ['2026-11-01', '2026-11-02'],
			series_labels: ['r1d', 'paid'],
			series: [
				[0, 1],
				[2, null],
			],
		});
	});

	test('an empty answer', () => {
		expect(mapRevenue({ data: { seriesLabels: [], series: [] } })).toEqual({
			series: [],
			series_labels: [],
			x_values: [],
		});
		expect(mapRevenue({})).toEqual({ series: [], series_labels: [], x_values: [] });
	});
});

describe('mapListEvents', () => {
	test('display becomes display_name, the rest is kept', () => {
		const body = {
			data: [
				{
					non_active: false,
					value: 'Add Content to Cart',
					totals: 1505645,
					deleted: false,
					flow_hidden: false,
					hidden: false,
					display: 'Add Content to Cart',
				},
				{ value: 'signup', totals: '12', display: 'Sign Up' },
			],
		};
		expect(mapListEvents(body)).toEqual({
			events: [
				{
					non_active: false,
					value: 'Add Content to Cart',
					totals: 1505645,
					deleted: false,
					flow_hidden: false,
					hidden: false,
					display_name: 'Add Content to Cart',
				},
				{ value: 'signup', totals: 12, display_name: 'Sign Up', hidden: null, deleted: null },
			],
		});
	});

	test('missing fields are null; non-objects and bad bodies are skipped', () => {
		expect(mapListEvents({ data: [{}, 'x', null] })).toEqual({
			events: [{ value: null, display_name: null, totals: null, hidden: null, deleted: null }],
		});
		expect(mapListEvents({ data: {} })).toEqual({ events: [] });
		expect(mapListEvents(null)).toEqual({ events: [] });
	});
});

describe('mapUserSearch', () => {
	test('matches and type', () => {
		expect(
			mapUserSearch({
				matches: [{ user_id: 'myusername', amplitude_id: 12345 }],
				type: 'match_user_or_device_id',
			}),
		).toEqual({
			matches: [{ user_id: 'myusername', amplitude_id: 12345 }],
			type: 'match_user_or_device_id',
		});
	});

	test('no match', () => {
		expect(mapUserSearch({ type: 'nomatch', matches: [] })).toEqual({
			matches: [],
			type: 'nomatch',
		});
	});

	test('missing fields are null, extra match fields kept', () => {
		expect(mapUserSearch({ matches: [{ amplitude_id: 1, device_id: 'd-1' }, 3] })).toEqual({
			matches: [{ amplitude_id: 1, device_id: 'd-1', user_id: null }],
			type: null,
		});
	});
});

describe('mapActivity', () => {
	test('userData becomes user_data, events are kept', () => {
		const userData = {
			user_id: 'user-42',
			canonical_amplitude_id: 987,
			num_events: 2,
			last_location: { lat: 1, lng: 2 },
			properties: { plan: 'pro' },
		};
		const events = [
			{
				event_type: 'signup',
				event_time: '2026-11-01 10:00:00.000000',
				$insert_id: 'a',
				amplitude_id: 987,
			},
			{
				event_type: 'login',
				event_time: '2026-11-02 10:00:00.000000',
				$insert_id: 'b',
				amplitude_id: 987,
			},
		];
		expect(mapActivity({ userData, events })).toEqual({ events, user_data: userData });
	});

	test('missing parts', () => {
		expect(mapActivity({ events: [null, 'x'] })).toEqual({ events: [], user_data: null });
		expect(mapActivity(undefined)).toEqual({ events: [], user_data: null });
	});
});

describe('mapProfile', () => {
	test('the documented answer', () => {
		const body = {
			userData: {
				recommendations: null,
				user_id: '12345',
				device_id: 'ffff-ffff-ffff-ffff',
				amp_props: {
					library: 'http/1.0',
					first_used: '2020-01-13',
					last_used: '2021-03-24',
					number_property: 12,
				},
				cohort_ids: ['cohort1', 'cohort3'],
			},
		};
		expect(mapProfile(body)).toEqual({
			user_id: '12345',
			device_id: 'ffff-ffff-ffff-ffff',
			amp_props: {
				library: 'http/1.0',
				first_used: '2020-01-13',
				last_used: '2021-03-24',
				number_property: 12,
			},
			cohort_ids: ['cohort1', 'cohort3'],
			computations: null,
		});
	});

	test('only the documented keys: extras such as recommendations and propensity are left out', () => {
		const body = {
			userData: {
				user_id: 'u-12345',
				device_id: null,
				amp_props: { plan: 'pro' },
				cohort_ids: [],
				computations: { c1: '3' },
				recommendations: [],
				propensity: 0.4,
			},
		};
		expect(mapProfile(body)).toEqual({
			user_id: 'u-12345',
			device_id: null,
			amp_props: { plan: 'pro' },
			cohort_ids: [],
			computations: { c1: '3' },
		});
	});

	test('missing userData gives nulls', () => {
		expect(mapProfile({ error: 'x' })).toEqual({
			user_id: null,
			device_id: null,
			amp_props: null,
			cohort_ids: null,
			computations: null,
		});
	});
});

describe('labelText', () => {
	test.each([
		[[0, 'United States'], 'United States'],
		[[1, 'gp:plan', 'pro'], 'pro'],
		[[3], '3'],
		[[], ''],
		[0, '0'],
		[2, '2'],
		['Today', 'Today'],
		['', ''],
		[null, ''],
		[undefined, ''],
		[{ segmentIndex: 1 }, '1'],
		[{ other: 'x' }, '{"other":"x"}'],
	])('%j → %j', (label, expected) => {
		expect(labelText(label)).toBe(expected);
	});
});

describe('toRows', () => {
	test('segmentation with group-by labels', () => {
		expect(toRows(mapSegmentation(SEGMENTATION))).toEqual([
			{ date: '2024-08-01', series_label: 'United States', value: 120 },
			{ date: '2024-08-02', series_label: 'United States', value: 134 },
			{ date: '2024-08-01', series_label: 'Germany', value: 80 },
			{ date: '2024-08-02', series_label: 'Germany', value: 75 },
		]);
	});

	test('active users labelled from series_meta', () => {
		expect(toRows(mapActiveUsers(ACTIVE_USERS))).toEqual([
			{ date: '2017-08-14', series_label: 'United States', value: 46109 },
			{ date: '2017-08-15', series_label: 'United States', value: 47542 },
			{ date: '2017-08-14', series_label: 'Canada', value: 42845 },
			{ date: '2017-08-15', series_label: 'Canada', value: 42626 },
		]);
	});

	test('realtime with string labels', () => {
		expect(toRows(mapRealtime(REALTIME))).toEqual([
			{ date: '15:00', series_label: 'Today', value: 123 },
			{ date: '15:05', series_label: 'Today', value: 144 },
			{ date: '15:10', series_label: 'Today', value: 101 },
			{ date: '15:00', series_label: 'Yesterday', value: 139 },
			{ date: '15:05', series_label: 'Yesterday', value: 111 },
			{ date: '15:10', series_label: 'Yesterday', value: 180 },
		]);
	});

	test('revenue rows keep nulls', () => {
		expect(toRows(mapRevenue(REVENUE)).slice(0, 2)).toEqual([
			{ date: '2021-10-03', series_label: 'r1d', value: 9.99 },
			{ date: '2021-10-04', series_label: 'r1d', value: null },
		]);
	});

	test('numbers as numbers from numeric strings and {value} points; number and object labels', () => {
		const chart = {
			series: [['12', { setId: '', value: '3.5' }, 'n/a'], [{ value: 7 }]],
			series_labels: [0, { segmentIndex: 4 }],
			x_values: ['2026-11-01', '2026-11-02', '2026-11-03'],
		};
		expect(toRows(chart)).toEqual([
			{ date: '2026-11-01', series_label: '0', value: 12 },
			{ date: '2026-11-02', series_label: '0', value: 3.5 },
			{ date: '2026-11-03', series_label: '0', value: 'n/a' },
			{ date: '2026-11-01', series_label: '4', value: 7 },
		]);
	});

	test('missing labels fall back to the series index, missing dates to the point index', () => {
		expect(toRows({ series: [[1, 2], [3]], series_labels: [], x_values: ['2026-11-01'] })).toEqual([
			{ date: '2026-11-01', series_label: '0', value: 1 },
			{ date: '1', series_label: '0', value: 2 },
			{ date: '2026-11-01', series_label: '1', value: 3 },
		]);
	});

	test('no series, no rows', () => {
		expect(toRows({ series: [], series_labels: [], x_values: ['2026-11-01'] })).toEqual([]);
		expect(toRows({})).toEqual([]);
	});
});
