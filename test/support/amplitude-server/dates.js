'use strict';
// UTC date helpers shared by the dashboard handlers. The stand-in's project time zone is UTC.

const DAY_MS = 86_400_000;

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** 'YYYYMMDD' -> epoch ms of that UTC midnight, or null when malformed. */
function parseYmd(value) {
	const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(value ?? ''));
	if (!m) return null;
	const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	const d = new Date(ms);
	if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return null;
	return ms;
}

function isoDate(ms) {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const dayStart = (ms) => Math.floor(ms / DAY_MS) * DAY_MS;

/** Amplitude weeks start on Sunday. */
const weekStart = (ms) => dayStart(ms) - new Date(ms).getUTCDay() * DAY_MS;

function monthStart(ms) {
	const d = new Date(ms);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonth(ms) {
	const d = new Date(ms);
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** 'YYYY-MM-DD HH:mm:ss.SSSSSS' as in Amplitude's export and user activity APIs. */
function eventTimeString(ms) {
	const d = new Date(ms);
	const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	return `${isoDate(ms)} ${time}.${pad(d.getUTCMilliseconds(), 3)}000`;
}

function hhmm(ms) {
	const d = new Date(ms);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * Buckets covering [startMs, endMs + 1 day) for interval i (as in the `i` query parameter).
 * Each bucket: { from, to, label }. Weekly/monthly buckets start at the week/month start
 * (labelled with that date, which may precede `start`); events are still clipped to the range.
 */
function buckets(startMs, endMs, interval) {
	const stop = endMs + DAY_MS;
	const list = [];
	const fixed = { 1: DAY_MS, '-3600000': 3_600_000, '-300000': 300_000 }[interval];
	if (fixed) {
		for (let t = startMs; t < stop; t += fixed)
			list.push({ from: t, to: t + fixed, label: bucketLabel(t, interval) });
		return list;
	}
	const first = interval === 7 ? weekStart(startMs) : monthStart(startMs);
	for (let t = first; t < stop; ) {
		const to = interval === 7 ? t + 7 * DAY_MS : nextMonth(t);
		list.push({ from: Math.max(t, startMs), to: Math.min(to, stop), label: isoDate(t) });
		t = to;
	}
	return list;
}

function bucketLabel(ms, interval) {
	if (interval === 1) return isoDate(ms);
	const d = new Date(ms);
	const minutes = interval === -300000 ? pad(d.getUTCMinutes()) : '00';
	return `${isoDate(ms)}T${pad(d.getUTCHours())}:${minutes}:00`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Aug 14": the short day labels of funnel charts. */
function shortDay(ms) {
	const d = new Date(ms);
	return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}`;
}

/** "Sep 15, 2026": the labels keying retention values. */
function longDay(ms) {
	const d = new Date(ms);
	return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

module.exports = {
	shortDay,
	longDay,
	DAY_MS,
	parseYmd,
	isoDate,
	dayStart,
	eventTimeString,
	hhmm,
	buckets,
};
