'use strict';
// GET /api/2/revenue/ltv: revenue lifetime value of the users who were new in each period.
//
// Interpretation (Amplitude does not spell it out): a cohort is the users whose first event
// falls in the period (day/week/month). For each cohort, `count` = users, `paid` = users with
// any revenue event, `total_amount` = all their revenue. r<N>d looks at revenue on the user's
// first N days (day of first use = day 1):
//   m=0 ARPU:   revenue in N days / count        m=1 ARPPU: revenue in N days / users who paid in N days
//   m=2 total:  revenue in N days                m=3 paying users within N days
// Event revenue = price × quantity (quantity defaults to 1) when price is sent, else `revenue`.
// `dates` are descending; every period of the range is listed, also those without users.

const { buckets, dayStart, DAY_MS } = require('./dates');
const { isAnalyticsEvent, revenueOf, eventTime } = require('./event-query');
const { parseInterval, parseRange, parseChoice } = require('./dashboard-params');
const { firstSeen } = require('./active-users');

const DAYS = [1, 2, 3, 4, 5, 6, 7, 14, 30, 60, 90];
const round = (n, places) => Math.round(n * 10 ** places) / 10 ** places;

/** Per-user revenue events: amplitude_id -> [{ day (days since first use), amount }]. */
function revenueByUser(events, first) {
	const byUser = new Map();
	for (const e of events) {
		const amount = revenueOf(e);
		if (amount === null) continue;
		const day = (dayStart(eventTime(e)) - dayStart(first.get(e.amplitude_id))) / DAY_MS;
		if (!byUser.has(e.amplitude_id)) byUser.set(e.amplitude_id, []);
		byUser.get(e.amplitude_id).push({ day, amount });
	}
	return byUser;
}

function cohortValues(cohort, revenues, metric) {
	const values = {};
	for (const n of DAYS) {
		let total = 0;
		let paying = 0;
		for (const id of cohort) {
			const early = (revenues.get(id) ?? []).filter((r) => r.day < n);
			total += early.reduce((sum, r) => sum + r.amount, 0);
			if (early.length) paying += 1;
		}
		const byMetric = [
			cohort.length ? total / cohort.length : 0,
			paying ? total / paying : 0,
			total,
			paying,
		];
		values[`r${n}d`] = round(byMetric[metric], 4);
	}
	const all = cohort.flatMap((id) => revenues.get(id) ?? []);
	values.count = cohort.length;
	values.paid = cohort.filter((id) => revenues.has(id)).length;
	values.total_amount = round(
		all.reduce((sum, r) => sum + r.amount, 0),
		2,
	);
	return values;
}

function revenueLtv(query, allEvents) {
	const metric = Number(parseChoice(query, 'm', ['0', '1', '2', '3'], '0'));
	const interval = parseInterval(query, [1, 7, 30]);
	const { start, end } = parseRange(query, interval);
	const events = allEvents.filter(isAnalyticsEvent);
	const first = firstSeen(events);
	const revenues = revenueByUser(events, first);
	const periods = buckets(start, end, interval);
	const values = {};
	for (const p of periods) {
		const cohort = [...first].filter(([, t]) => t >= p.from && t < p.to).map(([id]) => id);
		values[p.label] = cohortValues(cohort, revenues, metric);
	}
	const dates = periods.map((p) => p.label).reverse();
	return { data: { seriesLabels: [''], series: [{ dates, values }] } };
}

module.exports = { revenueLtv };
