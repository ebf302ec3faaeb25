'use strict';
// What the CLI e2e checks for examples/10-delete-user-from-crm.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { DEFAULT_PROJECT_ID } = require('../../../test/support/amplitude-server/project');
const { BASIC, ymd, amplitudeIdOf } = require('../checks');

const TODAY = ymd(0);
const JOB_DAY = ymd(-12);

module.exports = {
	readsFrom: ['01-send-events'],
	check: ({ output, store, server }) => {
		const [alice, bob] = ['user-00029', 'user-00030'].map((u) => amplitudeIdOf(store, u));
		const job = {
			day: JOB_DAY,
			status: 'staging',
			app: String(DEFAULT_PROJECT_ID),
			requester: 'crm-sync@example.com',
			requested_on_day: TODAY,
		};
		assert.deepEqual(
			output('Delete users').map((item) => item.json),
			[
				{ success: true, user_id: 'user-00029', amplitude_id: alice, ...job },
				{ success: true, user_id: 'user-00030', amplitude_id: bob, ...job },
			],
		);

		assert.deepEqual(
			output('Cancel deletion').map((item) => item.json),
			[
				{
					success: true,
					amplitude_id: bob,
					day: JOB_DAY,
					requested_on_day: TODAY,
					requester: 'crm-sync@example.com',
				},
			],
		);

		assert.deepEqual(
			output('List deletion jobs').map((item) => item.json),
			[
				{
					day: JOB_DAY,
					status: 'staging',
					app: String(DEFAULT_PROJECT_ID),
					active_scrub_done_date: null,
					amplitude_ids: [
						{ amplitude_id: alice, requested_on_day: TODAY, requester: 'crm-sync@example.com' },
					],
				},
			],
			'user-00030 was taken out of the job again',
		);
		assert.deepEqual(
			[...server.deletions.jobs.values()].map((j) => j.entries.map((e) => e.user_id)),
			[['user-00029']],
		);

		const [deletion, cancel, list] = store.requests;
		assert.deepEqual(
			store.requests.map((r) => `${r.method} ${r.path}`),
			[
				'POST /api/2/deletions/users',
				`DELETE /api/2/deletions/users/${bob}/${JOB_DAY}`,
				'GET /api/2/deletions/users',
			],
		);
		for (const r of [deletion, cancel, list])
			assert.equal(r.headers.authorization, BASIC, `${r.method} ${r.path} uses Basic auth`);
		assert.deepEqual(JSON.parse(deletion.body), {
			user_ids: ['user-00029', 'user-00030'],
			requester: 'crm-sync@example.com',
			ignore_invalid_id: true,
			delete_from_org: false,
			include_mapped_user_ids: true,
		});
		assert.deepEqual(Object.fromEntries(new URLSearchParams(list.query)), {
			start_day: ymd(30),
			end_day: ymd(-30),
		});
	},
};
