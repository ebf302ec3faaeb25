'use strict';
// A small known data set for the analytics tests (T0 = 2024-08-01, a Thursday).
//   day 0: alice Open App ×2 (US, plan pro), bob Open App (Germany)
//   day 1: alice Open App, alice Purchase 10 × 2 (amount 20)
//   day 2: bob Purchase revenue 5 (amount 5), carol Open App (US); carol's $identify is no event

const { T0, DAY } = require('./helpers');

const HOUR = 3_600_000;
const alice = {
	user_id: 'user-alice',
	device_id: 'device-alice',
	country: 'United States',
	user_properties: { plan: 'pro' },
};
const bob = { user_id: 'user-bob', device_id: 'device-bob', country: 'Germany' };
const carol = { user_id: 'user-carol', device_id: 'device-carol', country: 'United States' };

let n = 0;
const at = (who, eventType, time, extra = {}) => ({
	...who,
	event_type: eventType,
	time,
	insert_id: `seed-${++n}`,
	...extra,
});

const analyticsEvents = () => [
	at(alice, 'Open App', T0 + 1 * HOUR, { session_id: T0 + HOUR, platform: 'iOS' }),
	at(alice, 'Open App', T0 + 2 * HOUR, {
		session_id: T0 + HOUR,
		event_properties: { source: 'push' },
	}),
	at(bob, 'Open App', T0 + 3 * HOUR),
	at(alice, 'Open App', T0 + DAY + HOUR, { session_id: T0 + DAY }),
	at(alice, 'Purchase', T0 + DAY + 2 * HOUR, {
		price: 10,
		quantity: 2,
		event_properties: { amount: 20 },
	}),
	at(bob, 'Purchase', T0 + 2 * DAY + HOUR, { revenue: 5, event_properties: { amount: 5 } }),
	at(carol, 'Open App', T0 + 2 * DAY + 2 * HOUR),
	at(carol, '$identify', T0 + 2 * DAY + 3 * HOUR, { user_properties: { $set: { plan: 'free' } } }),
];

module.exports = { analyticsEvents, HOUR };
