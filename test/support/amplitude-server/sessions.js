'use strict';
// GET /api/2/sessions/average, /api/2/sessions/peruser and /api/2/sessions/length, from the
// events' session_id.
//
// A session is one user's events with one session_id > 0 (a missing or -1 session_id is no
// session). It belongs to the day of its session_id (its start; the stand-in's time zone is UTC)
// and lasts from its first to its last event, capped at 1 day as Amplitude caps sessions.
//   average: mean session length per day in seconds; peruser: sessions per user with a session
//     that day; both rounded to 2 decimals, 0 on days without sessions, seriesCollapsed over the
//     whole range, xValues "YYYY-MM-DDT00:00:00" as Amplitude sends them (its docs say
//     YYYY-MM-DD).
//   length: sessions of the range per Amplitude's default bins [0, 3 s) [3 s, 10 s) [10 s, 30 s)
//     [30 s, 1 min) [1, 3 min) [3, 10 min) [10, 30 min) [30 min, 1 h) [1 h, 1 day]. The custom
//     bin parameters (timeHistogramConfig*) are not modelled (400).

const { buckets, DAY_MS } = require('./dates');
const { eventTime, isAnalyticsEvent } = require('./event-query');
const { fail, parseRange } = require('./dashboard-params');

const BINS = [0, 3_000, 10_000, 30_000, 60_000, 180_000, 600_000, 1_800_000, 3_600_000, DAY_MS];
const BIN_LABELS = [
	'0s-3s',
	'3s-10s',
	'10s-30s',
	'30s-1m',
	'1m-3m',
	'3m-10m',
	'10m-30m',
	'30m-1h',
	'1h-24h',
];

const round2 = (n) => Math.round(n * 100) / 100;

/** Sessions whose start falls in [from, to): { user, start, length }. */
function sessionsBetween(events, from, to) {
	const byKey = new Map();
	for (const e of events) {
		if (!isAnalyticsEvent(e) || !(e.session_id > 0)) continue;
		if (e.session_id < from || e.session_id >= to) continue;
		const key = `${e.amplitude_id}\u0000${e.session_id}`;
		const session = byKey.get(key) ?? {
			user: e.amplitude_id,
			start: e.session_id,
			first: Infinity,
			last: -Infinity,
		};
		session.first = Math.min(session.first, eventTime(e));
		session.last = Math.max(session.last, eventTime(e));
		byKey.set(key, session);
	}
	return [...byKey.values()].map(({ user, start, first, last }) => ({
		user,
		start,
		length: Math.min(last - first, DAY_MS),
	}));
}

const METRICS = {
	average: (sessions) =>
		sessions.length
			? round2(sessions.reduce((sum, s) => sum + s.length, 0) / sessions.length / 1000)
			: 0,
	peruser: (sessions) =>
		sessions.length ? round2(sessions.length / new Set(sessions.map((s) => s.user)).size) : 0,
};

function sessionChart(metric, query, events) {
	const { start, end } = parseRange(query, 1);
	const days = buckets(start, end, 1);
	const all = sessionsBetween(events, start, end + DAY_MS);
	const on = (day) => all.filter((s) => s.start >= day.from && s.start < day.to);
	return {
		data: {
			series: [days.map((day) => METRICS[metric](on(day)))],
			seriesCollapsed: [[{ setId: '', value: METRICS[metric](all) }]],
			seriesMeta: [{ segmentIndex: 0, sessionIndex: 0 }],
			xValues: days.map((day) => `${day.label}T00:00:00`),
		},
	};
}

function sessionLengths(query, events) {
	if ([...query.keys()].some((key) => key.startsWith('timeHistogramConfig')))
		fail('Custom session length bins are not supported by the Amplitude stand-in');
	const { start, end } = parseRange(query, 1);
	const counts = BIN_LABELS.map(() => 0);
	for (const { length } of sessionsBetween(events, start, end + DAY_MS)) {
		const bin = BINS.findIndex(
			(edge, k) => length >= edge && (length < BINS[k + 1] || k === BINS.length - 2),
		);
		counts[bin] += 1;
	}
	return {
		data: {
			series: [counts],
			xValues: BIN_LABELS,
			seriesLabels: [''],
			seriesMeta: [{ segmentIndex: 0 }],
			seriesCollapsed: [[{ setId: '', value: counts.reduce((a, b) => a + b, 0) }]],
		},
	};
}

module.exports = {
	sessionsAverage: (query, events) => sessionChart('average', query, events),
	sessionsPerUser: (query, events) => sessionChart('peruser', query, events),
	sessionLengths,
};
