'use strict';
// POST /api/2/release (Basic auth): the fields as a JSON body or as query parameters.
// `version`, `title` and `release_start` are required; `release_start` and `release_end` must be
// "yyyy-MM-dd HH:mm:ss" (UTC; else 400), end not before start. `platforms`: a JSON array of
// strings, or a string of comma-separated names. `chart_visibility`: a boolean or "true"/"false"
// (default true). The answer is Amplitude's observed shape ({"success": true, "release": {...}},
// with `type: "integration"` and `params.created` in epoch ms). Releases are kept in memory
// (store.releases); Amplitude documents no endpoint to read them back.

const crypto = require('node:crypto');
const { json, parseJson, isPlainObject } = require('./http-util');

const RELEASE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const invalid = (details) =>
	json(400, {
		error: { http_code: 400, type: 'invalid', message: 'Invalid release', metadata: { details } },
	});

function validTime(value) {
	const m = RELEASE_TIME.exec(String(value ?? ''));
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
	return d.getUTCDate() === +m[3] && d.getUTCHours() === +m[4] && d.getUTCMinutes() === +m[5];
}

function fieldsOf(ctx) {
	if (ctx.body?.length) {
		const parsed = parseJson(ctx.body.toString('utf8'));
		return parsed.ok && isPlainObject(parsed.value) ? parsed.value : null;
	}
	return Object.fromEntries(ctx.query);
}

function createReleases({ authError, now, projectId }) {
	const releases = [];

	function handle(ctx) {
		const denied = authError(ctx.headers.authorization);
		if (denied) return denied;
		const fields = fieldsOf(ctx);
		if (!fields) return invalid('The body is not a JSON object');
		for (const name of ['version', 'title']) {
			if (typeof fields[name] !== 'string' || fields[name].trim() === '')
				return invalid(`${name} is required`);
		}
		if (!validTime(fields.release_start))
			return invalid('release_start must be yyyy-MM-dd HH:mm:ss');
		const end = fields.release_end ?? null;
		if (end !== null && (!validTime(end) || end < fields.release_start))
			return invalid('release_end must be yyyy-MM-dd HH:mm:ss, not before release_start');
		let platforms = fields.platforms ?? null;
		if (typeof platforms === 'string') platforms = platforms.split(',').map((p) => p.trim());
		if (
			platforms !== null &&
			!(Array.isArray(platforms) && platforms.every((p) => typeof p === 'string'))
		)
			return invalid('platforms must be a list of names');
		const visibility = fields.chart_visibility ?? true;
		const created = now();
		const release = {
			id: crypto.randomBytes(4).toString('hex'),
			app_id: projectId,
			org_id: 1,
			version: fields.version,
			release_start: fields.release_start,
			release_end: end,
			type: 'integration',
			title: fields.title,
			description: typeof fields.description === 'string' ? fields.description : '',
			platforms,
			chart_visibility: visibility === true || visibility === 'true',
			params: {
				created,
				created_by: typeof fields.created_by === 'string' ? fields.created_by : '',
				last_modified: created,
				last_modified_by: '',
			},
		};
		releases.push(release);
		return json(200, { success: true, release });
	}

	return {
		handles: (method, path) => method === 'POST' && path === '/api/2/release',
		handle,
		reset: () => (releases.length = 0),
		releases,
	};
}

module.exports = { createReleases };
