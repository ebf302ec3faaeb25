'use strict';
// Dashboard REST API (/api/2/...): Basic auth, routing, and GET /api/2/events/list.
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

function createDashboard({ apiKey, secretKey, now, storeApi }) {
	const events = () => storeApi.store.events;
	const ROUTES = {
		'/api/2/events/segmentation': (q) => segmentation(q, events()),
		'/api/2/users': (q) => activeUsers(q, events()),
		'/api/2/realtime': (q) => realtime(q, events(), now()),
		'/api/2/revenue/ltv': (q) => revenueLtv(q, events()),
		'/api/2/usersearch': (q) => userSearch(q, storeApi),
		'/api/2/useractivity': (q) => userActivity(q, storeApi),
		'/api/2/events/list': () => eventsList(events()),
	};

	function authError(header) {
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

	const handles = (method, path) => method === 'GET' && path in ROUTES;

	/** ctx: { path, query, headers } */
	function handle(ctx) {
		const denied = authError(ctx.headers.authorization);
		if (denied) return denied;
		try {
			return json(200, ROUTES[ctx.path](ctx.query));
		} catch (error) {
			if (error instanceof ParamError) return dashboardError(400, 'invalid', error.message);
			throw error;
		}
	}

	return { handles, handle, authError };
}

module.exports = { createDashboard };
