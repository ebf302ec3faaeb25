'use strict';
// Query-parameter parsing for the Dashboard REST API. Bad input throws ParamError, which
// dashboard.js answers with 400 {"error":{"http_code":400,"type":"invalid","message":...}}.

const { parseYmd, DAY_MS } = require('./dates');
const { isPlainObject } = require('./http-util');

class ParamError extends Error {}

const fail = (message) => {
	throw new ParamError(message);
};

/** Longest range (in days) per interval, as the Dashboard docs list them. */
const MAX_DAYS = { '-300000': 2, '-3600000': 7, 1: 365 };

function parseInterval(query, allowed, fallback = 1) {
	const raw = query.get('i');
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!allowed.includes(value)) fail(`Invalid interval i=${raw}; use one of ${allowed.join(', ')}`);
	return value;
}

/** start/end (YYYYMMDD, inclusive) as UTC midnights. */
function parseRange(query, interval) {
	const [start, end] = ['start', 'end'].map((name) => {
		const raw = query.get(name);
		if (raw === null || raw === '') fail(`Missing required parameter ${name}`);
		const ms = parseYmd(raw);
		if (ms === null) fail(`Invalid ${name}=${raw}; expected YYYYMMDD`);
		return ms;
	});
	if (end < start) fail('end must not be before start');
	const days = (end - start) / DAY_MS + 1;
	if (interval in MAX_DAYS && days > MAX_DAYS[interval]) {
		fail(`Date range of ${days} days is too long for i=${interval} (max ${MAX_DAYS[interval]})`);
	}
	return { start, end };
}

function parseChoice(query, name, allowed, fallback) {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	if (!allowed.includes(raw)) fail(`Invalid ${name}=${raw}; use one of ${allowed.join(', ')}`);
	return raw;
}

function parseIntParam(query, name, { min, max, fallback }) {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max)
		fail(`Invalid ${name}=${raw}; expected an integer from ${min} to ${max}`);
	return value;
}

/** A URL-encoded JSON event definition (`e`, `e2`). */
function parseEventParam(query, name, required = true) {
	const raw = query.get(name);
	if (raw === null || raw === '')
		return required ? fail(`Missing required parameter ${name}`) : null;
	return parseEventJson(raw, name);
}

/** One JSON event definition's text (one of several repeated `e`, or `se`, `re`). */
function parseEventJson(raw, name) {
	let value;
	try {
		value = JSON.parse(raw);
	} catch {
		fail(`Parameter ${name} is not valid JSON`);
	}
	if (!isPlainObject(value) || typeof value.event_type !== 'string' || value.event_type === '') {
		fail(`Parameter ${name} needs an event_type`);
	}
	if (value.group_by !== undefined) {
		const ok =
			Array.isArray(value.group_by) &&
			value.group_by.length <= 2 &&
			value.group_by.every(
				(g) =>
					isPlainObject(g) &&
					typeof g.value === 'string' &&
					['user', 'event'].includes(g.type ?? 'user'),
			);
		if (!ok)
			fail(
				`Invalid group_by in ${name}: at most 2 entries of {"type":"user"|"event","value":"..."}`,
			);
	}
	return value;
}

/** Segments (`s`) are not modelled: a clear 400 instead of an answer that ignores them. */
function rejectSegments(query) {
	if (query.get('s')) fail('Segments (s) are not supported by the Amplitude stand-in');
}

module.exports = {
	rejectSegments,
	ParamError,
	fail,
	parseInterval,
	parseRange,
	parseChoice,
	parseIntParam,
	parseEventParam,
	parseEventJson,
};
