'use strict';
// What the CLI e2e checks for examples/04-user-lookup.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { WRITERS, PROFILE_AUTH, single, assertReads } = require('../checks');

module.exports = {
	readsFrom: WRITERS,
	check: ({ output, store }) => {
		const search = single(output, 'Search user', ['matches', 'type']);
		assert.deepEqual(search.matches, [{ user_id: 'user-00001', amplitude_id: 100000001 }]);
		assert.equal(search.type, 'match_user_or_device_id');

		const activity = single(output, 'Get user activity', ['events', 'user_data']);
		assert.equal(activity.events.length, 12, "user-00001's 10 events and 2 purchases");
		assert.ok(
			activity.events.every((e) => e.user_id === 'user-00001' && e.amplitude_id === 100000001),
		);
		const times = activity.events.map((e) => e.event_time);
		assert.deepEqual(times, [...times].sort().reverse(), 'latest first');
		assert.equal(activity.user_data.user_id, 'user-00001');
		assert.equal(activity.user_data.canonical_amplitude_id, 100000001);
		assert.equal(activity.user_data.num_events, 12);
		assert.equal(activity.user_data.purchases, 2);
		assert.equal(activity.user_data.revenue, 73.5);

		const profile = single(output, 'Get user profile', [
			'user_id',
			'device_id',
			'amp_props',
			'cohort_ids',
			'computations',
		]);
		assert.equal(profile.user_id, 'user-00001');
		assert.equal(profile.device_id, 'device-00001');
		assert.deepEqual(
			profile.amp_props,
			{
				...profile.amp_props,
				plan: 'pro',
				company: 'Acme Corp',
				seats: 1,
				upgrades: 1,
				signup_platform: 'iOS',
				last_product: 'team-monthly',
			},
			'user properties from 01 (events) and 02 (identify)',
		);
		assert.deepEqual(profile.cohort_ids, []);

		assertReads(store, [
			{ path: '/api/2/usersearch', query: { user: 'user-00001' } },
			{
				path: '/api/2/useractivity',
				query: { user: '100000001', offset: '0', limit: '20', direction: 'latest' },
			},
			{
				path: '/v1/userprofile',
				query: { user_id: 'user-00001', get_amp_props: 'true', get_cohort_ids: 'true' },
				auth: PROFILE_AUTH,
			},
		]);
	},
};
