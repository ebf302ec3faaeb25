'use strict';
// GET /api/2/export: the events the stand-in received, as Amplitude's Export API gives them.
//
// start/end: YYYYMMDDTHH (UTC), both included, end not before start, at most 365 days (else 400
// with Amplitude's error envelope). Events are selected by the hour they were received
// (server_upload_time), as Amplitude does. No event in the range: 404 with Amplitude's observed
// body ("Raw data files were not found."). An archive over `exportMaxBytes` (default 4 GB,
// configurable so tests can reach it): 400. Otherwise 200, Content-Type application/zip: a zip of
// STORED entries named <projectId>/<projectId>_<yyyy-MM-dd>_<H>#<n>.json.gz (H: the UTC hour
// without zero padding; n: the partition, from 0, of up to `exportPartitionSize` events, default
// 1000), each a gzip file of newline-delimited events with all 55 keys Amplitude exports (null
// when unset) and timestamps as "YYYY-MM-DD HH:MM:SS.ffffff". The last few archives built are
// kept, so asking for the same range of unchanged data again answers at once (benchmarks).

const zlib = require('node:zlib');
const { json } = require('./http-util');
const { isoDate, eventTimeString } = require('./dates');
const { eventTime } = require('./event-query');
const { zipChunks } = require('./export-zip');

const HOUR_MS = 3_600_000;
const MAX_HOURS = 365 * 24;
const DEFAULT_PARTITION_SIZE = 1000;
const DEFAULT_MAX_BYTES = 4_000_000_000;

const exportError = (status, type, message, details) =>
	json(status, { error: { http_code: status, type, message, metadata: { details } } });

function parseHour(value) {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})$/.exec(String(value ?? ''));
	if (!m) return null;
	const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4]);
	const d = new Date(ms);
	return d.getUTCDate() === +m[3] && d.getUTCHours() === +m[4] ? ms : null;
}

/** One exported row: every key Amplitude's export has, in its order. */
function exportRow(e, app, eventId) {
	const time = eventTimeString(eventTime(e));
	const received = eventTimeString(e.server_received_time);
	return {
		$insert_id: e.insert_id ?? null,
		$insert_key: null,
		$schema: null,
		adid: e.adid ?? null,
		amplitude_attribution_ids: null,
		amplitude_event_type: null,
		amplitude_id: e.amplitude_id,
		app,
		city: e.city ?? null,
		client_event_time: time,
		client_upload_time: received,
		country: e.country ?? null,
		data: { group_first_event: {}, group_ids: {}, path: '/2/httpapi' },
		data_type: 'event',
		device_brand: e.device_brand ?? null,
		device_carrier: e.carrier ?? null,
		device_family: null,
		device_id: e.device_id ?? null,
		device_manufacturer: e.device_manufacturer ?? null,
		device_model: e.device_model ?? null,
		device_type: null,
		dma: e.dma ?? null,
		event_id: eventId,
		event_properties: e.event_properties ?? {},
		event_time: time,
		event_type: e.event_type,
		global_user_properties: null,
		group_properties: e.group_properties ?? {},
		groups: e.groups ?? {},
		idfa: e.idfa ?? null,
		ip_address: e.ip ?? null,
		is_attribution_event: null,
		language: e.language ?? null,
		library: 'http/2.0',
		location_lat: e.location_lat ?? null,
		location_lng: e.location_lng ?? null,
		os_name: e.os_name ?? null,
		os_version: e.os_version ?? null,
		partner_id: null,
		paying: e.paying ?? null,
		plan: e.plan ?? {},
		platform: e.platform ?? null,
		processed_time: received,
		region: e.region ?? null,
		sample_rate: null,
		server_received_time: received,
		server_upload_time: received,
		session_id: e.session_id ?? -1,
		source_id: null,
		start_version: e.start_version ?? null,
		user_creation_time: null,
		user_id: e.user_id ?? null,
		user_properties: e.user_properties ?? {},
		uuid: e.uuid,
		version_name: e.app_version ?? null,
	};
}

/** Zip entries for stored events already in upload order: per UTC hour, partitions of `size`. */
function exportEntries(selected, app, size) {
	const entries = [];
	let hour = null;
	let lines = [];
	let partition = 0;
	const flush = () => {
		if (!lines.length) return;
		const date = new Date(hour);
		entries.push({
			name: `${app}/${app}_${isoDate(hour)}_${date.getUTCHours()}#${partition}.json.gz`,
			data: zlib.gzipSync(`${lines.join('\n')}\n`, { level: 1 }),
		});
		partition += 1;
		lines = [];
	};
	for (const { event, index } of selected) {
		const eventHour = Math.floor(event.server_received_time / HOUR_MS) * HOUR_MS;
		if (eventHour !== hour) {
			flush();
			hour = eventHour;
			partition = 0;
		}
		lines.push(JSON.stringify(exportRow(event, app, index + 1)));
		if (lines.length === size) flush();
	}
	flush();
	return entries;
}

function createExport({ storeApi, authError, projectId, partitionSize, maxBytes }) {
	const CACHED_RANGES = 4;
	const cache = new Map();

	function handle(ctx) {
		const denied = authError(ctx.headers.authorization);
		if (denied) return denied;
		const start = parseHour(ctx.query.get('start'));
		const end = parseHour(ctx.query.get('end'));
		if (start === null || end === null)
			return exportError(400, 'invalid', 'Invalid start or end', 'Use YYYYMMDDTHH (UTC)');
		if (end < start) return exportError(400, 'invalid', 'Invalid range', 'end is before start');
		if ((end - start) / HOUR_MS + 1 > MAX_HOURS)
			return exportError(400, 'invalid', 'Invalid range', 'The range is over 365 days');
		const events = storeApi.store.events;
		const key = `${start}|${end}`;
		let built = cache.get(key);
		if (built?.length !== events.length || built.last !== events[events.length - 1]) {
			const selected = [];
			events.forEach((event, index) => {
				if (event.server_received_time >= start && event.server_received_time < end + HOUR_MS)
					selected.push({ event, index });
			});
			selected.sort((a, b) => a.event.server_received_time - b.event.server_received_time);
			const entries = exportEntries(selected, projectId, partitionSize ?? DEFAULT_PARTITION_SIZE);
			built = {
				length: events.length,
				last: events[events.length - 1],
				chunks: entries.length ? zipChunks(entries) : null,
			};
			cache.delete(key);
			cache.set(key, built);
			if (cache.size > CACHED_RANGES) cache.delete(cache.keys().next().value);
		}
		if (!built.chunks)
			return exportError(404, 'unspecified', 'Unspecified Error', 'Raw data files were not found.');
		const bytes = built.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
		if (bytes > (maxBytes ?? DEFAULT_MAX_BYTES)) {
			return exportError(
				400,
				'invalid',
				'Export too large',
				'The export is larger than 4GB. Shorten the time range.',
			);
		}
		return { status: 200, chunks: built.chunks, headers: { 'Content-Type': 'application/zip' } };
	}

	return {
		handles: (method, path) => method === 'GET' && path === '/api/2/export',
		handle,
		reset: () => cache.clear(),
	};
}

module.exports = { createExport, exportRow };
