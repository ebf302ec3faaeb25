'use strict';
// User properties for the charts that split or count users by one (funnels, retention,
// composition): `g` / `p` checks, and a user's value at an event or now.

const { BUILT_IN_USER_PROPERTIES, propertyValue } = require('./event-query');
const { fail } = require('./dashboard-params');

/**
 * A `g` or `p` user property: custom ones need the gp: prefix, built-in ones are Amplitude's list.
 * Anything else is Amplitude's 400 "Invalid user property".
 */
function checkUserProperty(name, parameter) {
	if (typeof name !== 'string' || name === '') fail(`Missing required parameter ${parameter}`);
	if (name.startsWith('gp:') && name.length > 3) return name;
	if (Object.prototype.hasOwnProperty.call(BUILT_IN_USER_PROPERTIES, name)) return name;
	return fail(`Invalid user property ${name}; custom user properties need the gp: prefix`);
}

/** The user's current value (identify and event user_properties applied, profile fields). */
function currentValue(user, name) {
	if (!user) return undefined;
	if (name.startsWith('gp:')) return user.properties[name.slice(3)];
	return user.fields[BUILT_IN_USER_PROPERTIES[name]] ?? user[BUILT_IN_USER_PROPERTIES[name]];
}

/** The value on the event itself, else the user's current value. */
function valueAt(event, name, storeApi) {
	return (
		propertyValue(event, 'user', name) ??
		currentValue(storeApi.findUser.byAmplitudeId(event.amplitude_id), name)
	);
}

module.exports = { checkUserProperty, currentValue, valueAt };
