'use strict';
// GET /api/2/users (active or new users per day/week/month) and GET /api/2/realtime.
//
// /users: "active" = distinct users with any event in the period; "new" = users whose first
// event falls in the period. seriesMeta is ["All Users"] (one segment, D-DASH's string form).
// /realtime: i must be 5 (the default). 288 five-minute buckets ending with the bucket that
// holds now() (UTC "HH:mm" labels); "Today" counts distinct users per bucket, "Yesterday"
// counts the same bucket 24 hours earlier.

const { buckets, hhmm, DAY_MS } = require('./dates');
const { eventTime, isAnalyticsEvent } = require('./event-query');
const { fail, parseInterval, parseRange, parseChoice } = require('./dashboard-params');

const FIVE_MINUTES = 300_000;

function distinctUsersBetween(events, from, to) {
	const ids = new Set();
	for (const e of events) if (eventTime(e) >= from && eventTime(e) < to) ids.add(e.amplitude_id);
	return ids.size;
}

/** amplitude_id -> time of that user's first event. */
function firstSeen(events) {
	const first = new Map();
	for (const e of events) {
		const t = eventTime(e);
		if (!first.has(e.amplitude_id) || t < first.get(e.amplitude_id)) first.set(e.amplitude_id, t);
	}
	return first;
}

function activeUsers(query, allEvents) {
	const metric = parseChoice(query, 'm', ['active', 'new'], 'active');
	const interval = parseInterval(query, [1, 7, 30]);
	const { start, end } = parseRange(query, interval);
	const events = allEvents.filter(isAnalyticsEvent);
	const periods = buckets(start, end, interval);
	const first = [...firstSeen(events).values()];
	const series = periods.map((p) =>
		metric === 'active'
			? distinctUsersBetween(events, p.from, p.to)
			: first.filter((t) => t >= p.from && t < p.to).length,
	);
	return {
		data: { series: [series], seriesMeta: ['All Users'], xValues: periods.map((p) => p.label) },
	};
}

function realtime(query, allEvents, now) {
	const interval = query.get('i');
	if (interval !== null && interval !== '5')
		fail(`Invalid interval i=${interval}; realtime supports only i=5`);
	const events = allEvents.filter(isAnalyticsEvent);
	const last = Math.floor(now / FIVE_MINUTES) * FIVE_MINUTES;
	const starts = Array.from(
		{ length: DAY_MS / FIVE_MINUTES },
		(_, k) => last - (287 - k) * FIVE_MINUTES,
	);
	const countAt = (offset) =>
		starts.map((s) => distinctUsersBetween(events, s - offset, s - offset + FIVE_MINUTES));
	return {
		data: {
			xValues: starts.map(hhmm),
			seriesLabels: ['Today', 'Yesterday'],
			series: [countAt(0), countAt(DAY_MS)],
		},
	};
}

module.exports = { activeUsers, realtime, firstSeen };
