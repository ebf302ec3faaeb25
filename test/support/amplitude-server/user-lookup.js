'use strict';
// GET /api/2/usersearch and GET /api/2/useractivity.
//
// usersearch: a number that is a known Amplitude ID -> match_amplitude_id; an exact user ID or
// device ID -> match_user_or_device_id; otherwise user IDs starting with the value ->
// match_user_prefix; else 200 {"type":"nomatch","matches":[]}.
// useractivity: `user` must be an integer (400 otherwise); limit 1..1000 (default 1000, 400
// outside), offset >= 0; direction latest (newest first, default) or earliest. An unknown ID
// answers 200 with an empty userData (zeros and nulls) and events [].
// User mapping (store.aliases, user_id -> global_user_id): searching a mapped user ID finds the
// global user when the stand-in knows it, and searching a global user ID it does not know as a
// user finds the users mapped to it; the activity of a global user holds the events of the users
// mapped to it, whose Amplitude IDs are its merged_amplitude_ids.

const { isoDate, eventTimeString } = require('./dates');
const { eventTime, isAnalyticsEvent, revenueOf } = require('./event-query');
const { fail, parseChoice, parseIntParam } = require('./dashboard-params');

const match = (user) => ({ user_id: user.user_id, amplitude_id: user.amplitude_id });

/** The users whose user ID is mapped to this global user ID. */
function mappedTo(globalUserId, { store, findUser }) {
	return [...store.aliases]
		.filter(([, target]) => target === globalUserId)
		.map(([userId]) => findUser.byUserId(userId))
		.filter(Boolean);
}

function userSearch(query, { store, findUser }) {
	const value = query.get('user');
	if (!value) fail('Missing required parameter user');
	const byAmplitudeId = /^\d+$/.test(value) ? findUser.byAmplitudeId(value) : undefined;
	if (byAmplitudeId) return { matches: [match(byAmplitudeId)], type: 'match_amplitude_id' };
	let exact = findUser.byUserId(value) ?? findUser.byDeviceId(value);
	const globalUser = exact?.user_id && findUser.byUserId(store.aliases.get(exact.user_id));
	if (globalUser) exact = globalUser;
	if (exact) return { matches: [match(exact)], type: 'match_user_or_device_id' };
	const mapped = mappedTo(value, { store, findUser });
	if (mapped.length) return { matches: mapped.map(match), type: 'match_user_or_device_id' };
	const prefixed = [...store.users.values()].filter((u) => u.user_id?.startsWith(value));
	if (prefixed.length) return { matches: prefixed.map(match), type: 'match_user_prefix' };
	return { type: 'nomatch', matches: [] };
}

const EMPTY_USER_DATA = {
	user_id: null,
	canonical_amplitude_id: null,
	merged_amplitude_ids: [],
	num_events: 0,
	num_sessions: 0,
	usage_time: 0,
	first_used: null,
	last_used: null,
	purchases: 0,
	revenue: 0,
	platform: null,
	os: null,
	version: null,
	device: null,
	device_type: null,
	carrier: null,
	country: null,
	region: null,
	city: null,
	dma: null,
	language: null,
	start_version: null,
	device_ids: [],
	last_location: null,
	properties: {},
};

function userData(user, events) {
	const f = user.fields;
	const times = events.map(eventTime);
	const revenues = events.map(revenueOf).filter((r) => r !== null);
	const sessions = new Set(
		events.map((e) => e.session_id).filter((s) => Number.isInteger(s) && s !== -1),
	);
	return {
		...EMPTY_USER_DATA,
		user_id: user.user_id,
		canonical_amplitude_id: user.amplitude_id,
		num_events: events.length,
		num_sessions: sessions.size,
		first_used: times.length ? isoDate(Math.min(...times)) : null,
		last_used: times.length ? isoDate(Math.max(...times)) : null,
		purchases: revenues.length,
		revenue: Math.round(revenues.reduce((a, b) => a + b, 0) * 100) / 100,
		platform: f.platform ?? null,
		os: f.os_name ?? null,
		version: f.app_version ?? null,
		device: f.device_model ?? null,
		device_type: f.device_model ?? null,
		carrier: f.carrier ?? null,
		country: f.country ?? null,
		region: f.region ?? null,
		city: f.city ?? null,
		dma: f.dma ?? null,
		language: f.language ?? null,
		start_version: f.start_version ?? null,
		device_ids: [...user.device_ids],
		last_location:
			f.location_lat !== undefined ? { lat: f.location_lat, lng: f.location_lng ?? null } : null,
		properties: { ...user.properties },
	};
}

/** A stored event in the Export/User Activity shape. */
function activityEvent(e) {
	const { insert_id, time, server_received_time, ...rest } = e;
	return {
		...rest,
		event_time: eventTimeString(eventTime(e)),
		client_event_time: eventTimeString(eventTime(e)),
		server_received_time: eventTimeString(server_received_time),
		event_properties: e.event_properties ?? {},
		user_properties: e.user_properties ?? {},
		session_id: e.session_id ?? -1,
		platform: e.platform ?? null,
		country: e.country ?? null,
		city: e.city ?? null,
		$insert_id: insert_id ?? null,
		uuid: e.uuid,
	};
}

function userActivity(query, { store, findUser }) {
	const id = query.get('user');
	if (!id) fail('Missing required parameter user');
	if (!/^\d+$/.test(id))
		fail(`Invalid user=${id}; expected a numeric Amplitude ID (use usersearch first)`);
	const offset = parseIntParam(query, 'offset', {
		min: 0,
		max: Number.MAX_SAFE_INTEGER,
		fallback: 0,
	});
	const limit = parseIntParam(query, 'limit', { min: 1, max: 1000, fallback: 1000 });
	const direction = parseChoice(query, 'direction', ['latest', 'earliest'], 'latest');
	const user = findUser.byAmplitudeId(id);
	if (!user) return { userData: { ...EMPTY_USER_DATA }, events: [] };
	const merged = user.user_id ? mappedTo(user.user_id, { store, findUser }) : [];
	const ids = new Set([user.amplitude_id, ...merged.map((u) => u.amplitude_id)]);
	const events = store.events
		.filter((e) => ids.has(e.amplitude_id) && isAnalyticsEvent(e))
		.sort((a, b) =>
			direction === 'latest' ? eventTime(b) - eventTime(a) : eventTime(a) - eventTime(b),
		);
	return {
		userData: {
			...userData(user, events),
			merged_amplitude_ids: merged.map((u) => u.amplitude_id),
		},
		events: events.slice(offset, offset + limit).map(activityEvent),
	};
}

module.exports = { userSearch, userActivity };
