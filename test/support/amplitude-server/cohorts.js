'use strict';
// Behavioral cohorts: GET /api/3/cohorts, POST /api/3/cohorts/upload, POST /api/3/cohorts/membership
// (Basic auth). Member downloads are in cohort-files.js.
//
// A cohort holds Amplitude IDs of stored users. Upload and membership resolve user IDs
// (BY_USER_ID / BY_NAME) and Amplitude IDs (BY_AMP_ID / BY_ID; BY_AMP_ID is also taken in
// membership, as Segment sends it) against the users the stand-in knows; unknown IDs are the
// upload's invalid_ids_sample (at most 100 listed) and membership's skipped_ids, or reject the
// whole request when skip_invalid_ids is false. Upload checks app_id against the project
// (`projectId` option), that ids are strings and at most 100,000 per request, and with
// existing_cohort_id replaces that cohort's members. Membership takes at most 100,000 IDs per
// request and answers 429 while another write to the same cohort is in progress (each write
// takes `cohortWriteMs`). Cohort IDs are c0000001, c0000002 … in order of creation. A synthetic
// cohort (`addSynthetic`) has generated members and exists only for large downloads.

const { json } = require('./http-util');
const { dashboardError } = require('./dashboard');

const MAX_IDS = 100_000;
const SAMPLE = 100;

class CohortError extends Error {
	constructor(status, type, message) {
		super(message);
		this.status = status;
		this.type = type;
	}
}
const invalid = (message) => {
	throw new CohortError(400, 'invalid', message);
};

function createCohorts({ config, storeApi, now, sleep }) {
	/** id -> { id, name, appId, owners, published, members: Set<amplitude_id> | null, synthetic, … } */
	const cohorts = new Map();
	const writing = new Set();
	let created = 0;

	function resolve(id, byAmplitudeId) {
		const user = byAmplitudeId
			? /^\d+$/.test(id) && storeApi.findUser.byAmplitudeId(id)
			: storeApi.findUser.byUserId(id);
		return user ? user.amplitude_id : undefined;
	}

	function add({ name, owner = 'owner@example.com', published = true, members = [], ...rest }) {
		created += 1;
		const seconds = Math.floor(now() / 1000);
		const cohort = {
			id: rest.id ?? `c${String(created).padStart(7, '0')}`,
			name,
			appId: config.projectId,
			owners: [owner],
			published,
			members: new Set(members),
			synthetic: rest.synthetic,
			createdAt: seconds,
			lastMod: seconds,
		};
		cohorts.set(cohort.id, cohort);
		return cohort;
	}

	/** A cohort of `size` generated members (Amplitude IDs 900000000001 …), for large downloads. */
	function addSynthetic({ id, name = `Synthetic ${id}`, size }) {
		return add({ id, name, synthetic: { size } });
	}

	const sizeOf = (cohort) => (cohort.synthetic ? cohort.synthetic.size : cohort.members.size);

	function toApi(cohort, includeSyncInfo) {
		const result = {
			appId: cohort.appId,
			archived: false,
			definition: {
				version: 3,
				cohortType: 'UNIQUES',
				countGroup: { name: 'User', is_computed: false },
			},
			description: null,
			finished: true,
			id: cohort.id,
			name: cohort.name,
			published: cohort.published,
			type: 'static',
			lastMod: cohort.lastMod,
			createdAt: cohort.createdAt,
			lastComputed: cohort.lastMod,
			hidden: false,
			metadata: null,
			view_count: null,
			popularity: null,
			last_viewed: null,
			chart_id: null,
			edit_id: null,
			is_predictive: false,
			is_official_content: false,
			location_id: null,
			shortcut_ids: [],
			cohort_output_type: 'UNIQUES',
			owners: cohort.owners,
			viewers: [],
			size: sizeOf(cohort),
		};
		if (includeSyncInfo) result.syncMetadata = [];
		return result;
	}

	function list(query) {
		const includeSyncInfo = String(query.get('includeSyncInfo')).toLowerCase() === 'true';
		return json(200, { cohorts: [...cohorts.values()].map((c) => toApi(c, includeSyncInfo)) });
	}

	function parseJsonBody(ctx) {
		try {
			return JSON.parse(ctx.body?.toString('utf8') ?? '');
		} catch {
			return invalid('Invalid JSON request body');
		}
	}

	function stringIds(ids) {
		if (!Array.isArray(ids)) invalid('ids must be an array of strings');
		if (ids.some((id) => typeof id !== 'string')) invalid('ids must be strings');
		if (ids.length > MAX_IDS) invalid(`Amplitude limits single requests to ${MAX_IDS} identifiers`);
		return ids;
	}

	function upload(ctx) {
		const body = parseJsonBody(ctx);
		if (typeof body.name !== 'string' || body.name.trim() === '') invalid('name is required');
		if (!Number.isInteger(body.app_id)) invalid('app_id must be an integer');
		if (body.app_id !== config.projectId) invalid(`Invalid app_id ${body.app_id} for this API key`);
		if (!['BY_AMP_ID', 'BY_USER_ID'].includes(body.id_type))
			invalid('id_type must be BY_AMP_ID or BY_USER_ID');
		const ids = stringIds(body.ids);
		if (typeof body.owner !== 'string' || body.owner.trim() === '') invalid('owner is required');
		if (typeof body.published !== 'boolean') invalid('published must be a boolean');
		const matched = [];
		const unknown = [];
		for (const id of ids) {
			const amplitudeId = resolve(id, body.id_type === 'BY_AMP_ID');
			if (amplitudeId === undefined) unknown.push(id);
			else matched.push(amplitudeId);
		}
		if (body.skip_invalid_ids === false && unknown.length)
			invalid(`Invalid IDs: ${unknown.slice(0, SAMPLE).join(', ')}`);
		let cohort;
		if (body.existing_cohort_id !== undefined) {
			cohort = cohorts.get(String(body.existing_cohort_id));
			if (!cohort) throw new CohortError(404, 'not_found', `No cohort ${body.existing_cohort_id}`);
		}
		if (body.skip_save !== true) {
			cohort ??= add({ name: body.name, owner: body.owner, published: body.published });
			cohort.members = new Set(matched);
			cohort.name = body.name;
			cohort.lastMod = Math.floor(now() / 1000);
		}
		return json(200, {
			cohortId: cohort?.id ?? null,
			metadata: {
				matched: matched.length,
				totals: ids.length,
				invalid_ids_sample: unknown.slice(0, SAMPLE),
			},
		});
	}

	async function membership(ctx) {
		const body = parseJsonBody(ctx);
		const cohort = cohorts.get(String(body.cohort_id));
		if (!cohort || cohort.synthetic)
			throw new CohortError(404, 'not_found', `No cohort ${body.cohort_id}`);
		if (body.count_group !== undefined && body.count_group !== 'User')
			invalid('count_group must match the cohort (User)');
		if (!Array.isArray(body.memberships) || body.memberships.length === 0)
			invalid('memberships is required');
		let total = 0;
		for (const entry of body.memberships) {
			total += stringIds(entry?.ids).length;
			if (!['BY_ID', 'BY_NAME', 'BY_AMP_ID'].includes(entry.id_type))
				invalid('id_type must be BY_ID or BY_NAME');
			if (!['ADD', 'REMOVE'].includes(entry.operation)) invalid('operation must be ADD or REMOVE');
		}
		if (total > MAX_IDS) invalid(`Amplitude limits single requests to ${MAX_IDS} identifiers`);
		if (writing.has(cohort.id))
			throw new CohortError(
				429,
				'rate_limit',
				`Cohort ${cohort.id} is being modified by another request`,
			);
		writing.add(cohort.id);
		try {
			await sleep(config.cohortWriteMs);
			const resolved = body.memberships.map((entry) =>
				entry.ids.map((id) => [id, resolve(id, entry.id_type !== 'BY_NAME')]),
			);
			const skipped = resolved.map((pairs) =>
				pairs.filter(([, a]) => a === undefined).map(([id]) => id),
			);
			if (body.skip_invalid_ids === false && skipped.some((list) => list.length))
				invalid(`Invalid IDs: ${skipped.flat().slice(0, SAMPLE).join(', ')}`);
			body.memberships.forEach((entry, k) => {
				for (const [, amplitudeId] of resolved[k]) {
					if (amplitudeId === undefined) continue;
					if (entry.operation === 'ADD') cohort.members.add(amplitudeId);
					else cohort.members.delete(amplitudeId);
				}
			});
			cohort.lastMod = Math.floor(now() / 1000);
			return json(200, {
				cohort_id: cohort.id,
				memberships_result: body.memberships.map((entry, k) => ({
					skipped_ids: skipped[k],
					id_type: entry.id_type,
					operation: entry.operation,
				})),
			});
		} finally {
			writing.delete(cohort.id);
		}
	}

	const handles = (method, path) =>
		(method === 'GET' && path === '/api/3/cohorts') ||
		(method === 'POST' &&
			(path === '/api/3/cohorts/upload' || path === '/api/3/cohorts/membership'));

	async function handle(ctx) {
		try {
			if (ctx.path === '/api/3/cohorts') return list(ctx.query);
			if (ctx.path === '/api/3/cohorts/upload') return upload(ctx);
			return await membership(ctx);
		} catch (error) {
			if (error instanceof CohortError)
				return dashboardError(error.status, error.type, error.message);
			throw error;
		}
	}

	function reset() {
		cohorts.clear();
		writing.clear();
		created = 0;
	}

	return { cohorts, add, addSynthetic, sizeOf, handles, handle, reset };
}

module.exports = { createCohorts };
