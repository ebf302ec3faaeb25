'use strict';
// What the CLI e2e checks for examples/09-cohort-to-sheet.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { BASIC, amplitudeIdOf } = require('../checks');

const pad = (n) => String(n).padStart(5, '0');
// The cohort 08 left behind: user-00001 … user-00025 but user-00002, in Amplitude ID order.
const USERS = Array.from({ length: 25 }, (_, i) => `user-${pad(i + 1)}`).filter(
	(u) => u !== 'user-00002',
);

/** One cohort download's requests: request, three polls, the file's 302, the storage path. */
function assertDownload(requests, query) {
	assert.deepEqual(
		requests.map(
			(r) =>
				`${r.method} ${r.path.replace(/r\d+/, 'R')}${r.path.startsWith('/cohort-files') ? '' : r.query}`,
		),
		[
			`GET /api/5/cohorts/request/c0000001${query}`,
			'GET /api/5/cohorts/request-status/R',
			'GET /api/5/cohorts/request-status/R',
			'GET /api/5/cohorts/request-status/R',
			'GET /api/5/cohorts/request/R/file',
			'GET /cohort-files/R.csv.gz',
		],
	);
	assert.deepEqual(
		requests.map((r) => r.status),
		[202, 202, 202, 200, 302, 200],
	);
	for (const r of requests.slice(0, 5))
		assert.equal(r.headers.authorization, BASIC, `${r.path} uses Basic auth`);
	assert.equal(
		requests[5].headers.authorization,
		undefined,
		'no Authorization header to the storage host',
	);
}

module.exports = {
	readsFrom: ['01-send-events', '02-identify-users', '08-crm-list-to-cohort'],
	check: ({ output, store }) => {
		const picked = output('Pick the CRM cohort');
		assert.deepEqual(picked[0].json, {
			cohort_id: 'c0000001',
			name: 'CRM: enterprise trials',
			size: 24,
		});

		const members = output('Get members').map((item) => item.json);
		assert.deepEqual(
			members.map((m) => m.user_id),
			USERS,
		);
		for (const member of members) {
			const user = [...store.users.values()].find((u) => u.user_id === member.user_id);
			assert.deepEqual(member, {
				amplitude_id: user.amplitude_id,
				user_id: user.user_id,
				amplitude_id_2: String(user.amplitude_id),
				plan: user.properties.plan === undefined ? '' : String(user.properties.plan),
				company: user.properties.company === undefined ? '' : String(user.properties.company),
			});
		}
		assert.equal(members[0].company, 'Acme Corp', "02's identify set user-00001's company");

		const sheet = output('Write the sheet');
		assert.equal(sheet.length, 1);
		assert.equal(sheet[0].binary.data.fileName, 'crm-enterprise-trials.csv');
		assert.equal(sheet[0].binary.data.mimeType, 'text/csv');

		const file = output('Download members file');
		assert.equal(file.length, 1);
		const expectedBytes = Buffer.byteLength(
			`"amplitude_id","user_id"\n${USERS.map((u) => `"${amplitudeIdOf(store, u)}","${u}"\n`).join('')}`,
		);
		assert.deepEqual(file[0].json, {
			cohort_id: 'c0000001',
			request_id: file[0].json.request_id,
			file_name: 'cohort-c0000001.csv',
			bytes: expectedBytes,
		});
		assert.equal(file[0].binary.data.mimeType, 'text/csv');
		assert.equal(
			file[0].binary.data.bytes,
			expectedBytes,
			'the CSV as Amplitude sent it, gunzipped',
		);

		assert.deepEqual(
			output('Read the file').map((item) => item.json),
			USERS.map((u) => ({ amplitude_id: String(amplitudeIdOf(store, u)), user_id: u })),
			"n8n's own CSV reader finds every member in the binary file",
		);

		assert.equal(store.requests[0].path, '/api/3/cohorts');
		assertDownload(store.requests.slice(1, 7), '?props=1&propKeys=plan&propKeys=company');
		assertDownload(store.requests.slice(7), '');
	},
};
