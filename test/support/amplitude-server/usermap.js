'use strict';
// User mapping: POST /usermap with `api_key` and `mapping` (a JSON string: one mapping object or
// an array) as form fields or query parameters. A wrong key -> 400 {"code":400,"error":"Invalid
// API key"} (as ingestion answers). At most 2000 mappings and 1 MB (413) per request, and 1500
// requests in any 30 seconds (Amplitude's 50 per second over a 30-second window; 429 beyond).
// Each mapping needs user_id; global_user_id is required unless unmap is true, and must then be
// absent. Amplitude documents no answer: the stand-in sends {"code":200,"success":true}.
// Mappings are kept in store.aliases (user_id -> global_user_id); user search and activity
// follow them (user-lookup.js).

const { json } = require('./http-util');

const MAX_MAPPINGS = 2000;
const MAX_BYTES = 1_000_000;
const WINDOW_MS = 30_000;
const MAX_PER_WINDOW = 1500;

const nonEmpty = (value) => typeof value === 'string' && value.trim() !== '';

function createUserMap({ config, storeApi, now }) {
	let recent = [];

	function validate(mapping) {
		if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping))
			return 'each mapping must be an object';
		if (!nonEmpty(mapping.user_id)) return 'user_id is required';
		if (mapping.unmap === true) {
			return mapping.global_user_id === undefined
				? null
				: 'global_user_id must be absent when unmap is true';
		}
		return nonEmpty(mapping.global_user_id)
			? null
			: 'global_user_id is required unless unmap is true';
	}

	function handle(ctx) {
		const at = now();
		recent = recent.filter((t) => at - t < WINDOW_MS);
		recent.push(at);
		if (recent.length > MAX_PER_WINDOW) return json(429, { code: 429, error: 'Too many requests' });
		if (ctx.bodyBytes > MAX_BYTES) return json(413, { code: 413, error: 'Payload too large' });
		const form = new URLSearchParams(ctx.body?.toString('utf8') ?? '');
		const field = (name) => form.get(name) ?? ctx.query.get(name);
		if (field('api_key') !== config.apiKey)
			return json(400, { code: 400, error: 'Invalid API key' });
		let parsed;
		try {
			parsed = JSON.parse(field('mapping') ?? '');
		} catch {
			return json(400, { code: 400, error: 'mapping must be a JSON object or array' });
		}
		const mappings = Array.isArray(parsed) ? parsed : [parsed];
		if (mappings.length === 0) return json(400, { code: 400, error: 'mapping is empty' });
		if (mappings.length > MAX_MAPPINGS)
			return json(400, { code: 400, error: `At most ${MAX_MAPPINGS} mappings per request` });
		for (const mapping of mappings) {
			const problem = validate(mapping);
			if (problem) return json(400, { code: 400, error: problem });
		}
		for (const { user_id, global_user_id, unmap } of mappings) {
			if (unmap === true) storeApi.store.aliases.delete(user_id);
			else storeApi.store.aliases.set(user_id, global_user_id);
		}
		return json(200, { code: 200, success: true });
	}

	return { handle, reset: () => (recent = []) };
}

module.exports = { createUserMap };
