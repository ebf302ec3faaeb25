'use strict';
// What the CLI e2e checks for examples/12-deploy-annotation.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { BASIC, single } = require('../checks');

const MINUTE = 60_000;
const recent = (ms) => Math.abs(Date.now() - ms) < 10 * MINUTE;

module.exports = {
	seed: false,
	check({ output, store }) {
		const release = single(output, 'Record the release');
		assert.deepEqual(store.releases, [
			Object.fromEntries(Object.entries(release).filter(([k]) => k !== 'success')),
		]);
		assert.equal(release.version, '2.4.0');
		assert.equal(release.title, 'Faster checkout');
		assert.equal(release.description, 'Commit a1b2c3d');
		assert.deepEqual(release.platforms, ['iOS', 'Android', 'Web']);
		assert.equal(release.params.created_by, 'release-bot');
		assert.equal(release.type, 'integration');
		assert.match(release.release_start, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		assert.ok(
			recent(Date.parse(`${release.release_start.replace(' ', 'T')}Z`)),
			'released now (UTC)',
		);

		const annotation = single(output, 'Annotate every chart');
		assert.deepEqual(annotation, {
			success: true,
			id: 1001,
			label: 'Deploy 2.4.0: Faster checkout',
			details: 'Commit a1b2c3d by release-bot',
			start: annotation.start,
			end: null,
			chart_id: null,
			category: 'Uncategorized',
			category_id: 1,
		});
		assert.match(annotation.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
		assert.ok(recent(Date.parse(annotation.start)));

		const listed = output('Annotations since the deploy').map((i) => i.json);
		const { success, ...stored } = annotation;
		assert.equal(success, true);
		assert.deepEqual(listed, [stored], 'the new annotation, read back');

		assert.deepEqual(
			store.requests.map((r) => `${r.method} ${r.path}`),
			['POST /api/2/release', 'POST /api/3/annotations', 'GET /api/3/annotations'],
		);
		for (const r of store.requests) assert.equal(r.headers.authorization, BASIC);
		const [releaseBody, annotationBody] = store.requests.map((r) =>
			r.body ? JSON.parse(r.body) : null,
		);
		assert.deepEqual(Object.keys(releaseBody).sort(), [
			'created_by',
			'description',
			'platforms',
			'release_start',
			'title',
			'version',
		]);
		assert.deepEqual(Object.keys(annotationBody).sort(), ['details', 'label', 'start']);
		// Sent with the workflow's offset (the e2e runs n8n in UTC).
		assert.match(annotationBody.start, /\+00:00$/);
		assert.deepEqual(Object.fromEntries(new URLSearchParams(store.requests[2].query)), {
			start: annotation.start,
		});
	},
};
