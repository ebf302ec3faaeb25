'use strict';
// What the CLI e2e checks for examples/03-identify-groups.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { API_KEY, range, pairedIndex, formBody } = require('../checks');

module.exports = {
	seed: false,
	check: ({ output, store }) => {
		const items = output('Identify group');
		assert.equal(items.length, 3);
		assert.deepEqual(items.map(pairedIndex), range(3));
		for (const { json } of items)
			assert.deepEqual(json, { success: true, code: 200, message: 'success' });
		assert.deepEqual(
			store.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
			['POST /groupidentify 200'],
			'one Group Identify request',
		);
		const { apiKey, identification } = formBody(store.requests[0]);
		assert.equal(apiKey, API_KEY);
		assert.equal(identification.length, 3);
		assert.deepEqual(
			store.groupIdentifies.map((g) => [g.group_type, g.group_value]),
			[
				['company', 'Acme Corp'],
				['company', 'Globex'],
				['company', 'Initech'],
			],
		);
		assert.deepEqual(store.groupIdentifies[1].group_properties, {
			$set: { industry: 'Energy', plan: 'team' },
			$add: { employees: 1200 },
		});
		assert.deepEqual(store.groups.get('company\u0000Initech').properties, {
			industry: 'Software',
			plan: 'team',
			employees: 80,
		});
	},
};
