'use strict';
// Fault injection for reliability tests. Rule formats (all take an optional `path`: a string,
// a string ending in '*' for a prefix, or an array of those; no path = every request):
//
//   trigger options (any kind): times: n (fire at most n times), everyNth: k (fire on the k-th,
//     2k-th, ... matching request), probability: p (seeded PRNG; `seed` per rule, otherwise the
//     server seed + rule index), after: n (let the first n matching requests through).
//   { kind: 'status', status, ingestBeforeFailing?, retryAfterSeconds?, body? }
//   { kind: 'payloadLimit', maxBytes?, maxEvents? }           -> 413 above the limit
//   { kind: 'slow', delayMs }                                  -> delay, then carry on
//   { kind: 'drop', ingestBeforeFailing? }                     -> socket destroyed, no answer
//   { kind: 'reset', ingestBeforeFailing? }                    -> TCP RST (socket.resetAndDestroy)
//   { kind: 'partial400', eventIndexes? | fraction?, field = 'time' }   (event ingestion only)
//   { kind: 'throttle', eps, windowMs = 1000, retryAfterSeconds? }      (event ingestion only)
//   { kind: 'dailyQuota', devices?, users?, count = 500001, retryAfterSeconds? } (event ingestion only)
//
// Request-level kinds (status, payloadLimit, slow, drop, reset) are checked in order when a
// request has been read; the first one that fires wins, except `slow`, which adds its delay and
// lets later rules run. Event-level kinds are checked, in order, only for a valid /2/httpapi or
// /batch request; the first that fires decides the answer and nothing of that request is stored.

const http = require('node:http');
const { createPrng } = require('./prng');
const { addIndex } = require('./validation');

const REQUEST_KINDS = ['status', 'payloadLimit', 'slow', 'drop', 'reset'];
const EVENT_KINDS = ['partial400', 'throttle', 'dailyQuota'];
const DEFAULT_QUOTA_COUNT = 500_001;

function checkRule(rule, index) {
	const fail = (msg) => {
		throw new TypeError(`fault rule ${index} (${JSON.stringify(rule)}): ${msg}`);
	};
	if (!rule || typeof rule !== 'object') fail('must be an object');
	if (![...REQUEST_KINDS, ...EVENT_KINDS].includes(rule.kind)) fail(`unknown kind ${rule.kind}`);
	if (rule.kind === 'status' && !Number.isInteger(rule.status))
		fail('status needs an integer `status`');
	if (rule.kind === 'throttle' && !(rule.eps > 0)) fail('throttle needs `eps` > 0');
	if (rule.kind === 'payloadLimit' && rule.maxBytes === undefined && rule.maxEvents === undefined) {
		fail('payloadLimit needs `maxBytes` or `maxEvents`');
	}
	if (rule.kind === 'partial400' && !rule.eventIndexes && rule.fraction === undefined) {
		fail('partial400 needs `eventIndexes` or `fraction`');
	}
}

function pathMatches(pattern, path) {
	if (pattern === undefined) return true;
	return []
		.concat(pattern)
		.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : p === path));
}

/** Whether a rule fires this time; counts matches and firings. */
function fires(state) {
	const { rule } = state;
	state.matched += 1;
	const n = state.matched - (rule.after ?? 0);
	if (n <= 0) return false;
	if (rule.times !== undefined && state.fired >= rule.times) return false;
	if (rule.everyNth && n % rule.everyNth !== 0) return false;
	if (rule.probability !== undefined && !(state.rng() < rule.probability)) return false;
	state.fired += 1;
	return true;
}

const retryHeaders = (rule) =>
	rule.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {};

/** Error body in the style of the API family the path belongs to. */
function statusBody(status, family) {
	const message = status === 429 ? 'Too many requests' : http.STATUS_CODES[status] || 'Error';
	if (family === 'dashboard')
		return { error: { http_code: status, type: status === 429 ? 'rate_limit' : 'error', message } };
	if (family === 'profile') return { error: message };
	return { code: status, error: message };
}

function tooManyRequests(ctx, fields) {
	return {
		code: 429,
		error: 'Too many requests for some devices and users',
		eps_threshold: ctx.path === '/batch' ? 1000 : 30,
		throttled_devices: {},
		throttled_users: {},
		...(ctx.path === '/batch'
			? { exceeded_daily_quota_users: {}, exceeded_daily_quota_devices: {} }
			: {}),
		...fields,
	};
}

const EVENT_HANDLERS = {
	partial400(state, ctx) {
		const { rule } = state;
		const indexes = rule.eventIndexes
			? rule.eventIndexes.filter((i) => i < ctx.events.length)
			: ctx.events.map((_, i) => i).filter(() => state.rng() < rule.fraction);
		if (indexes.length === 0) return null;
		const invalid = {};
		for (const i of indexes) addIndex(invalid, [rule.field ?? 'time'], i);
		return { invalidFields: invalid };
	},

	throttle(state, ctx, now) {
		const { rule } = state;
		const windowMs = rule.windowMs ?? 1000;
		const keys = ctx.events.map((e) =>
			[e.device_id && `d:${e.device_id}`, e.user_id && `u:${e.user_id}`].filter(Boolean),
		);
		for (const key of keys.flat()) state.hits.set(key, [...(state.hits.get(key) ?? []), now]);
		const rates = new Map();
		for (const [key, times] of state.hits) {
			const recent = times.filter((t) => now - t < windowMs);
			state.hits.set(key, recent);
			const rate = (recent.length * 1000) / windowMs;
			if (rate > rule.eps) rates.set(key, rate);
		}
		const throttledEvents = keys.flatMap((k, i) => (k.some((key) => rates.has(key)) ? [i] : []));
		if (throttledEvents.length === 0) return null;
		const pick = (prefix) =>
			Object.fromEntries(
				[...rates].filter(([k]) => k.startsWith(prefix)).map(([k, r]) => [k.slice(2), r]),
			);
		const body = tooManyRequests(ctx, {
			eps_threshold: rule.eps,
			throttled_devices: pick('d:'),
			throttled_users: pick('u:'),
			throttled_events: throttledEvents,
		});
		return { response: { status: 429, json: body, headers: retryHeaders(rule) } };
	},

	dailyQuota(state, ctx) {
		const { rule } = state;
		const count = rule.count ?? DEFAULT_QUOTA_COUNT;
		const devices = {};
		const users = {};
		const throttledEvents = [];
		ctx.events.forEach((e, i) => {
			const overDevice = rule.devices?.includes(e.device_id);
			const overUser = rule.users?.includes(e.user_id);
			if (overDevice) devices[e.device_id] = count;
			if (overUser) users[e.user_id] = count;
			if (overDevice || overUser) throttledEvents.push(i);
		});
		if (throttledEvents.length === 0) return null;
		const body = tooManyRequests(ctx, {
			exceeded_daily_quota_devices: devices,
			exceeded_daily_quota_users: users,
			throttled_events: throttledEvents,
		});
		return { response: { status: 429, json: body, headers: retryHeaders(rule) } };
	},
};

/** Whether a request-level rule applies to this request before its trigger is consulted. */
function requestRuleApplies(rule, ctx) {
	if (rule.kind !== 'payloadLimit') return true;
	return (
		(rule.maxBytes !== undefined && ctx.bodyBytes > rule.maxBytes) ||
		(rule.maxEvents !== undefined && (ctx.eventCount ?? 0) > rule.maxEvents)
	);
}

function requestAction(rule, ctx) {
	switch (rule.kind) {
		case 'status':
			return {
				kind: 'status',
				ingestBeforeFailing: Boolean(rule.ingestBeforeFailing),
				response: {
					status: rule.status,
					json: rule.body ?? statusBody(rule.status, ctx.family),
					headers: retryHeaders(rule),
				},
			};
		case 'payloadLimit':
			return {
				kind: 'status',
				response: { status: 413, json: { code: 413, error: 'Payload too large' }, headers: {} },
			};
		default:
			return { kind: rule.kind, ingestBeforeFailing: Boolean(rule.ingestBeforeFailing) };
	}
}

function createFaults({ now, seed = 1 }) {
	let states = [];

	function set(rules) {
		if (!Array.isArray(rules)) throw new TypeError('faults.set expects an array of rules');
		rules.forEach(checkRule);
		states = rules.map((rule, i) => ({
			rule,
			matched: 0,
			fired: 0,
			rng: createPrng(rule.seed ?? seed + i),
			hits: new Map(),
		}));
	}

	const clear = () => set([]);
	const stats = () =>
		states.map(({ rule, matched, fired }) => ({ kind: rule.kind, matched, fired }));
	const matching = (kinds, path) =>
		states.filter((s) => kinds.includes(s.rule.kind) && pathMatches(s.rule.path, path));

	/** ctx: { path, family, bodyBytes, eventCount }. Returns { delayMs, action | null }. */
	function onRequest(ctx) {
		let delayMs = 0;
		for (const state of matching(REQUEST_KINDS, ctx.path)) {
			if (!requestRuleApplies(state.rule, ctx) || !fires(state)) continue;
			if (state.rule.kind === 'slow') delayMs += state.rule.delayMs ?? 0;
			else return { delayMs, action: requestAction(state.rule, ctx) };
		}
		return { delayMs, action: null };
	}

	/** ctx: { path, events }. Returns null, { invalidFields } or { response }. */
	function onEvents(ctx) {
		for (const state of matching(EVENT_KINDS, ctx.path)) {
			if (state.rule.kind !== 'throttle' && !fires(state)) continue;
			const outcome = EVENT_HANDLERS[state.rule.kind](state, ctx, now());
			// Throttle keeps counting traffic on every request; its trigger gates only the answer.
			if (outcome && (state.rule.kind !== 'throttle' || fires(state))) return outcome;
		}
		return null;
	}

	return { set, clear, stats, onRequest, onEvents };
}

module.exports = { createFaults, statusBody };
