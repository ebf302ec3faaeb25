'use strict';
// What the CLI e2e checks for examples/11-nightly-export-to-file.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const e2e = require('../n8n');
const { BASIC, single } = require('../checks');

const { demoEvents } = require(path.join(e2e.REPO, 'test/support/amplitude-server/demo-data'));
const { EXPORT_API } = require(path.join(e2e.REPO, 'dist/nodes/Amplitude/limits'));
const DELAY = EXPORT_API.dataDelayHours;
// Yesterday's hours that may not be exportable yet, as the warning can name the first of them.
const LAST_HOURS = Array.from({ length: DELAY }, (_, i) =>
	String(24 - DELAY + i).padStart(2, '0'),
).join('|');

const HOUR = 3_600_000;
const midnight = Date.UTC(
	new Date().getUTCFullYear(),
	new Date().getUTCMonth(),
	new Date().getUTCDate(),
);
const YESTERDAY = midnight - 24 * HOUR;
const Y = new Date(YESTERDAY).toISOString().slice(0, 10).replaceAll('-', '');
const EVENTS = demoEvents(YESTERDAY);
// By upload time: the first four arrive yesterday 03:15, the others 15:30 (UTC); exports select by it.
const UPLOADS = [
	[EVENTS.slice(0, 4), YESTERDAY + 3.25 * HOUR],
	[EVENTS.slice(4), YESTERDAY + 15.5 * HOUR],
];

module.exports = {
	seed(server) {
		for (const [events, receivedAt] of UPLOADS) server.seed(events, { receivedAt });
		// Today's events are not exported.
		server.seed(
			demoEvents(Date.now())
				.slice(0, 2)
				.map((e) => ({ ...e, insert_id: `${e.insert_id}-today` })),
		);
	},
	async check({ output, store, files, server }) {
		const name = `amplitude-export-${Y}T00-${Y}T23.zip`;
		const { warning, ...zip } = single(output, 'Export yesterday as a zip');
		// Amplitude makes an hour exportable about DELAY hours after it ends: until DELAY hours after
		// midnight (UTC), yesterday's last hours may be incomplete, and the node says which.
		const sinceMidnight = Date.now() - midnight;
		const margin = 10 * 60_000;
		if (warning === undefined) {
			assert.ok(
				sinceMidnight > DELAY * HOUR - margin,
				`no warning ${sinceMidnight} ms after midnight`,
			);
		} else {
			assert.ok(
				sinceMidnight < DELAY * HOUR + margin,
				`a warning ${sinceMidnight} ms after midnight`,
			);
			assert.match(
				warning,
				new RegExp(
					`^The hours from ${Y}T(${LAST_HOURS}) on \\(UTC\\) ended less than ${DELAY} hours ago`,
				),
			);
		}
		assert.deepEqual(zip, {
			success: true,
			start: `${Y}T00`,
			end: `${Y}T23`,
			file_name: name,
			size_bytes: zip.size_bytes,
			event_files: 2,
		});
		const [item] = output('Export yesterday as a zip');
		assert.equal(item.binary.data.fileName, name);
		assert.equal(item.binary.data.mimeType, 'application/zip');
		assert.match(item.binary.data.id, /^filesystem/, 'n8n stored the zip as a file (streamed)');

		// The file on disk is the zip the stand-in serves for that range, byte for byte.
		const written = fs.readFileSync(path.join(files, name));
		assert.equal(written.length, zip.size_bytes);
		const res = await fetch(`${server.url}/api/2/export?start=${Y}T00&end=${Y}T23`, {
			headers: { authorization: BASIC },
		});
		assert.equal(res.status, 200);
		assert.ok(written.equals(Buffer.from(await res.arrayBuffer())), 'the file is the export');
		assert.equal(output('Write the zip to disk').length, 1);

		const events = output('Export yesterday as items').map((i) => i.json);
		assert.deepEqual(
			events.map((e) => [e.event_type, e.user_id, e.event_time.slice(0, 10)]),
			EVENTS.map((e) => [e.event_type, e.user_id, new Date(e.time).toISOString().slice(0, 10)]),
			'every event of yesterday, in upload order, and none of today',
		);
		for (const e of events) {
			assert.equal(Object.keys(e).length, 55, 'all 55 exported keys');
			assert.equal(e.app, server.config.projectId, "the project's ID");
			assert.match(
				e.server_upload_time,
				new RegExp(`^${new Date(YESTERDAY).toISOString().slice(0, 10)} (03:15|15:30):00\\.000000$`),
			);
		}
		assert.ok(
			output('Export yesterday as items').every((i) => (i.pairedItem?.item ?? i.pairedItem) === 0),
		);
		assert.deepEqual(
			output('Events per type').map((i) => i.json),
			[
				{ event_type: 'Sign Up', count_uuid: 2 },
				{ event_type: 'Open App', count_uuid: 4 },
				{ event_type: 'Purchase', count_uuid: 1 },
			],
		);

		const exports = store.requests.filter((r) => r.path === '/api/2/export');
		assert.equal(exports.length, 3, 'two exports by the workflow, one by this check');
		for (const r of exports) {
			assert.deepEqual(Object.fromEntries(new URLSearchParams(r.query)), {
				start: `${Y}T00`,
				end: `${Y}T23`,
			});
			assert.equal(r.headers.authorization, BASIC);
		}
	},
};
