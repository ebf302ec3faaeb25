'use strict';
// What the CLI e2e checks for examples/02-identify-users.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { API_KEY, range, pairedIndex, formBody } = require('../checks');

module.exports = {
	seed: false,
	check: ({ output, store }) => {
		const items = output('Identify users');
		assert.equal(items.length, 5);
		assert.deepEqual(items.map(pairedIndex), range(5));
		for (const { json } of items)
			assert.deepEqual(json, { success: true, code: 200, message: 'success' });
		assert.deepEqual(
			store.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
			['POST /identify 200'],
			'one Identify request',
		);
		assert.match(store.requests[0].headers['content-type'], /application\/x-www-form-urlencoded/);
		const { apiKey, identification } = formBody(store.requests[0]);
		assert.equal(apiKey, API_KEY);
		assert.equal(identification.length, 5);
		assert.deepEqual(
			store.identifies.map((i) => i.user_id),
			['user-00001', 'user-00002', 'user-00003', 'user-00004', 'user-00005'],
		);
		const fourth = store.identifies[3];
		assert.deepEqual(fourth.user_properties, {
			$set: { plan: 'team', company: 'Initech' },
			$add: { seats: 12, upgrades: 1 },
		});
		assert.deepEqual(fourth.groups, { company: 'Initech' });
		assert.equal(fourth.paying, true);
		assert.equal(store.events.length, 0);
		// The dry run sent nothing (one request in all) and showed exactly what went out.
		const preview = output('Preview identifications (dry run)');
		assert.deepEqual(preview.map(pairedIndex), range(5));
		for (const { json } of preview)
			assert.deepEqual(Object.keys(json), ['success', 'dry_run', 'payload']);
		const sentText = new URLSearchParams(store.requests[0].body).get('identification');
		assert.equal(
			JSON.stringify(preview.map(({ json }) => json.payload)),
			sentText,
			'the dry-run payloads are byte for byte the identifications sent',
		);
	},
};
