const { mapFunnel, funnelRows } = require('../../dist/nodes/Amplitude/helpers/funnel');
const { FUNNEL_BODY, FUNNEL_ROWS, GROUPED_FUNNEL_BODY } = require('../support/analyticsFixtures');

const STEPS = ['Search Song or Video', 'Select Song or Video', 'Play Song or Video'];

describe('mapFunnel', () => {
	test('data becomes funnels with snake_case keys; numSeries and the diagnostics are dropped', () => {
		const mapped = mapFunnel(FUNNEL_BODY);
		expect(Object.keys(mapped)).toEqual(['funnels']);
		expect(mapped.funnels).toEqual([
			{
				meta: { segment_index: 0 },
				events: STEPS,
				step_by_step: [1.0, 0.9915120144246691, 0.9741139357951383],
				cumulative: [1.0, 0.9915120144246691, 0.9658456707593803],
				cumulative_raw: [163054, 161670, 157485],
				median_trans_times: [0, 166444, 270194],
				avg_trans_times: [0, 2175406, 5607243],
				day_funnels: {
					series: [
						[125259, 123716, 118636],
						[126964, 125373, 119986],
					],
					x_values: ['2017-08-14', '2017-08-15'],
					formatted_x_values: ['Aug 14', 'Aug 15'],
				},
				day_median_trans_times: {
					series: [
						[0, 165548, 264380],
						[0, 164767, 269444],
					],
					x_values: ['2017-08-14', '2017-08-15'],
					formatted_x_values: ['Aug 14', 'Aug 15'],
				},
				day_avg_trans_times: {
					series: [
						[0, 2294365, 5730478],
						[0, 2268879, 5700436],
					],
					x_values: ['2017-08-14', '2017-08-15'],
					formatted_x_values: ['Aug 14', 'Aug 15'],
				},
			},
		]);
	});

	test('no matching data ({data: [], numSeries: 0}, observed) gives no funnels', () => {
		expect(mapFunnel({ data: [], numSeries: 0, wasCached: false })).toEqual({ funnels: [] });
	});

	test.each([null, 'text', { data: {} }, { data: [1, 'x', null] }])(
		'an answer without funnel objects (%j) gives no funnels',
		(body) => {
			expect(mapFunnel(body)).toEqual({ funnels: [] });
		},
	);
});

describe('funnelRows', () => {
	test('one row per step: users, conversion from start and previous, times in ms', () => {
		expect(funnelRows(mapFunnel(FUNNEL_BODY), STEPS, false)).toEqual(FUNNEL_ROWS);
	});

	test('a grouped funnel: rows per group value and step, labelled with the value', () => {
		const rows = funnelRows(mapFunnel(GROUPED_FUNNEL_BODY), ['Sign Up', 'Purchase'], true);
		expect(rows.map((r) => [r.series_label, r.step, r.event_type, r.users])).toEqual([
			['United States', 1, 'Sign Up', 40],
			['United States', 2, 'Purchase', 10],
			['Germany', 1, 'Sign Up', 8],
			['Germany', 2, 'Purchase', 4],
		]);
		expect(rows[3]).toMatchObject({
			conversion_from_start: 0.5,
			median_time_from_previous_ms: 3600000,
			average_time_from_previous_ms: 5400000,
		});
	});

	test('groupValue inside meta, or none at all (a grouped funnel falls back to its index)', () => {
		const chart = {
			funnels: [
				{ meta: { segment_index: 0, group_value: 'iOS' }, cumulative_raw: [2] },
				{ meta: { segment_index: 3 }, cumulative_raw: [1] },
				{ cumulative_raw: [1] },
			],
		};
		expect(funnelRows(chart, ['Open App'], true).map((r) => r.series_label)).toEqual([
			'iOS',
			'3',
			'2',
		]);
	});

	test('steps Amplitude does not name take the requested event; numeric strings become numbers; missing values are null', () => {
		const chart = {
			funnels: [{ cumulative_raw: ['10', 4], cumulative: [1], step_by_step: [] }],
		};
		expect(funnelRows(chart, ['Sign Up', 'Purchase'], false)).toEqual([
			{
				series_label: 'All Users',
				step: 1,
				event_type: 'Sign Up',
				users: 10,
				conversion_from_start: 1,
				conversion_from_previous: null,
				median_time_from_previous_ms: null,
				average_time_from_previous_ms: null,
			},
			{
				series_label: 'All Users',
				step: 2,
				event_type: 'Purchase',
				users: 4,
				conversion_from_start: null,
				conversion_from_previous: null,
				median_time_from_previous_ms: null,
				average_time_from_previous_ms: null,
			},
		]);
	});

	test('no funnels, no rows', () => {
		expect(funnelRows({ funnels: [] }, ['a', 'b'], false)).toEqual([]);
	});
});
