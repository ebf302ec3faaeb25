'use strict';
// What the CLI e2e checks for examples/05-events-and-segmentation.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const {
	WRITERS,
	sum,
	DAYS,
	single,
	assertChart,
	assertRows,
	assertReads,
	segmentationE,
} = require('../checks');

module.exports = {
	readsFrom: WRITERS,
	check: ({ output, store }) => {
		const list = single(output, 'List events', ['events']);
		const counts = {};
		for (const e of store.events) counts[e.event_type] = (counts[e.event_type] ?? 0) + 1;
		assert.deepEqual(
			list.events.map((e) => [e.value, e.display_name, e.totals]),
			Object.keys(counts)
				.sort()
				.map((k) => [k, k, counts[k]]),
		);
		assert.deepEqual(Object.keys(counts).sort(), [
			'Open App',
			'Purchase',
			'Search',
			'Sign Up',
			'View Item',
		]);

		const byCountry = single(output, 'Open App users by country', [
			'series',
			'series_labels',
			'series_collapsed',
			'x_values',
		]);
		assertChart(byCountry, 'Open App users by country');
		assert.deepEqual(byCountry.series_labels.map((l) => l[1]).sort(), [
			'Brazil',
			'France',
			'Germany',
			'Japan',
			'United States',
		]);
		assert.deepEqual(
			byCountry.series_collapsed.map((c) => c[0].value),
			[6, 6, 6, 6, 6],
			'6 users per country opened the app',
		);

		const viewRows = assertRows(
			output('Daily View Item totals (rows)'),
			'Daily View Item totals (rows)',
		);
		assert.deepEqual(
			viewRows.map((r) => r.date),
			DAYS,
			'one row per day',
		);
		assert.equal(
			sum(viewRows.map((r) => r.value)),
			counts['View Item'],
			'the rows add up to every View Item event',
		);

		const productRows = assertRows(
			output('Weekly purchases by product (rows)'),
			'Weekly purchases by product (rows)',
		);
		assert.deepEqual([...new Set(productRows.map((r) => r.series_label))].sort(), [
			'pro-monthly',
			'team-monthly',
		]);
		assert.equal(sum(productRows.map((r) => r.value)), 20);

		assertReads(store, [
			{ path: '/api/2/events/list', query: {} },
			{
				path: '/api/2/events/segmentation',
				query: segmentationE({
					m: 'uniques',
					i: '1',
					e: { event_type: 'Open App', group_by: [{ type: 'user', value: 'country' }] },
					limit: '10',
				}),
			},
			{
				path: '/api/2/events/segmentation',
				query: segmentationE({
					m: 'totals',
					i: '1',
					e: { event_type: 'View Item' },
					limit: '50',
				}),
			},
			{
				path: '/api/2/events/segmentation',
				query: segmentationE({
					m: 'totals',
					i: '7',
					e: { event_type: 'Purchase', group_by: [{ type: 'user', value: 'gp:last_product' }] },
					limit: '50',
				}),
			},
		]);
	},
};
