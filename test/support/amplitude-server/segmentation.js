'use strict';
// GET /api/2/events/segmentation, answered from the stored events.
//
// Metrics: uniques, totals, pct_dau (uniques / active users × 100), average (totals / uniques),
// sums and value_avg (of the event property named by e.group_by[0], which is then not used to
// split the series), formula (UNIQUES/TOTALS/AVERAGE/PCT_DAU of A = e and B = e2). histogram is
// not modelled: 400. With a user/event group_by the series are split by its value ("(none)"
// when unset); labels of two group_by entries are joined with "; ". The `limit` keeps the
// largest groups. xValues: YYYY-MM-DD (daily, weekly = Sunday, monthly = 1st),
// YYYY-MM-DDTHH:00:00 (hourly), YYYY-MM-DDTHH:mm:00 (5-minute).

const { buckets } = require('./dates');
const {
	eventTime,
	isAnalyticsEvent,
	matchesEventType,
	passesFilters,
	checkFilters,
	propertyValue,
	asLabel,
} = require('./event-query');
const {
	fail,
	parseInterval,
	parseRange,
	parseChoice,
	parseIntParam,
	parseEventParam,
} = require('./dashboard-params');
const { compileFormula } = require('./formula');

const METRICS = [
	'uniques',
	'totals',
	'pct_dau',
	'average',
	'histogram',
	'sums',
	'value_avg',
	'formula',
];
const PROPERTY_METRICS = ['sums', 'value_avg'];
const INTERVALS = [1, 7, 30, -3600000, -300000];

const round = (n) => Math.round(n * 10000) / 10000;
const uniques = (events) => new Set(events.map((e) => e.amplitude_id)).size;

/** Value of one metric over a list of events; `active` = all analytics events of the same period. */
function metricValue(metric, events, active, property) {
	switch (metric) {
		case 'uniques':
			return uniques(events);
		case 'totals':
			return events.length;
		case 'average':
			return events.length ? round(events.length / uniques(events)) : 0;
		case 'pct_dau': {
			const dau = uniques(active);
			return dau ? round((uniques(events) / dau) * 100) : 0;
		}
		default: {
			const values = events
				.map((e) => Number(propertyValue(e, property.type ?? 'event', property.value)))
				.filter(Number.isFinite);
			const sum = values.reduce((a, b) => a + b, 0);
			if (metric === 'sums') return round(sum);
			return values.length ? round(sum / values.length) : 0;
		}
	}
}

function selectEvents(all, definition, range) {
	const filterError = checkFilters(definition.filters);
	if (filterError) fail(filterError);
	return all.filter((e) => {
		const t = eventTime(e);
		return (
			t >= range.from &&
			t < range.to &&
			matchesEventType(e, definition.event_type) &&
			passesFilters(e, definition.filters)
		);
	});
}

const within = (events, b) => events.filter((e) => eventTime(e) >= b.from && eventTime(e) < b.to);

/** Splits events by the group_by values; without group_by there is one group labelled 0. */
function splitGroups(events, groupBy) {
	if (!groupBy.length) return [[null, events]];
	const groups = new Map();
	for (const e of events) {
		const label = groupBy
			.map((g) => asLabel(propertyValue(e, g.type ?? 'user', g.value)))
			.join('; ');
		if (!groups.has(label)) groups.set(label, []);
		groups.get(label).push(e);
	}
	return [...groups];
}

function segmentation(query, allEvents) {
	const e = parseEventParam(query, 'e');
	const metric = parseChoice(query, 'm', METRICS, 'uniques');
	if (metric === 'histogram') fail('m=histogram is not supported by the Amplitude stand-in');
	const interval = parseInterval(query, INTERVALS);
	const { start, end } = parseRange(query, interval);
	const limit = parseIntParam(query, 'limit', { min: 1, max: 1000, fallback: 100 });
	const bucketList = buckets(start, end, interval);
	const range = { from: bucketList[0].from, to: bucketList[bucketList.length - 1].to };
	const active = allEvents.filter(isAnalyticsEvent);
	const events = selectEvents(allEvents, e, range);
	const groupBy = e.group_by ?? [];

	let valueOf;
	let groups;
	if (metric === 'formula') {
		const formula = query.get('formula') || fail('m=formula needs a formula parameter');
		const e2 = parseEventParam(query, 'e2', false);
		const sets = { A: events, B: e2 ? selectEvents(allEvents, e2, range) : [] };
		const evaluate = compileFormula(formula, ['UNIQUES', 'TOTALS', 'AVERAGE', 'PCT_DAU']);
		const fns = { UNIQUES: 'uniques', TOTALS: 'totals', AVERAGE: 'average', PCT_DAU: 'pct_dau' };
		valueOf = (_, period) =>
			round(
				evaluate((fn, name) =>
					metricValue(fns[fn], within(sets[name], period), within(active, period)),
				),
			);
		groups = [[null, events]];
	} else if (PROPERTY_METRICS.includes(metric)) {
		if (!groupBy.length) fail(`m=${metric} needs a property in e.group_by`);
		valueOf = (list, period) =>
			metricValue(metric, within(list, period), within(active, period), groupBy[0]);
		groups = [[null, events]];
	} else {
		valueOf = (list, period) => metricValue(metric, within(list, period), within(active, period));
		groups = splitGroups(events, groupBy);
	}

	const rows = groups
		.map(([label, list]) => ({
			label,
			series: bucketList.map((b) => valueOf(list, b)),
			total: valueOf(list, range),
		}))
		.sort((a, b) => b.total - a.total)
		.slice(0, limit);
	return {
		data: {
			series: rows.map((r) => r.series),
			seriesLabels: rows.map((r) => (r.label === null ? 0 : [0, r.label])),
			seriesCollapsed: rows.map((r) => [{ setId: '', value: r.total }]),
			xValues: bucketList.map((b) => b.label),
		},
	};
}

module.exports = { segmentation };
