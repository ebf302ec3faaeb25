'use strict';
// What the CLI e2e checks for examples/06-active-users-and-revenue.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const {
	WRITERS,
	sum,
	round2,
	LAST_WEEK,
	TODAY,
	DAYS,
	PURCHASE_REVENUE,
	single,
	assertChart,
	assertRows,
	assertReads,
} = require('../checks');

module.exports = {
	readsFrom: WRITERS,
	check: ({ output, store }) => {
		const active = single(output, 'Active users', ['series', 'series_meta', 'x_values']);
		assertChart(active, 'Active users', { labels: 'series_meta' });
		assert.deepEqual(active.series_meta, ['All Users']);
		assert.equal(Math.max(...active.series[0]), 30, 'all 30 users were active on some day');

		const newRows = assertRows(output('New users (rows)'), 'New users (rows)');
		assert.deepEqual(
			newRows.map((r) => [r.date, r.series_label]),
			DAYS.map((d) => [d, 'All Users']),
		);
		assert.equal(sum(newRows.map((r) => r.value)), 30, '30 new users in the week');

		const realtime = single(output, 'Realtime active users', [
			'series',
			'series_labels',
			'x_values',
		]);
		assertChart(realtime, 'Realtime active users', { days: null });
		assert.deepEqual(realtime.series_labels, ['Today', 'Yesterday']);
		assert.equal(realtime.x_values.length, 288, '5-minute buckets over a day');
		assert.ok(realtime.x_values.every((x) => /^\d\d:\d\d$/.test(x)));
		// 01 sends them 30 to 1 minutes before it runs: 7 buckets hold them, 8 when this read falls
		// into the next 5-minute bucket.
		assert.ok(
			sum(realtime.series[0].slice(-8)) >= 30,
			'the 30 users of the last half hour show up',
		);

		const revenue = single(output, 'Revenue LTV', ['series', 'series_labels', 'x_values']);
		assertChart(revenue, 'Revenue LTV');
		for (const label of ['r1d', 'r7d', 'r30d', 'r90d', 'count', 'paid', 'total_amount'])
			assert.ok(revenue.series_labels.includes(label), `revenue has ${label}`);
		const series = (label) => revenue.series[revenue.series_labels.indexOf(label)];
		assert.equal(
			round2(sum(series('total_amount'))),
			PURCHASE_REVENUE,
			'total_amount adds up to every purchase',
		);
		assert.equal(sum(series('count')), 30, 'every user is in a cohort');
		assert.equal(sum(series('paid')), 10, '10 paying users');

		assertReads(store, [
			{ path: '/api/2/users', query: { start: LAST_WEEK, end: TODAY, m: 'active', i: '1' } },
			{ path: '/api/2/users', query: { start: LAST_WEEK, end: TODAY, m: 'new', i: '1' } },
			{ path: '/api/2/realtime', query: { i: '5' } },
			{ path: '/api/2/revenue/ltv', query: { start: LAST_WEEK, end: TODAY, m: '2', i: '1' } },
		]);
	},
};
