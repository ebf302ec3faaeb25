'use strict';
// Experiment remote evaluation: GET /v1/vardata (the Experiment hosts' path).
//
// Auth: `Authorization: Api-Key <deploymentKey>` (default key "local-deployment-key"), else 401.
// Query: user_id and/or device_id (neither: 400), flag_keys (comma-separated; empty = every
// flag), context (URL-encoded JSON of the user context, e.g. {"user_properties": {...}}; invalid
// JSON: 400, as Amplitude documents).
// Flags come from the `flags` option (default DEFAULT_FLAGS below). A flag:
//   { key, variants: [{ value, weight = 1, payload? }], expKey?, deployed = true,
//     targeting?: { property, values } }  (a user property that must hold one of the values)
// A user gets a variant when the flag is deployed and the targeting (if any) matches; which one is
// fixed per flag and user: sha256("<flag>/<user_id or device_id>") picks by weight. Users that get
// no variant are left out of the answer (Amplitude answers {} for them). The answer per flag is
// v1's shape: {"key": <variant value>, "payload"?: …, "expKey"?: …}.
// Unless the request sends `X-Amp-Exp-Track: no-track`, each variant given is tracked as
// Amplitude does: an "[Experiment] Assignment" event for the user is stored (so it shows in
// exports and charts), with event property "<flag>.variant" and user property
// "[Experiment] <flag>" set to the variant; every tracked assignment is also in store.assignments.

const crypto = require('node:crypto');
const { json, parseJson, isPlainObject } = require('./http-util');

const DEFAULT_FLAGS = [
	{
		key: 'onboarding-email',
		expKey: 'exp-1',
		variants: [
			{ value: 'control', weight: 1 },
			{ value: 'treatment', weight: 1, payload: { subject: 'Get started in 3 steps' } },
		],
	},
	{
		key: 'new-checkout',
		variants: [{ value: 'on', weight: 1 }],
		targeting: { property: 'plan', values: ['pro', 'enterprise'] },
	},
	{ key: 'dark-mode', deployed: false, variants: [{ value: 'on', weight: 1 }] },
];

function bucket(flagKey, id) {
	const hash = crypto.createHash('sha256').update(`${flagKey}/${id}`).digest();
	return hash.readUInt32BE(0) / 2 ** 32;
}

function variantFor(flag, id, userProperties) {
	if (flag.deployed === false) return undefined;
	if (flag.targeting) {
		const value = userProperties?.[flag.targeting.property];
		if (!flag.targeting.values.includes(value)) return undefined;
	}
	const total = flag.variants.reduce((sum, v) => sum + (v.weight ?? 1), 0);
	let point = bucket(flag.key, id) * total;
	for (const variant of flag.variants) {
		point -= variant.weight ?? 1;
		if (point < 0) return variant;
	}
	return flag.variants[flag.variants.length - 1];
}

function createExperiment({ deploymentKey, flags = DEFAULT_FLAGS, storeApi, now }) {
	const assignments = [];

	function handle(ctx) {
		if ((ctx.headers.authorization ?? '') !== `Api-Key ${deploymentKey}`)
			return json(401, { error: 'Invalid deployment key' });
		const userId = ctx.query.get('user_id') || undefined;
		const deviceId = ctx.query.get('device_id') || undefined;
		if (!userId && !deviceId) return json(400, { error: 'user_id or device_id is required' });
		let context = {};
		if (ctx.query.get('context') !== null) {
			const parsed = parseJson(ctx.query.get('context'));
			if (!parsed.ok || !isPlainObject(parsed.value))
				return json(400, { error: 'Invalid JSON in context' });
			context = parsed.value;
		}
		const wanted = (ctx.query.get('flag_keys') ?? '')
			.split(',')
			.map((key) => key.trim())
			.filter(Boolean);
		const track = String(ctx.headers['x-amp-exp-track'] ?? '').toLowerCase() !== 'no-track';
		const answer = {};
		for (const flag of flags) {
			if (wanted.length && !wanted.includes(flag.key)) continue;
			const variant = variantFor(flag, userId ?? deviceId, context.user_properties);
			if (!variant) continue;
			answer[flag.key] = {
				key: variant.value,
				...(variant.payload !== undefined ? { payload: variant.payload } : {}),
				...(flag.expKey ? { expKey: flag.expKey } : {}),
			};
			if (track) {
				const time = now();
				assignments.push({
					user_id: userId ?? null,
					device_id: deviceId ?? null,
					flag: flag.key,
					variant: variant.value,
					time,
				});
				storeApi.addEvent(
					{
						event_type: '[Experiment] Assignment',
						user_id: userId,
						device_id: deviceId,
						time,
						event_properties: { [`${flag.key}.variant`]: variant.value },
						user_properties: { $set: { [`[Experiment] ${flag.key}`]: variant.value } },
					},
					time,
				);
			}
		}
		return json(200, answer);
	}

	return {
		handles: (method, path) => method === 'GET' && path === '/v1/vardata',
		handle,
		reset: () => (assignments.length = 0),
		assignments,
	};
}

module.exports = { createExperiment, DEFAULT_FLAGS };
