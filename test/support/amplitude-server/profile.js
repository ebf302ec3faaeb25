'use strict';
// User Profile API: GET /v1/userprofile with `Authorization: Api-Key <secret key>`.
//
// 401 {"error":"Missing Api-Key in Authorization header"} without that header,
// 401 {"error":"Invalid Api-Key"} for another key. Neither user_id nor device_id -> 400
// {"error":"Missing user_id or device_id"}. An unknown user -> 400
// {"error":"User id and device id not seen before"} (the docs give no status; an error status
// keeps clients from taking it for a profile). Cohorts come from the server's `cohorts` option
// ({ cohortId: [user or device IDs] }); no computations or recommendations are modelled, so
// get_computations adds nothing to amp_props and recommendations is always null.

const { json } = require('./http-util');
const { isoDate } = require('./dates');
const { eventTime, isAnalyticsEvent } = require('./event-query');

const flag = (query, name) => String(query.get(name)).toLowerCase() === 'true';

function createProfile({ secretKey, storeApi, cohorts }) {
	function ampProps(user) {
		const times = storeApi.store.events
			.filter((e) => e.amplitude_id === user.amplitude_id && isAnalyticsEvent(e))
			.map(eventTime);
		const props = {};
		if (user.fields.library) props.library = user.fields.library;
		if (times.length) {
			props.first_used = isoDate(Math.min(...times));
			props.last_used = isoDate(Math.max(...times));
		}
		return { ...props, ...user.properties };
	}

	function cohortIds(user) {
		const ids = [user.user_id, ...user.device_ids].filter(Boolean);
		return Object.keys(cohorts).filter((cohort) =>
			cohorts[cohort].some((member) => ids.includes(member)),
		);
	}

	/** ctx: { query, headers } */
	function handle(ctx) {
		const match = /^Api-Key\s+(\S+)\s*$/i.exec(ctx.headers.authorization ?? '');
		if (!match) return json(401, { error: 'Missing Api-Key in Authorization header' });
		if (match[1] !== secretKey) return json(401, { error: 'Invalid Api-Key' });
		const userId = ctx.query.get('user_id');
		const deviceId = ctx.query.get('device_id');
		if (!userId && !deviceId) return json(400, { error: 'Missing user_id or device_id' });
		const user =
			(userId && storeApi.findUser.byUserId(userId)) ||
			(deviceId && storeApi.findUser.byDeviceId(deviceId));
		if (!user) return json(400, { error: 'User id and device id not seen before' });
		const userData = {
			recommendations: null,
			user_id: user.user_id,
			device_id: deviceId || [...user.device_ids][0] || null,
		};
		if (flag(ctx.query, 'get_amp_props')) userData.amp_props = ampProps(user);
		else if (flag(ctx.query, 'get_computations')) userData.amp_props = {};
		if (flag(ctx.query, 'get_cohort_ids')) userData.cohort_ids = cohortIds(user);
		return json(200, { userData });
	}

	return { handle };
}

module.exports = { createProfile };
