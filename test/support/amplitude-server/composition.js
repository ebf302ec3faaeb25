'use strict';
// GET /api/2/composition?p=<property>: the users active (any analytics event) in [start, end] by
// their current value of one user property: gp:<name> for custom ones (as identify and event
// user_properties left them), built-in ones from the profile fields events and identifies carry;
// anything else is 400 "Invalid user property", as Amplitude answers. "(none)" counts users
// without it; a list value counts the user once per element. xValues: the values, most users
// first (then by name); series [[users per value]]; seriesLabels [p].

const { eventTime, isAnalyticsEvent, asLabel } = require('./event-query');
const { parseRange } = require('./dashboard-params');
const { checkUserProperty, currentValue } = require('./user-properties');
const { DAY_MS } = require('./dates');

function composition(query, events, storeApi) {
	const property = checkUserProperty(query.get('p'), 'p');
	const { start, end } = parseRange(query, 1);
	const active = new Set();
	for (const e of events) {
		if (isAnalyticsEvent(e) && eventTime(e) >= start && eventTime(e) < end + DAY_MS)
			active.add(e.amplitude_id);
	}
	const counts = new Map();
	for (const id of active) {
		const value = currentValue(storeApi.findUser.byAmplitudeId(id), property);
		const labels = new Set((Array.isArray(value) && value.length ? value : [value]).map(asLabel));
		for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
	}
	const sorted = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
	return {
		data: {
			xValues: sorted.map(([label]) => label),
			series: [sorted.map(([, n]) => n)],
			seriesLabels: [property],
		},
	};
}

module.exports = { composition };
