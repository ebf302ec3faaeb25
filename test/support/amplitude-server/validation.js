'use strict';
// Per-event checks of the HTTP V2 / Batch APIs (amplitude-api.md "Field rules").

const { isPlainObject } = require('./http-util');
const { checkProperties } = require('./property-ops');

const DEFAULT_MIN_ID_LENGTH = 5;
const MAX_STRING_LENGTH = 1024;

const REJECTED_IDS = new Set([
	'anonymous',
	'nil',
	'none',
	'null',
	'n/a',
	'na',
	'undefined',
	'unknown',
	'',
	'00000000-0000-0000-0000-000000000000',
	'{}',
	'lmy47d',
	'0',
	'-1',
]);

const isRejectedId = (value) => REJECTED_IDS.has(String(value).trim().toLowerCase());

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
/** Numeric top-level fields and the check each must pass when present. */
const NUMERIC_FIELDS = {
	time: Number.isInteger,
	session_id: Number.isInteger,
	event_id: Number.isInteger,
	quantity: Number.isInteger,
	price: isNumber,
	revenue: isNumber,
	location_lat: isNumber,
	location_lng: isNumber,
};
const OBJECT_FIELDS = ['event_properties', 'user_properties', 'group_properties', 'groups'];

function hasLongString(value, depth = 0) {
	if (typeof value === 'string') return value.length > MAX_STRING_LENGTH;
	if (value === null || typeof value !== 'object' || depth > 40) return false;
	return Object.values(value).some((v) => hasLongString(v, depth + 1));
}

/**
 * Checks one identifier (user_id or device_id). Returns 'invalid', 'removed' (shorter than
 * minIdLength: Amplitude silently drops it), 'absent' or 'ok'.
 */
function checkId(value, minIdLength) {
	if (value === undefined || value === null) return 'absent';
	if (typeof value !== 'string' || isRejectedId(value)) return 'invalid';
	return value.length < minIdLength ? 'removed' : 'ok';
}

/** Field names wrong in this event: { invalid: [...], missing: [...] }. */
function eventProblems(event, minIdLength) {
	const invalid = [];
	const missing = [];
	if (event.event_type === undefined || event.event_type === null || event.event_type === '')
		missing.push('event_type');
	else if (typeof event.event_type !== 'string') invalid.push('event_type');

	const idStates = ['user_id', 'device_id'].map((field) => [
		field,
		checkId(event[field], minIdLength),
	]);
	for (const [field, state] of idStates) if (state === 'invalid') invalid.push(field);
	if (idStates.every(([, state]) => state === 'absent' || state === 'removed'))
		missing.push('user_id');

	for (const [field, ok] of Object.entries(NUMERIC_FIELDS)) {
		if (event[field] !== undefined && !ok(event[field])) invalid.push(field);
	}
	for (const field of OBJECT_FIELDS) {
		if (event[field] !== undefined && !isPlainObject(event[field])) invalid.push(field);
	}
	if (isPlainObject(event.user_properties) && checkProperties(event.user_properties))
		invalid.push('user_properties');
	for (const [field, value] of Object.entries(event)) {
		if (!invalid.includes(field) && hasLongString(value)) invalid.push(field);
	}
	return { invalid, missing };
}

/** Adds index under each field name of a { field: [indexes] } map. */
function addIndex(map, fields, index) {
	for (const field of fields) (map[field] ??= []).push(index);
}

/**
 * Validates a request's events. Returns { eventsWithInvalidFields, eventsWithMissingFields,
 * hasErrors, cleaned } where cleaned holds copies of the events without too-short IDs.
 */
function validateEvents(events, minIdLength = DEFAULT_MIN_ID_LENGTH) {
	const eventsWithInvalidFields = {};
	const eventsWithMissingFields = {};
	const cleaned = events.map((event, index) => {
		if (!isPlainObject(event)) {
			addIndex(eventsWithInvalidFields, ['event'], index);
			return event;
		}
		const { invalid, missing } = eventProblems(event, minIdLength);
		addIndex(eventsWithInvalidFields, invalid, index);
		addIndex(eventsWithMissingFields, missing, index);
		return removeShortIds(event, minIdLength);
	});
	const hasErrors =
		Object.keys(eventsWithInvalidFields).length + Object.keys(eventsWithMissingFields).length > 0;
	return { eventsWithInvalidFields, eventsWithMissingFields, hasErrors, cleaned };
}

function removeShortIds(event, minIdLength) {
	const copy = { ...event };
	for (const field of ['user_id', 'device_id']) {
		if (checkId(copy[field], minIdLength) === 'removed') delete copy[field];
	}
	return copy;
}

/** min_id_length from the request options, falling back to the server default. */
function minIdLengthOf(body, fallback) {
	const value = body?.options?.min_id_length;
	return Number.isInteger(value) && value >= 0 ? value : fallback;
}

module.exports = {
	DEFAULT_MIN_ID_LENGTH,
	MAX_STRING_LENGTH,
	isRejectedId,
	checkId,
	validateEvents,
	removeShortIds,
	addIndex,
	minIdLengthOf,
};
