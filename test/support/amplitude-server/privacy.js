'use strict';
// User Privacy API v1 (Basic auth); JSON answers come as text/html, as Amplitude sends them.
//   POST /api/2/deletions/users {amplitude_ids, user_ids, requester, ignore_invalid_id,
//       delete_from_org, include_mapped_user_ids}: at most 100 IDs; at most one request per
//       second (429 when one comes sooner than `deletionIntervalMs` after the one before). Unknown users: 400 naming them in error.metadata.invalid_ids (a stand-in choice:
//       Amplitude's 400 body is unverified) unless ignore_invalid_id (or delete_from_org), which
//       schedules the known ones and lists the rest in invalid_ids; with no known user at all it
//       answers 200 with a plain-text message, as Amplitude has been seen to. The answer is an
//       array holding the job the users joined: the staging job whose day is more than 3 days
//       ahead, else a new one 12 days ahead. With include_mapped_user_ids each entry names its
//       user_id. requester defaults to "rest".
//   GET /api/2/deletions/users?start_day=YYYY-MM-DD&end_day=YYYY-MM-DD: the jobs whose day is in
//       the range (at most 6 months, else 400).
//   DELETE /api/2/deletions/users/{amplitude_id}/{day}: takes the user out of that staging job
//       (400 once the job is submitted, 404 when the job or the user is not there).
// A job is `staging` until 3 days before its day, `submitted` until its day, then `done`. The
// stand-in records jobs only; it deletes no data.

const { text } = require('./http-util');
const { dashboardError } = require('./dashboard');

const DAY_MS = 86_400_000;
const MAX_IDS = 100;
const JOB_LEAD_DAYS = 12;
const EDITABLE_UNTIL_DAYS = 3;

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day) => Date.parse(`${day}T00:00:00Z`);
const htmlJson = (status, body) =>
	text(status, JSON.stringify(body), { 'Content-Type': 'text/html; charset=UTF-8' });
const truthy = (value) => value === true || String(value).toLowerCase() === 'true';

function addMonths(day, months) {
	const date = new Date(dayMs(day));
	date.setUTCMonth(date.getUTCMonth() + months);
	return isoDay(date.getTime());
}

function createPrivacy({ config, storeApi, now }) {
	/** day -> { day, app, entries: [{ amplitude_id, requested_on_day, requester, user_id? }] } */
	const jobs = new Map();
	let lastPost = -Infinity;

	function statusOf(job) {
		const today = dayMs(isoDay(now()));
		const day = dayMs(job.day);
		if (today < day - EDITABLE_UNTIL_DAYS * DAY_MS) return 'staging';
		return today < day ? 'submitted' : 'done';
	}

	function toApi(job, entries = job.entries, mapped = true) {
		const status = statusOf(job);
		return {
			active_scrub_done_date: status === 'done' ? job.day : null,
			amplitude_ids: entries.map(({ user_id, ...entry }) =>
				mapped && user_id ? { ...entry, user_id } : entry,
			),
			app: job.app,
			day: job.day,
			status,
		};
	}

	function jobToJoin() {
		const open = [...jobs.values()].find((job) => statusOf(job) === 'staging');
		if (open) return open;
		const job = {
			day: isoDay(now() + JOB_LEAD_DAYS * DAY_MS),
			app: String(config.projectId),
			entries: [],
		};
		jobs.set(job.day, job);
		return job;
	}

	function request(ctx) {
		const at = now();
		const early = at - lastPost < config.deletionIntervalMs;
		lastPost = at;
		if (early)
			return dashboardError(
				429,
				'rate_limit',
				'Too many requests: at most 1 deletion request per second',
			);
		let body;
		try {
			body = JSON.parse(ctx.body?.toString('utf8') ?? '');
		} catch {
			return dashboardError(400, 'invalid', 'Invalid JSON request body');
		}
		const amplitudeIds = Array.isArray(body.amplitude_ids) ? body.amplitude_ids : [];
		const userIds = Array.isArray(body.user_ids) ? body.user_ids : [];
		const count = amplitudeIds.length + userIds.length;
		if (count === 0) return dashboardError(400, 'invalid', 'amplitude_ids or user_ids is required');
		if (count > MAX_IDS)
			return dashboardError(400, 'invalid', `At most ${MAX_IDS} IDs per request`);
		const found = [];
		const unknown = [];
		for (const id of amplitudeIds) {
			const user = Number.isInteger(id) ? storeApi.findUser.byAmplitudeId(id) : undefined;
			if (user) found.push(user);
			else unknown.push(id);
		}
		for (const id of userIds) {
			const user = typeof id === 'string' ? storeApi.findUser.byUserId(id) : undefined;
			if (user) found.push(user);
			else unknown.push(id);
		}
		const ignore = truthy(body.ignore_invalid_id) || truthy(body.delete_from_org);
		if (unknown.length && !ignore) {
			return htmlJson(400, {
				error: {
					http_code: 400,
					type: 'invalid',
					message: 'Invalid IDs',
					metadata: { invalid_ids: unknown },
				},
			});
		}
		if (found.length === 0)
			return text(200, 'No valid IDs to delete', { 'Content-Type': 'text/html; charset=UTF-8' });
		const job = jobToJoin();
		const requester =
			typeof body.requester === 'string' && body.requester ? body.requester : 'rest';
		const added = [];
		for (const user of found) {
			let entry = job.entries.find((e) => e.amplitude_id === user.amplitude_id);
			if (!entry) {
				entry = { amplitude_id: user.amplitude_id, requested_on_day: isoDay(at), requester };
				if (user.user_id) entry.user_id = user.user_id;
				job.entries.push(entry);
			}
			added.push(entry);
		}
		const answer = toApi(job, added, truthy(body.include_mapped_user_ids));
		if (unknown.length) answer.invalid_ids = unknown;
		return htmlJson(200, [answer]);
	}

	function list(query) {
		const [start, end] = ['start_day', 'end_day'].map((name) => query.get(name));
		if (!start || !end) return dashboardError(400, 'invalid', 'start_day and end_day are required');
		if (![start, end].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(dayMs(d))))
			return dashboardError(400, 'invalid', 'start_day and end_day must be YYYY-MM-DD');
		if (start > end) return dashboardError(400, 'invalid', 'start_day must not be after end_day');
		if (end > addMonths(start, 6))
			return dashboardError(400, 'invalid', 'The range may be at most 6 months');
		const inRange = [...jobs.values()].filter((job) => job.day >= start && job.day <= end);
		return htmlJson(
			200,
			inRange
				.sort((a, b) => a.day.localeCompare(b.day))
				.map((job) => toApi(job, job.entries, false)),
		);
	}

	function remove(amplitudeId, day) {
		const job = jobs.get(day);
		if (!job) return dashboardError(404, 'not_found', `No deletion job on ${day}`);
		if (statusOf(job) !== 'staging')
			return dashboardError(
				400,
				'invalid',
				`The job of ${day} is ${statusOf(job)}; only staging jobs can change`,
			);
		const index = job.entries.findIndex((e) => String(e.amplitude_id) === amplitudeId);
		if (index === -1)
			return dashboardError(404, 'not_found', `User ${amplitudeId} is not in the job of ${day}`);
		const [{ user_id, ...entry }] = job.entries.splice(index, 1);
		return htmlJson(200, entry);
	}

	const PATH = '/api/2/deletions/users';
	const ONE = /^\/api\/2\/deletions\/users\/(\d+)\/(\d{4}-\d{2}-\d{2})$/;

	const handles = (method, path) =>
		(path === PATH && (method === 'POST' || method === 'GET')) ||
		(method === 'DELETE' && ONE.test(path));

	function handle(ctx) {
		if (ctx.method === 'POST') return request(ctx);
		if (ctx.method === 'GET') return list(ctx.query);
		const [, amplitudeId, day] = ONE.exec(ctx.path);
		return remove(amplitudeId, day);
	}

	function reset() {
		jobs.clear();
		lastPost = -Infinity;
	}

	return { jobs, handles, handle, reset, statusOf };
}

module.exports = { createPrivacy };
