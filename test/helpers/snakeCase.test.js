const { toSnakeCase, snakeKeys } = require('../../dist/nodes/Amplitude/helpers/snakeCase');

describe('toSnakeCase', () => {
	test.each([
		['seriesLabels', 'series_labels'],
		['avgTransTimes', 'avg_trans_times'],
		['cumulativeRaw', 'cumulative_raw'],
		['segmentIndex', 'segment_index'],
		['series', 'series'],
		['already_snake', 'already_snake'],
		// Not camelCase identifiers: left as they are.
		['Sep 15, 2026', 'Sep 15, 2026'],
		['DMA', 'DMA'],
		['(none)', '(none)'],
	])('%s → %s', (key, expected) => {
		expect(toSnakeCase(key)).toBe(expected);
	});
});

describe('snakeKeys', () => {
	test('converts keys at every depth, in arrays too, and leaves values alone', () => {
		expect(
			snakeKeys({
				dayFunnels: { xValues: ['2026-01-01'], formattedXValues: ['Jan 1'] },
				seriesMeta: [{ segmentIndex: 0, eventIndex: 1 }],
				label: 'camelCaseValue',
			}),
		).toEqual({
			day_funnels: { x_values: ['2026-01-01'], formatted_x_values: ['Jan 1'] },
			series_meta: [{ segment_index: 0, event_index: 1 }],
			label: 'camelCaseValue',
		});
	});

	test('keys of data-keyed objects stay as they are, their values are converted', () => {
		const values = { iPhone: [{ retainedSetId: '' }], 'Sep 15, 2026': [{ count: 1 }] };
		expect(snakeKeys({ values, otherMap: { iPhone: 1 } }, new Set(['values']))).toEqual({
			values: { iPhone: [{ retained_set_id: '' }], 'Sep 15, 2026': [{ count: 1 }] },
			other_map: { i_phone: 1 },
		});
	});

	test('does not change its input', () => {
		const input = { seriesLabels: [{ segmentIndex: 0 }] };
		snakeKeys(input);
		expect(input).toEqual({ seriesLabels: [{ segmentIndex: 0 }] });
	});

	test('scalars and null pass through', () => {
		expect(snakeKeys(null)).toBeNull();
		expect(snakeKeys(3)).toBe(3);
		expect(snakeKeys('x')).toBe('x');
	});
});
