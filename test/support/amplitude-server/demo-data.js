'use strict';
// A few demo events (three users over the last three days, one purchase) for `cli.js --seed`, and
// the demo's saved chart.

const HOUR = 3_600_000;

function demoEvents(now) {
	const base = now - 2 * 24 * HOUR;
	const user = (userId, deviceId, country, platform) => ({
		user_id: userId,
		device_id: deviceId,
		country,
		platform,
	});
	const alice = user('demo-alice', 'demo-device-a1', 'United States', 'iOS');
	const bob = user('demo-bob', 'demo-device-b1', 'Germany', 'Android');
	const carol = user('demo-carol', 'demo-device-c1', 'United States', 'Web');
	const event = (who, eventType, offsetHours, extra = {}) => ({
		...who,
		event_type: eventType,
		time: base + offsetHours * HOUR,
		insert_id: `demo-${who.user_id}-${eventType}-${offsetHours}`,
		session_id: base + Math.floor(offsetHours) * HOUR,
		...extra,
	});
	return [
		event(alice, 'Sign Up', 0, { user_properties: { $set: { plan: 'free' } } }),
		event(alice, 'Open App', 1, { event_properties: { source: 'push' } }),
		event(bob, 'Open App', 2),
		event(bob, 'Purchase', 3, {
			price: 9.99,
			quantity: 2,
			productId: 'pro-monthly',
			revenueType: 'purchase',
		}),
		event(alice, 'Open App', 24),
		event(carol, 'Sign Up', 30, { user_properties: { $set: { plan: 'pro' } } }),
		event(carol, 'Open App', 47),
	];
}

/**
 * The saved chart examples/07 reads (the demo, the CLI e2e and `cli.js --seed` hold it): daily
 * unique Open App users by platform over the last 7 days, computed from the stored events.
 */
const DEMO_CHARTS = {
	open7day: {
		title: 'Open App users by platform',
		description: 'Daily unique users who opened the app, last 7 days',
		event: { event_type: 'Open App', group_by: [{ type: 'user', value: 'platform' }] },
		metric: 'uniques',
		days: 7,
	},
};

module.exports = { demoEvents, DEMO_CHARTS };
