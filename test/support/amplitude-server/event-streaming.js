'use strict';
// Event streaming to a webhook, as Amplitude's "Webhook" event-streaming destination does
// (shared/reference/amplitude-api-more.md §8a): once configured, every event the stand-in ingests
// (Send Events) and every identify (Send Users) is POSTed to the destination, one per request,
// retried as webhook-sender.js describes. `send(payloads)` POSTs a given list as it is instead.
//
// Event payload: the export event format (§6) with the webhook's default times
// ("2022-02-28 20:07:01.795", or microseconds with timeFormat 'us'), and the user's properties
// after the event with every value sent as a string (Amplitude forwards user properties as
// strings). User payload: user_id (when there is one), device_id, user_properties (strings) and
// the profile fields the identify carried. `payload(input)` replaces either, like a FreeMarker
// template. `eventTypes` picks the events to send, as the destination's filter does.
//
//   server.streaming.configure({ url, headers, sendEvents: true, sendUsers: false, eventTypes,
//     timeFormat: 'ms', payload, concurrency: 10, timeoutMs, attemptDelaysMs, quickRetries });
//   server.streaming.send([payload, ...]); await server.streaming.idle();
//   server.streaming.deliveries; server.streaming.stats(); server.streaming.disable();

const { createDestination, EVENT_STREAMING } = require('./webhook-sender');

const { DEFAULT_PROJECT_ID } = require('./project');

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Epoch ms as Amplitude writes times: UTC, no zone, milliseconds ('ms') or microseconds ('us'). */
function amplitudeTime(ms, format = 'ms') {
	const d = new Date(ms);
	const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	const fraction = pad(d.getUTCMilliseconds(), 3) + (format === 'us' ? '000' : '');
	return `${date} ${time}.${fraction}`;
}

/** User properties as event streaming forwards them: every value a string. */
function stringValues(properties = {}) {
	return Object.fromEntries(
		Object.entries(properties).map(([key, value]) => [
			key,
			typeof value === 'string' || value === null
				? value
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value),
		]),
	);
}

const orNull = (value) => value ?? null;

/**
 * A stored (ingested) event in the export format event streaming sends. `userProperties`: the
 * user's properties after the event; `eventId`: Amplitude's per-user event counter.
 */
function webhookEventOf(
	stored,
	{ userProperties = {}, timeFormat = 'ms', eventId = 1, projectId = DEFAULT_PROJECT_ID } = {},
) {
	const received = stored.server_received_time ?? Date.now();
	const at = (ms) => amplitudeTime(ms, timeFormat);
	return {
		$insert_id: orNull(stored.insert_id),
		amplitude_id: stored.amplitude_id,
		app: projectId,
		city: orNull(stored.city),
		client_event_time: at(stored.time ?? received),
		client_upload_time: at(received),
		country: orNull(stored.country),
		data: { path: '/2/httpapi', user_properties_updated: stored.user_properties !== undefined },
		data_type: 'event',
		device_brand: orNull(stored.device_brand),
		device_carrier: orNull(stored.carrier),
		device_id: orNull(stored.device_id),
		device_manufacturer: orNull(stored.device_manufacturer),
		device_model: orNull(stored.device_model),
		dma: orNull(stored.dma),
		event_id: eventId,
		event_properties: stored.event_properties ?? {},
		event_time: at(stored.time ?? received),
		event_type: stored.event_type,
		group_properties: stored.group_properties ?? {},
		groups: stored.groups ?? {},
		ip_address: orNull(stored.ip),
		language: orNull(stored.language),
		library: stored.library ?? 'http/2.0',
		location_lat: orNull(stored.location_lat),
		location_lng: orNull(stored.location_lng),
		os_name: orNull(stored.os_name),
		os_version: orNull(stored.os_version),
		paying: orNull(stored.paying),
		platform: orNull(stored.platform),
		processed_time: at(received),
		region: orNull(stored.region),
		server_received_time: at(received),
		server_upload_time: at(received),
		session_id: stored.session_id ?? -1,
		start_version: orNull(stored.start_version),
		user_id: orNull(stored.user_id),
		user_properties: stringValues(userProperties),
		uuid: stored.uuid,
		version_name: orNull(stored.app_version),
	};
}

/** An identify as "Send Users" sends it. */
function webhookUserOf(identification, { userProperties = {} } = {}) {
	const { user_id, device_id, user_properties: _sent, ...fields } = identification;
	delete fields.amplitude_id;
	delete fields.server_received_time;
	return {
		...(user_id != null ? { user_id } : {}),
		...(device_id != null ? { device_id } : {}),
		user_properties: stringValues(userProperties),
		...fields,
	};
}

function createEventStreaming({ storeApi, projectId }) {
	const destination = createDestination({
		name: 'streaming',
		basePolicy: EVENT_STREAMING,
		concurrency: 10,
		defaults: { sendEvents: true, sendUsers: false, timeFormat: 'ms', eventTypes: null },
	});
	const eventCounts = new Map();
	const propertiesOf = (amplitudeId) =>
		storeApi.findUser.byAmplitudeId(amplitudeId)?.properties ?? {};
	const shaped = (input) =>
		destination.config.payload ? destination.config.payload(input) : input;

	/** Called for every stored event. */
	function onEvent(stored) {
		const { config } = destination;
		if (!config?.sendEvents) return;
		if (config.eventTypes && !config.eventTypes.includes(stored.event_type)) return;
		const eventId = (eventCounts.get(stored.amplitude_id) ?? 0) + 1;
		eventCounts.set(stored.amplitude_id, eventId);
		const input = webhookEventOf(stored, {
			userProperties: propertiesOf(stored.amplitude_id),
			timeFormat: config.timeFormat,
			eventId,
			projectId,
		});
		destination.push(shaped(input), 'event', stored.uuid);
	}

	/** Called for every stored identify. */
	function onIdentify(identification) {
		if (!destination.config?.sendUsers) return;
		const input = webhookUserOf(identification, {
			userProperties: propertiesOf(identification.amplitude_id),
		});
		destination.push(shaped(input), 'user');
	}

	const resetDestination = destination.reset;
	return Object.assign(destination, {
		onEvent,
		onIdentify,
		/** POSTs each payload as it is, one request each. */
		send: (payloads) =>
			payloads.map((payload) => destination.push(payload, 'event', payload?.uuid)),
		disable: () => {
			destination.config = null;
		},
		/** Drops the destination, what is pending and what was delivered. */
		reset: () => {
			resetDestination();
			eventCounts.clear();
		},
	});
}

module.exports = {
	createEventStreaming,
	webhookEventOf,
	webhookUserOf,
	amplitudeTime,
	stringValues,
};
