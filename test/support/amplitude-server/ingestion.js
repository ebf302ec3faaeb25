'use strict';
// Ingestion APIs: HTTP V2 (/2/httpapi), Batch (/batch), Identify (/identify), Group Identify (/groupidentify).
//
// Limits (decompressed body size, as Amplitude counts after gzip):
//   /2/httpapi: 413 when events.length >= 2000 or the body is >= 1,000,000 bytes.
//   /batch:     413 when events.length > 2000 or the body is > 20,000,000 bytes.
//   /groupidentify: 413 (JSON {"code":413,"error":"Payload too large"}) above 1024 group identifies.
// An empty `events` array is answered like a missing one (400 "Request missing required field").
// An event left without user_id and device_id is listed under events_with_missing_fields.user_id.
// Identify / Group Identify answer plain text: 200 "success"; 400 "Invalid API key",
// "missing_event" (identification missing, not JSON, empty, or a JSON request body) or a
// sentence naming the problem and the identification index.

const { json, text, parseJson, isPlainObject } = require('./http-util');
const { validateEvents, minIdLengthOf, checkId, removeShortIds } = require('./validation');
const { checkProperties } = require('./property-ops');

const LIMITS = {
	'/2/httpapi': { tooManyEvents: (n) => n >= 2000, tooLarge: (bytes) => bytes >= 1_000_000 },
	'/batch': { tooManyEvents: (n) => n > 2000, tooLarge: (bytes) => bytes > 20_000_000 },
};
const MAX_GROUP_IDENTIFIES = 1024;

const badRequest = (error, extra = {}) => json(400, { code: 400, error, ...extra });
const payloadTooLarge = () => json(413, { code: 413, error: 'Payload too large' });

/** Parses an event-ingestion body once; index.js uses the result for fault rules too. */
function parseEventsBody(body) {
	if (body === null) return { error: badRequest('Invalid JSON request body') };
	if (body.length === 0) return { error: badRequest('Missing request body') };
	const parsed = parseJson(body.toString('utf8'));
	if (!parsed.ok || !isPlainObject(parsed.value))
		return { error: badRequest('Invalid JSON request body') };
	return { value: parsed.value };
}

function createIngestion({ apiKey, minIdLength, now, storeApi, faults }) {
	/** POST /2/httpapi and /batch. ctx: { path, body, bodyBytes, parsed } */
	function handleEvents(ctx) {
		const { error, value } = ctx.parsed;
		if (error) return error;
		if (value.api_key !== apiKey) return badRequest('Invalid API key');
		if (value.events === undefined || (Array.isArray(value.events) && value.events.length === 0)) {
			return badRequest('Request missing required field', { missing_field: 'events' });
		}
		if (!Array.isArray(value.events)) return badRequest('Invalid event JSON');
		const limits = LIMITS[ctx.path];
		if (limits.tooManyEvents(value.events.length) || limits.tooLarge(ctx.body.length))
			return payloadTooLarge();

		const result = validateEvents(value.events, minIdLengthOf(value, minIdLength));
		if (result.hasErrors)
			return invalidEvents(result.eventsWithInvalidFields, result.eventsWithMissingFields);

		const fault = faults.onEvents({ path: ctx.path, events: result.cleaned });
		if (fault?.response) return fault.response;
		if (fault?.invalidFields) return invalidEvents(fault.invalidFields, {});

		const time = now();
		for (const event of result.cleaned) storeApi.addEvent(event, time);
		return json(200, {
			code: 200,
			events_ingested: result.cleaned.length,
			payload_size_bytes: ctx.rawBytes,
			server_upload_time: time,
		});
	}

	const handleIdentify = (ctx) => handleIdentifications(ctx, checkIdentify, storeApi.addIdentify);
	const handleGroupIdentify = (ctx) =>
		handleIdentifications(ctx, checkGroupIdentify, storeApi.addGroupIdentify, MAX_GROUP_IDENTIFIES);

	function handleIdentifications(ctx, check, add, maxCount = Infinity) {
		if (/json/i.test(ctx.headers['content-type'] ?? '') || ctx.body === null)
			return text(400, 'missing_event');
		const form = new URLSearchParams(ctx.body.toString('utf8'));
		if (form.get('api_key') !== apiKey) return text(400, 'Invalid API key');
		const parsed = parseJson(form.get('identification') ?? '');
		if (!parsed.ok) return text(400, 'missing_event');
		const list = [].concat(parsed.value);
		if (list.length === 0 || !list.every(isPlainObject)) return text(400, 'missing_event');
		if (list.length > maxCount) return payloadTooLarge();
		for (const [index, identification] of list.entries()) {
			const problem = check(identification);
			if (problem) return text(400, `${problem} (identification ${index})`);
		}
		const time = now();
		for (const identification of list) add(removeShortIds(identification, minIdLength), time);
		return text(200, 'success');
	}

	function checkIdentify(identification) {
		const states = ['user_id', 'device_id'].map((field) => [
			field,
			checkId(identification[field], minIdLength),
		]);
		const invalid = states.find(([, state]) => state === 'invalid');
		if (invalid) return `Invalid ${invalid[0]}`;
		if (!states.some(([, state]) => state === 'ok'))
			return `Missing user_id or device_id (at least ${minIdLength} characters)`;
		return checkProperties(identification.user_properties, 'user_properties');
	}

	return { handleEvents, handleIdentify, handleGroupIdentify };
}

function checkGroupIdentify(identification) {
	for (const field of ['group_type', 'group_value']) {
		if (typeof identification[field] !== 'string' || identification[field] === '')
			return `Missing ${field}`;
	}
	if (!isPlainObject(identification.group_properties)) return 'Missing group_properties';
	return checkProperties(identification.group_properties, 'group_properties');
}

function invalidEvents(invalidFields, missingFields) {
	return badRequest('Invalid field values on some events', {
		events_with_invalid_fields: invalidFields,
		events_with_missing_fields: missingFields,
	});
}

module.exports = { createIngestion, parseEventsBody };
