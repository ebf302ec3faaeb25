'use strict';
// Dashboard REST API (/api/2/..., /api/3/chart/{id}/csv): Basic auth, routing, and
// GET /api/2/events/list.
//
// Auth: no or malformed `Authorization: Basic` header -> 401; a well-formed header with the
// wrong API key or secret -> 403 (what Amplitude answers for "invalid API/Secret key or wrong
// data region"). Both bodies: {"error":{"http_code":...,"type":...,"message":...}}.
// /events/list `totals` counts every stored event of that type (not only this week's).

const { json } = require('./http-util');
const { ParamError } = require('./dashboard-params');
const { isAnalyticsEvent } = require('./event-query');
const { segmentation } = require('./segmentation');
const { activeUsers, realtime } = require('./active-users');
const { revenueLtv } = require('./revenue');
const { userSearch, userActivity } = require('./user-lookup');
const { funnels } = require('./funnels');
const { retention } = require('./retention');
const { sessionsAverage, sessionsPerUser, sessionLengths } = require('./sessions');
const { composition } = require('./composition');

const dashboardError = (status, type, message) =>
	json(status, { error: { http_code: status, type, message } });

function eventsList(events) {
	const totals = new Map();
	for (const e of events.filter(isAnalyticsEvent))
		totals.set(e.event_type, (totals.get(e.event_type) ?? 0) + 1);
	const data = [...totals]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, count]) => ({
			value: name,
			display: name,
			totals: count,
			hidden: false,
			deleted: false,
			non_active: false,
			flow_hidden: false,
		}));
	return { data };
}

/** The 401/403 answer for a missing or wrong `Authorization: Basic`, or null when it is right. */
function basicAuthError(header, { apiKey, secretKey }) {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	if (!decoded.includes(':'))
		return dashboardError(
			401,
			'unauthorized',
			'Missing or malformed Basic authorization (api_key:secret_key)',
		);
	const sep = decoded.indexOf(':');
	if (decoded.slice(0, sep) !== apiKey || decoded.slice(sep + 1) !== secretKey) {
		return dashboardError(403, 'forbidden', 'Invalid API/Secret key or wrong data region');
	}
	return null;
}

function createDashboard({ apiKey, secretKey, now, storeApi, savedCharts }) {
	const events = () => storeApi.store.events;
	const ROUTES = {
		'/api/2/events/segmentation': (q) => segmentation(q, events()),
		'/api/2/users': (q) => activeUsers(q, events()),
		'/api/2/realtime': (q) => realtime(q, events(), now()),
		'/api/2/revenue/ltv': (q) => revenueLtv(q, events()),
		'/api/2/usersearch': (q) => userSearch(q, storeApi),
		'/api/2/useractivity': (q) => userActivity(q, storeApi),
		'/api/2/events/list': () => eventsList(events()),
		'/api/2/funnels': (q) => funnels(q, events(), storeApi, now()),
		'/api/2/retention': (q) => retention(q, events(), storeApi, now()),
		'/api/2/sessions/average': (q) => sessionsAverage(q, events()),
		'/api/2/sessions/peruser': (q) => sessionsPerUser(q, events()),
		'/api/2/sessions/length': (q) => sessionLengths(q, events()),
		'/api/2/composition': (q) => composition(q, events(), storeApi),
	};

	const handles = (method, path) =>
		(method === 'GET' && path in ROUTES) || savedCharts.handlesRead(method, path);

	/** The 401/403 answer for a wrong `Authorization` header, or null (the other Dashboard paths use it). */
	const authError = (header) => basicAuthError(header, { apiKey, secretKey });

	/** ctx: { path, query, headers } */
	function handle(ctx) {
		const denied = authError(ctx.headers.authorization);
		if (denied) return denied;
		try {
			if (!(ctx.path in ROUTES)) return savedCharts.read(ctx.path, events());
			return json(200, ROUTES[ctx.path](ctx.query));
		} catch (error) {
			if (error instanceof ParamError) return dashboardError(400, 'invalid', error.message);
			throw error;
		}
	}

	return { handles, handle, authError };
}

module.exports = { createDashboard, basicAuthError, dashboardError };
