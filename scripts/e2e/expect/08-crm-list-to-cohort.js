'use strict';
// What the CLI e2e checks for examples/08-crm-list-to-cohort.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { DEFAULT_PROJECT_ID } = require('../../../test/support/amplitude-server/project');
const { API_KEY, BASIC, range, pairedIndex, amplitudeIdOf } = require('../checks');

const pad = (n) => String(n).padStart(5, '0');
const CONTACTS = [...range(24).map((i) => i + 1), 99];

module.exports = {
	readsFrom: ['01-send-events'],
	check: ({ output, store, server }) => {
		const mapped = output('Map CRM IDs');
		assert.deepEqual(
			mapped.map((item) => item.json),
			CONTACTS.map((n) => ({
				success: true,
				user_id: `user-${pad(n)}`,
				global_user_id: `crm-${pad(n)}`,
			})),
		);
		assert.deepEqual(mapped.map(pairedIndex), range(25), 'one mapping per contact, paired');
		assert.deepEqual(
			[...store.aliases],
			CONTACTS.map((n) => [`user-${pad(n)}`, `crm-${pad(n)}`]),
			'the stand-in keeps every mapping',
		);

		const uploaded = output('Upload cohort');
		assert.deepEqual(
			uploaded.map((item) => item.json),
			CONTACTS.map((n) => ({
				success: true,
				cohort_id: 'c0000001',
				user_id: `user-${pad(n)}`,
				status: n === 99 ? 'skipped' : 'applied',
			})),
			'user-00099 never used the app: skipped',
		);

		assert.deepEqual(
			output('Update membership').map((item) => item.json),
			[
				{
					success: true,
					cohort_id: 'c0000001',
					user_id: 'user-00025',
					action: 'add',
					status: 'applied',
				},
				{
					success: true,
					cohort_id: 'c0000001',
					user_id: 'user-00002',
					action: 'remove',
					status: 'applied',
				},
			],
		);

		const listed = output('List cohorts');
		assert.equal(listed.length, 1, 'List cohorts ran once (Execute Once)');
		const cohort = listed[0].json;
		assert.equal(cohort.id, 'c0000001');
		assert.equal(cohort.name, 'CRM: enterprise trials');
		assert.equal(cohort.size, 24, '24 app users, plus user-00025, minus user-00002');
		assert.deepEqual(cohort.owners, ['crm-sync@example.com']);
		assert.equal(cohort.app_id, DEFAULT_PROJECT_ID, "the credential's Project ID");
		assert.deepEqual(cohort.sync_metadata, []);
		assert.ok(!('appId' in cohort) && !('lastComputed' in cohort), 'keys are snake_case');

		const members = [...server.cohorts.all.get('c0000001').members].sort();
		const expected = [...range(25).map((i) => i + 1)]
			.filter((n) => n !== 2)
			.map((n) => amplitudeIdOf(store, `user-${pad(n)}`));
		assert.deepEqual(members, expected.sort(), "the stand-in's cohort holds those users");

		const requests = store.requests.map((r) => `${r.method} ${r.path}${r.query}`);
		assert.deepEqual(requests, [
			'POST /usermap',
			'POST /api/3/cohorts/upload',
			'POST /api/3/cohorts/membership',
			'GET /api/3/cohorts?includeSyncInfo=true',
		]);
		const [usermap, upload, membership, list] = store.requests;
		assert.equal(usermap.headers.authorization, undefined, 'user mapping takes no Authorization');
		assert.equal(
			new URLSearchParams(usermap.body).get('api_key'),
			API_KEY,
			'the API key goes in the form',
		);
		for (const r of [upload, membership, list])
			assert.equal(r.headers.authorization, BASIC, `${r.path} uses Basic auth`);
		assert.deepEqual(JSON.parse(upload.body), {
			name: 'CRM: enterprise trials',
			app_id: DEFAULT_PROJECT_ID,
			id_type: 'BY_USER_ID',
			ids: CONTACTS.map((n) => `user-${pad(n)}`),
			owner: 'crm-sync@example.com',
			published: true,
		});
		assert.deepEqual(JSON.parse(membership.body), {
			cohort_id: 'c0000001',
			memberships: [
				{ ids: ['user-00025'], id_type: 'BY_NAME', operation: 'ADD' },
				{ ids: ['user-00002'], id_type: 'BY_NAME', operation: 'REMOVE' },
			],
			skip_invalid_ids: true,
		});
	},
};
