'use strict';
// How the read APIs look at stored events: time, type matching, properties, filters, revenue.

const NON_EVENTS = new Set(['$identify', '$groupidentify']);

/** Built-in user properties (no gp: prefix) and the event field each one reads. */
const BUILT_IN_USER_PROPERTIES = {
	version: 'app_version',
	country: 'country',
	city: 'city',
	region: 'region',
	DMA: 'dma',
	dma: 'dma',
	language: 'language',
	platform: 'platform',
	os: 'os_name',
	device: 'device_model',
	device_type: 'device_model',
	carrier: 'carrier',
	start_version: 'start_version',
	paying: 'paying',
	user_id: 'user_id',
	device_id: 'device_id',
};

const NONE = '(none)';

/** Event time in epoch ms: the sent `time`, or the server receive time when none was sent. */
const eventTime = (e) => e.time ?? e.server_received_time;

/** $identify / $groupidentify are property updates, not events, for every chart. */
const isAnalyticsEvent = (e) => !NON_EVENTS.has(e.event_type);

function matchesEventType(e, type) {
	if (!isAnalyticsEvent(e)) return false;
	if (type === '_all' || type === '_active') return true;
	if (type === 'revenue_amount') return revenueOf(e) !== null;
	return e.event_type === type;
}

/** Value of a property named as in a `group_by` / `filters` entry of type 'user' or 'event'. */
function propertyValue(e, type, key) {
	if (type === 'event') return e.event_properties?.[key];
	if (key.startsWith('gp:'))
		return e.user_properties?.[key.slice(3)] ?? e.user_properties?.$set?.[key.slice(3)];
	const field = BUILT_IN_USER_PROPERTIES[key];
	return field ? e[field] : e.user_properties?.[key];
}

const asLabel = (value) =>
	value === undefined || value === null || value === '' ? NONE : String(value);

const OPERATORS = {
	is: (v, list) => list.includes(asLabel(v)),
	'is not': (v, list) => !list.includes(asLabel(v)),
	contains: (v, list) => list.some((x) => asLabel(v).includes(x)),
	'does not contain': (v, list) => !list.some((x) => asLabel(v).includes(x)),
	less: (v, list) => Number(v) < Number(list[0]),
	'less or equal': (v, list) => Number(v) <= Number(list[0]),
	greater: (v, list) => Number(v) > Number(list[0]),
	'greater or equal': (v, list) => Number(v) >= Number(list[0]),
	'set is': (v, list) => [].concat(v ?? []).some((x) => list.includes(String(x))),
	'set is not': (v, list) => ![].concat(v ?? []).some((x) => list.includes(String(x))),
};

/** Returns an error message for an unusable filter list, else null. */
function checkFilters(filters) {
	if (filters === undefined) return null;
	if (!Array.isArray(filters)) return 'filters must be an array';
	const bad = filters.find(
		(f) =>
			!f ||
			typeof f.subprop_key !== 'string' ||
			!OPERATORS[f.subprop_op] ||
			!Array.isArray(f.subprop_value),
	);
	return bad ? `Invalid filter ${JSON.stringify(bad)}` : null;
}

function passesFilters(e, filters = []) {
	return filters.every((f) =>
		OPERATORS[f.subprop_op](
			propertyValue(e, f.subprop_type ?? 'event', f.subprop_key),
			f.subprop_value.map(String),
		),
	);
}

/** Revenue of an event: price × quantity (quantity defaults to 1) wins over `revenue`; null if none. */
function revenueOf(e) {
	if (typeof e.price === 'number') return e.price * (Number.isInteger(e.quantity) ? e.quantity : 1);
	return typeof e.revenue === 'number' ? e.revenue : null;
}

/** Whether an event matches a JSON event definition ({event_type, filters?}). */
const matchesEvent = (e, definition) =>
	matchesEventType(e, definition.event_type) && passesFilters(e, definition.filters);

/** amplitude_id -> that user's analytics events, oldest first (stable for equal times). */
function eventsByUser(events) {
	const byUser = new Map();
	for (const e of events) {
		if (!isAnalyticsEvent(e)) continue;
		if (!byUser.has(e.amplitude_id)) byUser.set(e.amplitude_id, []);
		byUser.get(e.amplitude_id).push(e);
	}
	for (const list of byUser.values()) list.sort((a, b) => eventTime(a) - eventTime(b));
	return byUser;
}

module.exports = {
	eventsByUser,
	matchesEvent,
	BUILT_IN_USER_PROPERTIES,
	NONE,
	eventTime,
	isAnalyticsEvent,
	matchesEventType,
	propertyValue,
	asLabel,
	checkFilters,
	passesFilters,
	revenueOf,
};
