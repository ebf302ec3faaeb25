'use strict';
// Everything the stand-in remembers: ingested events, identifies, users, groups, request log.

const crypto = require('node:crypto');
const { applyProperties } = require('./property-ops');

const DEDUP_WINDOW_MS = 7 * 86_400_000;
const FIRST_AMPLITUDE_ID = 100_000_001;

/** Amplitude sets a missing device_id to a hash of user_id; we do the same for the dedup key. */
const deviceIdFromUser = (userId) =>
	crypto.createHash('sha256').update(String(userId)).digest('hex').slice(0, 32);

/** Top-level event/identify fields copied onto the user's profile (latest value wins). */
const PROFILE_FIELDS = [
	'platform',
	'os_name',
	'os_version',
	'app_version',
	'device_brand',
	'device_manufacturer',
	'device_model',
	'carrier',
	'country',
	'region',
	'city',
	'dma',
	'language',
	'paying',
	'start_version',
	'location_lat',
	'location_lng',
	'library',
];

function createStore() {
	const store = {
		events: [],
		identifies: [],
		groupIdentifies: [],
		duplicates: 0,
		requests: [],
		/** amplitude_id -> { amplitude_id, user_id, device_ids:Set, properties, fields } */
		users: new Map(),
		/** 'type\u0000value' -> { group_type, group_value, properties } */
		groups: new Map(),
		/** user_id -> global_user_id (User Mapping) */
		aliases: new Map(),
	};
	const byUserId = new Map();
	const byDeviceId = new Map();
	const dedupKeys = new Map();
	let nextAmplitudeId = FIRST_AMPLITUDE_ID;

	function newUser() {
		const user = {
			amplitude_id: nextAmplitudeId++,
			user_id: null,
			device_ids: new Set(),
			properties: {},
			fields: {},
		};
		store.users.set(user.amplitude_id, user);
		return user;
	}

	/** The user for a user_id/device_id pair; an anonymous device is merged into the first user_id it sees. */
	function resolveUser(userId, deviceId) {
		let user = userId != null ? store.users.get(byUserId.get(userId)) : undefined;
		if (!user && deviceId != null) {
			const deviceUser = store.users.get(byDeviceId.get(deviceId));
			if (deviceUser && (userId == null || deviceUser.user_id == null)) user = deviceUser;
		}
		user ??= newUser();
		if (userId != null && user.user_id == null) {
			user.user_id = userId;
			byUserId.set(userId, user.amplitude_id);
		}
		if (deviceId != null) {
			user.device_ids.add(deviceId);
			if (!byDeviceId.has(deviceId)) byDeviceId.set(deviceId, user.amplitude_id);
		}
		return user;
	}

	function updateProfile(user, source) {
		for (const field of PROFILE_FIELDS)
			if (source[field] !== undefined) user.fields[field] = source[field];
	}

	/** True (and counted) when insert_id + device_id was seen within 7 days. */
	function isDuplicate(event, now) {
		if (event.insert_id == null) return false;
		const key = `${event.insert_id}\u0000${event.device_id ?? deviceIdFromUser(event.user_id)}`;
		const seen = dedupKeys.get(key);
		if (seen !== undefined && now - seen < DEDUP_WINDOW_MS) {
			store.duplicates += 1;
			return true;
		}
		dedupKeys.set(key, now);
		return false;
	}

	function groupFor(type, value) {
		const key = `${type}\u0000${value}`;
		if (!store.groups.has(key))
			store.groups.set(key, { group_type: type, group_value: value, properties: {} });
		return store.groups.get(key);
	}

	/** Stores one validated event unless it is a duplicate; applies its user/group properties. */
	function addEvent(event, now) {
		if (isDuplicate(event, now)) return null;
		const user = resolveUser(event.user_id, event.device_id);
		updateProfile(user, event);
		applyProperties(user.properties, event.user_properties);
		if (event.event_type === '$groupidentify' && event.groups) {
			for (const [type, value] of Object.entries(event.groups)) {
				for (const v of [].concat(value))
					applyProperties(groupFor(type, v).properties, event.group_properties);
			}
		}
		const stored = { ...event, amplitude_id: user.amplitude_id, server_received_time: now };
		// Non-enumerable, so tests comparing stored events with what was sent need not mention it.
		Object.defineProperty(stored, 'uuid', { value: crypto.randomUUID(), enumerable: false });
		store.events.push(stored);
		return stored;
	}

	function addIdentify(identification, now) {
		const user = resolveUser(identification.user_id, identification.device_id);
		updateProfile(user, identification);
		applyProperties(user.properties, identification.user_properties);
		store.identifies.push({
			...identification,
			amplitude_id: user.amplitude_id,
			server_received_time: now,
		});
	}

	function addGroupIdentify(identification, now) {
		applyProperties(
			groupFor(identification.group_type, identification.group_value).properties,
			identification.group_properties,
		);
		store.groupIdentifies.push({ ...identification, server_received_time: now });
	}

	const findUser = {
		byAmplitudeId: (id) => store.users.get(Number(id)),
		byUserId: (id) => store.users.get(byUserId.get(id)),
		byDeviceId: (id) => store.users.get(byDeviceId.get(id)),
	};

	function reset() {
		store.events.length = 0;
		store.identifies.length = 0;
		store.groupIdentifies.length = 0;
		store.requests.length = 0;
		store.duplicates = 0;
		store.users.clear();
		store.groups.clear();
		store.aliases.clear();
		byUserId.clear();
		byDeviceId.clear();
		dedupKeys.clear();
		nextAmplitudeId = FIRST_AMPLITUDE_ID;
	}

	return { store, addEvent, addIdentify, addGroupIdentify, findUser, reset };
}

module.exports = { createStore, deviceIdFromUser, FIRST_AMPLITUDE_ID };
