'use strict';
// GET /api/2/retention, answered from the stored events.
//
// se (start event) and re (return event) are JSON events. se=_new puts each user in the cohort of
// the period (i: 1 day, 7 weeks, 30 months, as the other charts bucket them) of their first event
// of all, when it falls in the range; any other se puts them in the period of their first start
// event in the range (one cohort per user, as Amplitude counts them). re=_active or _all: any
// event; else that event (filters apply).
// Offsets count intervals (1, 7 or 30 days) from the day of the user's start event; offset 0 only
// counts return events after the start event itself.
//   rm=nday (the default): a user counts at offset N when they returned in [N, N + 1).
//   rm=rolling (unbounded): when they returned at offset N or later.
//   rm=bracket: rb is required, a JSON array of [from, toExclusive] offset pairs, increasing and
//     not overlapping; a user counts in a bracket when they returned in [from, to).
//   rm=n-day, the value Amplitude's docs give, is answered 400 "Invalid retention method.", as
//   Amplitude does.
// Cells: values[label][0] is the cohort {count: size, outof: size}; values[label][N + 1] offset N
// (or bracket N). A cohort lists the offsets that have begun by now() for its first day; a cell is
// incomplete while the last day of the cohort has not been followed through it. `combined` sums
// each cell over the cohorts that have it (incomplete if any is). dates are descending labels
// ("Sep 15, 2026"), datetimes the same periods as YYYY-MM-DD; every period of the range is listed.
// g splits users by the value on their start event, else their current profile value ("(none)"
// when unset): one series per value, most users first, seriesLabels the values ([""] without g).
// Not modelled (400): segments `s`.

const { buckets, dayStart, longDay, DAY_MS } = require('./dates');
const { eventTime, eventsByUser, matchesEvent, checkFilters, asLabel } = require('./event-query');
const {
	fail,
	parseInterval,
	parseRange,
	parseEventParam,
	rejectSegments,
} = require('./dashboard-params');
const { checkUserProperty, valueAt } = require('./user-properties');

const METHODS = ['nday', 'rolling', 'bracket'];

function parseEvent(query, name) {
	const event = parseEventParam(query, name);
	const filterError = checkFilters(event.filters);
	if (filterError) fail(filterError);
	return event;
}

function parseBrackets(query) {
	let brackets;
	try {
		brackets = JSON.parse(query.get('rb') ?? '');
	} catch {
		fail('rm=bracket needs rb, a JSON array of [from, toExclusive] pairs');
	}
	const ok =
		Array.isArray(brackets) &&
		brackets.length > 0 &&
		brackets.every(
			(pair, k) =>
				Array.isArray(pair) &&
				pair.length === 2 &&
				pair.every((n) => Number.isInteger(n) && n >= 0) &&
				pair[0] < pair[1] &&
				(k === 0 || pair[0] >= brackets[k - 1][1]),
		);
	if (!ok) fail(`Invalid rb=${query.get('rb')}; expected increasing [from, toExclusive] pairs`);
	return brackets;
}

/** The user's start event for se, or null when they have none in the range. */
function startEventOf(events, se, range) {
	if (se.event_type === '_new') {
		const first = events[0];
		return first && eventTime(first) >= range.from && eventTime(first) < range.to ? first : null;
	}
	return (
		events.find(
			(e) => eventTime(e) >= range.from && eventTime(e) < range.to && matchesEvent(e, se),
		) ?? null
	);
}

/** The offsets (in intervals) at which a user returned after their start event. */
function returnOffsets(events, start, re, unitMs) {
	const offsets = new Set();
	const startDay = dayStart(eventTime(start));
	for (const e of events) {
		if (eventTime(e) <= eventTime(start)) continue;
		if (!matchesEvent(e, re)) continue;
		offsets.add(Math.floor((dayStart(eventTime(e)) - startDay) / unitMs));
	}
	return offsets;
}

/** The cells of one cohort: [cohort, then one per offset or bracket begun by now]. */
function cohortCells(period, users, method, brackets, unitMs, now) {
	const size = users.length;
	const lastDay = period.to - DAY_MS;
	const cells = [{ count: size, outof: size, incomplete: false }];
	const spans =
		method === 'bracket'
			? brackets
			: Array.from(
					{ length: Math.max(0, Math.floor((now - period.from) / unitMs) + 1) },
					(_, n) => [n, n + 1],
				);
	for (const [from, to] of spans) {
		if (period.from + from * unitMs > now) break;
		const count = users.filter((offsets) =>
			method === 'rolling'
				? [...offsets].some((n) => n >= from)
				: [...offsets].some((n) => n >= from && n < to),
		).length;
		cells.push({ count, outof: size, incomplete: lastDay + to * unitMs > now });
	}
	return cells;
}

function combine(cohorts) {
	const combined = [];
	for (const cells of cohorts) {
		cells.forEach((cell, n) => {
			combined[n] ??= {
				count: 0,
				outof: 0,
				incomplete: false,
				retainedSetId: '',
				dropoffSetId: '',
			};
			combined[n].count += cell.count;
			combined[n].outof += cell.outof;
			combined[n].incomplete ||= cell.incomplete;
		});
	}
	return combined;
}

function retention(query, allEvents, storeApi, now) {
	const se = parseEvent(query, 'se');
	const re = parseEvent(query, 're');
	rejectSegments(query);
	const method = query.get('rm') || 'nday';
	if (!METHODS.includes(method)) fail('Invalid retention method.');
	const brackets = method === 'bracket' ? parseBrackets(query) : null;
	const interval = parseInterval(query, [1, 7, 30]);
	const { start, end } = parseRange(query, interval);
	const g = query.get('g') ? checkUserProperty(query.get('g'), 'g') : null;
	const unitMs = interval * DAY_MS;
	const periods = buckets(start, end, interval);
	const range = { from: periods[0].from, to: periods[periods.length - 1].to };

	// label -> period index -> [offsets of each user]
	const groups = new Map();
	for (const events of eventsByUser(allEvents).values()) {
		const startEvent = startEventOf(events, se, range);
		if (!startEvent) continue;
		const label = g ? asLabel(valueAt(startEvent, g, storeApi)) : '';
		const period = periods.findIndex(
			(p) => eventTime(startEvent) >= p.from && eventTime(startEvent) < p.to,
		);
		if (!groups.has(label))
			groups.set(
				label,
				periods.map(() => []),
			);
		groups.get(label)[period].push(returnOffsets(events, startEvent, re, unitMs));
	}
	if (!groups.size)
		groups.set(
			'',
			periods.map(() => []),
		);

	const series = [...groups]
		.sort(([a, x], [b, y]) => y.flat().length - x.flat().length || a.localeCompare(b))
		.map(([label, byPeriod]) => {
			const cohorts = periods.map((p, k) =>
				cohortCells(p, byPeriod[k], method, brackets, unitMs, now),
			);
			const order = periods.map((_, k) => k).reverse();
			return {
				label,
				dates: order.map((k) => longDay(Date.parse(periods[k].label))),
				datetimes: order.map((k) => periods[k].label),
				values: Object.fromEntries(
					order.map((k) => [longDay(Date.parse(periods[k].label)), cohorts[k]]),
				),
				combined: combine(cohorts),
			};
		});
	return {
		data: {
			series: series.map(({ label, ...rest }) => rest),
			seriesLabels: series.map((s) => s.label),
			seriesMeta: series.map(() => ({ segmentIndex: 0, eventIndex: 0 })),
		},
		timeComputed: now,
		wasCached: false,
	};
}

module.exports = { retention };
