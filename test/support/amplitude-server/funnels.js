'use strict';
// GET /api/2/funnels, answered from the stored events.
//
// Steps: one `e` per step (a repeated query key), at least 2. A user enters with their first
// step-1 event inside [start, end]; n=new keeps only users first seen (first event of all) inside
// the range. The conversion window cs (seconds, default 2592000 = 30 days) starts at the entering
// event; later steps may fall after `end` while inside it.
//   ordered (default): each next step is the user's first event of that step at or after the
//     previous step's event, other events in between allowed.
//   sequential: each next step must be the user's very next analytics event.
//   unordered: cs is rounded down to whole days (as Amplitude does). The window starts at the
//     user's first event of any step inside the range; a user reaches step k when every one of
//     steps 1..k happened in the window, in any order, at the time the last of them first did.
// Times: per user, ms from the previous step (0 for step 1); medianTransTimes (the middle value,
// or the mean of the middle two, rounded) and avgTransTimes (rounded) over the users who reached
// the step. g (one user property, gp: for custom ones; others: 400 "Invalid user property")
// splits users by the value on their entering event, else their current profile value
// ("(none)" when unset): one funnel per value, most entering users first (then by name), at most
// `limit` (default 100, max 1000), each with `groupValue` (where Amplitude names a group value is
// not documented). dayFunnels and the day*TransTimes split users by the interval bucket (`i`)
// of their entering event. Event filters work as in segmentation. Not modelled (400): segments
// `s` and per-step group_by. Nobody entering gives {data: [], numSeries: 0}, as observed.

const { buckets, shortDay, DAY_MS } = require('./dates');
const { eventTime, eventsByUser, matchesEvent, checkFilters, asLabel } = require('./event-query');
const {
	fail,
	parseInterval,
	parseRange,
	parseChoice,
	parseIntParam,
	parseEventJson,
	rejectSegments,
} = require('./dashboard-params');
const { firstSeen } = require('./active-users');
const { checkUserProperty, valueAt } = require('./user-properties');

const DEFAULT_WINDOW_SECONDS = 2_592_000;

function parseSteps(query) {
	const steps = query.getAll('e').map((raw, k) => parseEventJson(raw, `e (step ${k + 1})`));
	if (steps.length < 2) fail('A funnel needs at least 2 steps: one e parameter per step');
	for (const step of steps) {
		if (step.group_by !== undefined)
			fail('Per-step group_by is not supported by the Amplitude stand-in; use g');
		const filterError = checkFilters(step.filters);
		if (filterError) fail(filterError);
	}
	return steps;
}

/** Times at which the user reached steps 1, 2, … (as far as they got), or null if they never entered. */
const WALKS = {
	ordered(events, steps, inRange, windowMs) {
		let index = events.findIndex((e) => inRange(e) && matchesEvent(e, steps[0]));
		if (index < 0) return null;
		const enter = events[index];
		const deadline = eventTime(enter) + windowMs;
		const times = [eventTime(enter)];
		for (const step of steps.slice(1)) {
			const next = events.findIndex(
				(e, j) => j > index && eventTime(e) <= deadline && matchesEvent(e, step),
			);
			if (next < 0) break;
			times.push(eventTime(events[next]));
			index = next;
		}
		return { enter, times };
	},
	sequential(events, steps, inRange, windowMs) {
		const index = events.findIndex((e) => inRange(e) && matchesEvent(e, steps[0]));
		if (index < 0) return null;
		const enter = events[index];
		const deadline = eventTime(enter) + windowMs;
		const times = [eventTime(enter)];
		for (let k = 1; k < steps.length; k++) {
			const next = events[index + k];
			if (!next || eventTime(next) > deadline || !matchesEvent(next, steps[k])) break;
			times.push(eventTime(next));
		}
		return { enter, times };
	},
	unordered(events, steps, inRange, windowMs) {
		const anchor = events.find((e) => inRange(e) && steps.some((step) => matchesEvent(e, step)));
		if (!anchor) return null;
		const from = eventTime(anchor);
		const inWindow = events.filter((e) => eventTime(e) >= from && eventTime(e) <= from + windowMs);
		const firsts = steps.map((step) => inWindow.find((e) => matchesEvent(e, step)));
		if (!firsts[0]) return null;
		const times = [];
		for (const first of firsts) {
			if (!first) break;
			times.push(Math.max(eventTime(first), times[times.length - 1] ?? 0));
		}
		return { enter: firsts[0], times };
	},
};

function median(values) {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return Math.round(sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
}
const mean = (values) =>
	values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : 0;

/** Counts, conversion and times of one set of funnel walks. */
function stepStats(walks, stepCount) {
	const users = [];
	const medians = [];
	const averages = [];
	for (let k = 0; k < stepCount; k++) {
		const reached = walks.filter((w) => w.times.length > k);
		users.push(reached.length);
		const gaps = k === 0 ? [] : reached.map((w) => w.times[k] - w.times[k - 1]);
		medians.push(median(gaps));
		averages.push(mean(gaps));
	}
	const ratio = (a, b) => (b ? a / b : 0);
	return {
		cumulativeRaw: users,
		cumulative: users.map((n) => ratio(n, users[0])),
		stepByStep: users.map((n, k) => (k === 0 ? ratio(n, n) : ratio(n, users[k - 1]))),
		medianTransTimes: medians,
		avgTransTimes: averages,
	};
}

function funnelOf(steps, walks, bucketList, groupValue) {
	const stats = stepStats(walks, steps.length);
	const days = bucketList.map((b) =>
		stepStats(
			walks.filter((w) => eventTime(w.enter) >= b.from && eventTime(w.enter) < b.to),
			steps.length,
		),
	);
	const xValues = bucketList.map((b) => b.label);
	const formattedXValues = bucketList.map((b) => shortDay(b.from));
	const perDay = (key) => ({ series: days.map((d) => d[key]), xValues, formattedXValues });
	return {
		meta: { segmentIndex: 0 },
		...(groupValue === undefined ? {} : { groupValue }),
		events: steps.map((step) => step.event_type),
		stepByStep: stats.stepByStep,
		cumulative: stats.cumulative,
		cumulativeRaw: stats.cumulativeRaw,
		medianTransTimes: stats.medianTransTimes,
		avgTransTimes: stats.avgTransTimes,
		dayFunnels: perDay('cumulativeRaw'),
		dayMedianTransTimes: perDay('medianTransTimes'),
		dayAvgTransTimes: perDay('avgTransTimes'),
	};
}

function funnels(query, allEvents, storeApi, now) {
	const steps = parseSteps(query);
	rejectSegments(query);
	const mode = parseChoice(query, 'mode', ['ordered', 'unordered', 'sequential'], 'ordered');
	const newOnly = parseChoice(query, 'n', ['active', 'new'], 'active') === 'new';
	const interval = parseInterval(query, [1, 7, 30, -3600000, -300000]);
	const { start, end } = parseRange(query, interval);
	const cs = parseIntParam(query, 'cs', {
		min: 1,
		max: 366 * 86_400,
		fallback: DEFAULT_WINDOW_SECONDS,
	});
	const limit = parseIntParam(query, 'limit', { min: 1, max: 1000, fallback: 100 });
	const g = query.get('g') ? checkUserProperty(query.get('g'), 'g') : null;
	const windowMs = mode === 'unordered' ? Math.floor(cs / 86_400) * DAY_MS : cs * 1000;
	const bucketList = buckets(start, end, interval);
	const range = { from: bucketList[0].from, to: bucketList[bucketList.length - 1].to };
	const inRange = (e) => eventTime(e) >= range.from && eventTime(e) < range.to;
	const first = firstSeen([...eventsByUser(allEvents).values()].flat());

	const groups = new Map();
	for (const [id, events] of eventsByUser(allEvents)) {
		if (newOnly && !(first.get(id) >= range.from && first.get(id) < range.to)) continue;
		const walk = WALKS[mode](events, steps, inRange, windowMs);
		if (!walk) continue;
		const label = g ? asLabel(valueAt(walk.enter, g, storeApi)) : null;
		if (!groups.has(label)) groups.set(label, []);
		groups.get(label).push(walk);
	}
	const data = [...groups]
		.sort(([a, x], [b, y]) => y.length - x.length || String(a).localeCompare(String(b)))
		.slice(0, limit)
		.map(([label, walks]) => funnelOf(steps, walks, bucketList, g ? label : undefined));
	return { data, numSeries: data.length, timeComputed: now, wasCached: false };
}

module.exports = { funnels };
