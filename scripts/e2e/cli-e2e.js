#!/usr/bin/env node
'use strict';
// End-to-end inside the real n8n CLI (pinned by scripts/e2e/setup-n8n.sh), fully offline:
// the packed package is installed as a community package, every workflow in examples/ runs
// against its own local Amplitude stand-in (one stand-in + credential per workflow, so each
// store sees exactly one workflow), and both the workflow output and what the stand-in
// received are checked (EXPECT). Two phases: the writing examples (01–03) first,
// then the read-back examples (04–06), whose stand-ins first get a replay of everything 01–03
// sent. Two built-in cases must fail: a wrong API key and a missing event type.
// Usage: npm run build && node scripts/e2e/cli-e2e.js [name-filter]
//        E2E_DUMP=dir also writes each case's run and what its stand-in received.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { demoEvents } = require(path.join(e2e.REPO, 'test/support/amplitude-server/demo-data'));

const { API_KEY, SECRET_KEY } = e2e;
const WRONG_KEY = 'e2e-wrong-key-99999999999999999999999';
// No output, error or stored execution data may contain a key, nor the Basic-auth form of the pair.
const SECRETS = [
	API_KEY,
	SECRET_KEY,
	WRONG_KEY,
	Buffer.from(`${API_KEY}:${SECRET_KEY}`).toString('base64'),
];
const range = (n) => Array.from({ length: n }, (_, i) => i);
const pairedIndex = (item) =>
	typeof item.pairedItem === 'number' ? item.pairedItem : item.pairedItem?.item;

// Per-example expectations, keyed by file name without .json. `check({ output, store, run })` throws on
// failure; output(nodeName) gives that node's output items, store is what its stand-in holds.
// `readsFrom: [names]` runs the example in the second phase, on a stand-in holding what those
// examples sent; otherwise `seed` (default true) loads the stand-in's demo data (3 users, 7 events;
// see demo-data.js) before the run. An example without an entry gets the demo data and only has to
// succeed with no `success: false` item from any Amplitude node (defaultCheck).
// The story of examples/: 01–03 write into empty stand-ins; 04–06 read back from stand-ins that
// were given everything 01–03 sent (see replayInto), so Amplitude IDs start at 100000001 with user-00001.
const WRITERS = ['01-send-events', '02-identify-users', '03-identify-groups'];
const BASIC = `Basic ${Buffer.from(`${API_KEY}:${SECRET_KEY}`).toString('base64')}`;
const PROFILE_AUTH = `Api-Key ${SECRET_KEY}`;
const sum = (list) => list.reduce((a, b) => a + b, 0);
const round2 = (n) => Math.round(n * 100) / 100;
const ymd = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const LAST_WEEK = ymd(7).replaceAll('-', '');
const TODAY = ymd(0).replaceAll('-', '');
const DAYS = Array.from({ length: 8 }, (_, i) => ymd(7 - i)); // x_values of a daily chart over LAST_WEEK..TODAY
const PURCHASE_REVENUE = 517.35; // 01's purchases: 5 × 24.50 + 5 × 9.99, once with quantity 1 and once with 2

/** The only output item of a node, with success: true and exactly `keys` at the top level. */
function single(output, node, keys) {
	const items = output(node);
	assert.ok(items, `node "${node}" ran`);
	assert.equal(items.length, 1, `"${node}" returns one item`);
	assert.equal(items[0].json.success, true, `"${node}" item has success: true`);
	if (keys)
		assert.deepEqual(
			Object.keys(items[0].json).sort(),
			['success', ...keys].sort(),
			`"${node}" top-level keys`,
		);
	return items[0].json;
}

/** A chart as the node outputs it: numeric series, each as long as x_values. */
function assertChart(json, node, { labels = 'series_labels', days = DAYS } = {}) {
	if (days)
		assert.deepEqual(
			json.x_values,
			days,
			`"${node}" x_values are the days ${days[0]} … ${days.at(-1)}`,
		);
	assert.ok(json.series.length > 0, `"${node}" has series`);
	assert.equal(
		json[labels].length,
		json.series.length,
		`"${node}" has one ${labels} entry per series`,
	);
	for (const points of json.series) {
		assert.equal(points.length, json.x_values.length, `"${node}" series as long as x_values`);
		assert.ok(
			points.every((v) => typeof v === 'number'),
			`"${node}" values are numbers`,
		);
	}
}

/** Output format rows: {date, series_label, value} items, values numbers, pairedItem 0. */
function assertRows(items, node) {
	assert.ok(items?.length > 0, `"${node}" returns rows`);
	for (const { json, pairedItem } of items) {
		assert.deepEqual(
			Object.keys(json).sort(),
			['date', 'series_label', 'value'],
			`"${node}" row keys`,
		);
		assert.equal(typeof json.value, 'number', `"${node}" row value is a number`);
		assert.equal(typeof json.series_label, 'string', `"${node}" row series_label is text`);
		assert.equal(pairedIndex({ pairedItem }), 0, `"${node}" rows point at the input item`);
	}
	return items.map((i) => i.json);
}

/** The reads a stand-in received, in order: path, query (a subset to compare) and the auth header. */
function assertReads(store, expected) {
	assert.deepEqual(
		store.requests.map((r) => `${r.method} ${r.path}`),
		expected.map((e) => `GET ${e.path}`),
		'the requests, in order',
	);
	expected.forEach((e, i) => {
		const r = store.requests[i];
		const query = Object.fromEntries(new URLSearchParams(r.query));
		assert.deepEqual(query, e.query, `query of ${e.path}`);
		assert.equal(r.headers.authorization, e.auth ?? BASIC, `auth of ${e.path}`);
		assert.equal(r.status, 200, `${e.path} answered 200`);
	});
	assert.equal(store.events.length, 320, 'reads add no events');
}
const segmentationE = (e) => ({ start: LAST_WEEK, end: TODAY, ...e, e: JSON.stringify(e.e) });

/** The form-encoded body of an Identify / Group Identify request. */
function formBody(request) {
	const form = new URLSearchParams(request.body);
	return { apiKey: form.get('api_key'), identification: JSON.parse(form.get('identification')) };
}

const EXPECT = {
	'01-send-events': {
		seed: false,
		check: ({ output, store }) => {
			const sent = output('Send events');
			assert.equal(sent.length, 300, 'Send events: one output item per input item');
			assert.deepEqual(
				sent.map(pairedIndex),
				range(300),
				'Send events: pairedItem points at each input, in order',
			);
			for (const { json } of sent) {
				assert.deepEqual(Object.keys(json).sort(), [
					'code',
					'events_ingested',
					'payload_size_bytes',
					'server_upload_time',
					'success',
				]);
				assert.equal(json.success, true);
				assert.equal(json.code, 200);
				assert.equal(json.events_ingested, 300, 'all 300 events went in one request');
				assert.equal(typeof json.server_upload_time, 'number');
			}
			const purchases = output('Send purchases');
			assert.equal(purchases.length, 20, 'Send purchases: one output item per input item');
			assert.deepEqual(purchases.map(pairedIndex), range(20));
			assert.ok(purchases.every((i) => i.json.success === true && i.json.events_ingested === 20));

			assert.deepEqual(
				store.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
				['POST /2/httpapi 200', 'POST /2/httpapi 200'],
				'two HTTP V2 requests',
			);
			const bodies = store.requests.map((r) => JSON.parse(r.body));
			assert.deepEqual(
				bodies.map((b) => [b.api_key, b.events.length]),
				[
					[API_KEY, 300],
					[API_KEY, 20],
				],
			);
			assert.equal(store.events.length, 320, 'the stand-in ingested 320 events');
			assert.equal(
				new Set(store.events.map((e) => e.insert_id)).size,
				320,
				'every event has its own insert_id',
			);
			// Auto-mapped events arrive as the Code node built them.
			const first = store.events[0];
			assert.deepEqual(
				[first.event_type, first.user_id, first.device_id, first.amplitude_id],
				['Sign Up', 'user-00001', 'device-00001', 100000001],
			);
			assert.deepEqual(first.user_properties, {
				$set: { plan: 'free' },
				$setOnce: { signup_platform: 'iOS' },
			});
			assert.deepEqual(
				[first.platform, first.country, first.app_version],
				['iOS', 'United States', '2.4.0'],
			);
			assert.equal(typeof first.time, 'number');
			assert.equal(new Set(store.events.map((e) => e.user_id)).size, 30, '30 users');
			assert.equal(store.events.filter((e) => e.event_type === 'Sign Up').length, 30);
			// Define-below purchases carry the revenue fields in Amplitude's wire names.
			const bought = store.events.filter((e) => e.event_type === 'Purchase');
			assert.equal(bought.length, 20);
			assert.deepEqual(bought[0], {
				...bought[0],
				user_id: 'user-00001',
				price: 24.5,
				quantity: 1,
				productId: 'team-monthly',
				revenueType: 'purchase',
				currency: 'USD',
				platform: 'Web',
				event_properties: { coupon: 'WELCOME10', channel: 'web-checkout' },
				user_properties: { $set: { last_product: 'team-monthly' } },
			});
			assert.ok(
				bought.every(
					(e) =>
						typeof e.time === 'number' &&
						typeof e.price === 'number' &&
						Number.isInteger(e.quantity),
				),
			);
			assert.equal(round2(sum(bought.map((e) => e.price * e.quantity))), PURCHASE_REVENUE);
		},
	},

	'02-identify-users': {
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
	},

	'03-identify-groups': {
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
	},

	'04-user-lookup': {
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
	},

	'05-events-and-segmentation': {
		readsFrom: WRITERS,
		check: ({ output, store }) => {
			const list = single(output, 'List events', ['events']);
			const counts = {};
			for (const e of store.events) counts[e.event_type] = (counts[e.event_type] ?? 0) + 1;
			assert.deepEqual(
				list.events.map((e) => [e.value, e.display_name, e.totals]),
				Object.keys(counts)
					.sort()
					.map((k) => [k, k, counts[k]]),
			);
			assert.deepEqual(Object.keys(counts).sort(), [
				'Open App',
				'Purchase',
				'Search',
				'Sign Up',
				'View Item',
			]);

			const byCountry = single(output, 'Open App users by country', [
				'series',
				'series_labels',
				'series_collapsed',
				'x_values',
			]);
			assertChart(byCountry, 'Open App users by country');
			assert.deepEqual(byCountry.series_labels.map((l) => l[1]).sort(), [
				'Brazil',
				'France',
				'Germany',
				'Japan',
				'United States',
			]);
			assert.deepEqual(
				byCountry.series_collapsed.map((c) => c[0].value),
				[6, 6, 6, 6, 6],
				'6 users per country opened the app',
			);

			const viewRows = assertRows(
				output('Daily View Item totals (rows)'),
				'Daily View Item totals (rows)',
			);
			assert.deepEqual(
				viewRows.map((r) => r.date),
				DAYS,
				'one row per day',
			);
			assert.equal(
				sum(viewRows.map((r) => r.value)),
				counts['View Item'],
				'the rows add up to every View Item event',
			);

			const productRows = assertRows(
				output('Weekly purchases by product (rows)'),
				'Weekly purchases by product (rows)',
			);
			assert.deepEqual([...new Set(productRows.map((r) => r.series_label))].sort(), [
				'pro-monthly',
				'team-monthly',
			]);
			assert.equal(sum(productRows.map((r) => r.value)), 20);

			assertReads(store, [
				{ path: '/api/2/events/list', query: {} },
				{
					path: '/api/2/events/segmentation',
					query: segmentationE({
						m: 'uniques',
						i: '1',
						e: { event_type: 'Open App', group_by: [{ type: 'user', value: 'country' }] },
						limit: '10',
					}),
				},
				{
					path: '/api/2/events/segmentation',
					query: segmentationE({
						m: 'totals',
						i: '1',
						e: { event_type: 'View Item' },
						limit: '50',
					}),
				},
				{
					path: '/api/2/events/segmentation',
					query: segmentationE({
						m: 'totals',
						i: '7',
						e: { event_type: 'Purchase', group_by: [{ type: 'user', value: 'gp:last_product' }] },
						limit: '50',
					}),
				},
			]);
		},
	},

	'06-active-users-and-revenue': {
		readsFrom: WRITERS,
		check: ({ output, store }) => {
			const active = single(output, 'Active users', ['series', 'series_meta', 'x_values']);
			assertChart(active, 'Active users', { labels: 'series_meta' });
			assert.deepEqual(active.series_meta, ['All Users']);
			assert.equal(Math.max(...active.series[0]), 30, 'all 30 users were active on some day');

			const newRows = assertRows(output('New users (rows)'), 'New users (rows)');
			assert.deepEqual(
				newRows.map((r) => [r.date, r.series_label]),
				DAYS.map((d) => [d, 'All Users']),
			);
			assert.equal(sum(newRows.map((r) => r.value)), 30, '30 new users in the week');

			const realtime = single(output, 'Realtime active users', [
				'series',
				'series_labels',
				'x_values',
			]);
			assertChart(realtime, 'Realtime active users', { days: null });
			assert.deepEqual(realtime.series_labels, ['Today', 'Yesterday']);
			assert.equal(realtime.x_values.length, 288, '5-minute buckets over a day');
			assert.ok(realtime.x_values.every((x) => /^\d\d:\d\d$/.test(x)));
			assert.ok(
				sum(realtime.series[0].slice(-7)) >= 30,
				'the 30 users of the last half hour show up',
			);

			const revenue = single(output, 'Revenue LTV', ['series', 'series_labels', 'x_values']);
			assertChart(revenue, 'Revenue LTV');
			for (const label of ['r1d', 'r7d', 'r30d', 'r90d', 'count', 'paid', 'total_amount'])
				assert.ok(revenue.series_labels.includes(label), `revenue has ${label}`);
			const series = (label) => revenue.series[revenue.series_labels.indexOf(label)];
			assert.equal(
				round2(sum(series('total_amount'))),
				PURCHASE_REVENUE,
				'total_amount adds up to every purchase',
			);
			assert.equal(sum(series('count')), 30, 'every user is in a cohort');
			assert.equal(sum(series('paid')), 10, '10 paying users');

			assertReads(store, [
				{ path: '/api/2/users', query: { start: LAST_WEEK, end: TODAY, m: 'active', i: '1' } },
				{ path: '/api/2/users', query: { start: LAST_WEEK, end: TODAY, m: 'new', i: '1' } },
				{ path: '/api/2/realtime', query: { i: '5' } },
				{ path: '/api/2/revenue/ltv', query: { start: LAST_WEEK, end: TODAY, m: '2', i: '1' } },
			]);
		},
	},
};

function defaultCheck({ run, output }) {
	const amplitudeNodes = run.workflow.nodes.filter((n) => n.type === e2e.NODE_TYPE);
	assert.ok(amplitudeNodes.length > 0, 'the workflow has an Amplitude node');
	for (const node of amplitudeNodes) {
		const items = output(node.name);
		assert.ok(items, `node "${node.name}" ran`);
		assert.ok(
			items.every((i) => i.json.success !== false),
			`node "${node.name}" has no failed item`,
		);
	}
}

// Built-in cases that must fail (each runs with `n8n execute --id`, which reports the error).
const trigger = {
	id: 'e2e-trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const codeNode = (items) => ({
	id: 'e2e-code',
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
});
const sendNode = {
	id: 'e2e-amplitude',
	name: 'Amplitude',
	type: e2e.NODE_TYPE,
	typeVersion: 1,
	position: [400, 0],
	parameters: {
		resource: 'event',
		operation: 'send',
		mappingMode: 'defineBelow',
		eventType: '={{ $json.event }}',
		userId: '={{ $json.user }}',
	},
};
const chain = (name, nodes) => ({
	name,
	nodes,
	settings: { executionOrder: 'v1' },
	connections: Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]),
	),
});

const FAILING = [
	{
		name: 'fails: wrong API key',
		apiKey: WRONG_KEY,
		workflow: chain('e2e wrong API key', [
			trigger,
			codeNode([{ event: 'e2e_wrong_key', user: 'e2e-user-1' }]),
			sendNode,
		]),
		check({ error, store }) {
			assert.match(error.message, /api key/i, 'the message says the API key is the problem');
			assert.equal(store.events.length, 0, 'nothing was ingested');
		},
	},
	{
		name: 'fails: missing event type',
		workflow: chain('e2e missing event type', [
			trigger,
			codeNode([
				{ event: 'ok', user: 'e2e-user-0' },
				{ user: 'e2e-user-1' },
				{ event: 'ok', user: 'e2e-user-2' },
			]),
			sendNode,
		]),
		check({ error, store }) {
			assert.equal(error.name, 'NodeOperationError', `a NodeOperationError (got ${error.name})`);
			assert.match(error.message, /event ?type/i, 'the message names the missing field');
			assert.match(
				`${error.message} ${error.description ?? ''}`,
				/\bitem 1\b/i,
				'the message names the item (index 1)',
			);
			assert.equal(store.requests.length, 0, 'caught before any request');
		},
	},
];

function loadExamples() {
	const dir = path.join(e2e.REPO, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({
			name: f.slice(0, -5),
			workflow: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')),
		}))
		.map((c) => ({ ...c, seed: true, check: defaultCheck, ...EXPECT[c.name] }));
}

/** The error of a failed `n8n execute` run, from the execution JSON it logs (or its text). */
function runError(result) {
	const error = result.run?.data?.resultData?.error;
	return error ?? { name: 'unknown', message: result.text.slice(-2000) };
}

/**
 * Replays what the writer examples' stand-ins accepted (their ingestion requests, in order) into a
 * reader's stand-in, so the read-back examples see exactly what the node sent; then clears the
 * reader's request log, so its checks see only the reads.
 */
async function replayInto(reader, writers) {
	for (const writer of writers) {
		for (const r of writer.server.store.requests) {
			if (r.method !== 'POST' || r.status !== 200 || !INGESTION_PATHS.includes(r.path)) continue;
			const res = await fetch(`${reader.server.url}${r.path}`, {
				method: 'POST',
				headers: { 'content-type': r.headers['content-type'] },
				body: r.body,
			});
			if (!res.ok)
				throw new Error(
					`replaying ${writer.name} ${r.path} into ${reader.name}: ${res.status} ${await res.text()}`,
				);
		}
	}
	reader.server.store.requests.length = 0;
}
const INGESTION_PATHS = ['/2/httpapi', '/batch', '/identify', '/groupidentify'];

async function main() {
	const t0 = Date.now();
	const filter = process.argv[2];
	const examples = loadExamples();
	const cases = [
		...examples.filter(
			(c) => !filter || c.name.includes(filter) || c.readsFrom?.some((w) => w.includes(filter)),
		),
		...FAILING.filter((c) => !filter || c.name.includes(filter)).map((c) => ({
			...c,
			mustFail: true,
		})),
	];
	// A read-back example needs its writers to run first (also when the filter left them out).
	for (const c of [...cases]) {
		for (const w of c.readsFrom ?? []) {
			const writer = examples.find((e) => e.name === w);
			if (!writer) throw new Error(`${c.name} reads from ${w}, which is not in examples/`);
			if (!cases.includes(writer)) cases.unshift(writer);
		}
	}
	const tmp = e2e.tempDir('amplitude-e2e-');
	const results = [];
	let n8n;
	try {
		n8n = await e2e.createN8n({ label: 'cli' });
		const tarball = await e2e.packRepo(tmp);
		const installed = await n8n.installPackage(tarball);
		e2e.log(
			`installed ${path.basename(tarball)} into ${n8n.folder}/.n8n/nodes (${installed.ms} ms)`,
		);

		for (const [i, c] of cases.entries()) {
			const nr = String(i + 1).padStart(4, '0');
			c.server = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
			const url = await c.server.start(0);
			if (c.seed && !c.readsFrom) c.server.seed(demoEvents(Date.now()));
			c.credential = e2e.standInCredential({
				id: `e2eCredential${nr}`,
				name: `Amplitude stand-in ${nr}`,
				apiKey: c.apiKey ?? API_KEY,
				secretKey: SECRET_KEY,
				url,
			});
			c.workflow = e2e.useCredential(
				{ ...structuredClone(c.workflow), id: `e2eWorkflow${nr}`, active: false },
				c.credential,
			);
		}
		await n8n.importCredentials(cases.map((c) => c.credential));
		await n8n.importWorkflows(cases.map((c) => c.workflow));
		e2e.log(`imported ${cases.length} workflows and credentials (${Date.now() - t0} ms so far)`);

		// Phase 1: examples that write (and any without readsFrom); phase 2: the read-back examples,
		// each against a stand-in that holds what phase 1 sent.
		// Each workflow runs with `n8n execute --id`, as a user would run it; E2E_BATCH=1 runs each
		// phase in one `n8n execute-batch` instead (one n8n start per phase, faster).
		const byStatus = {};
		const runBatch = async (list, label) => {
			if (!list.length) return;
			if (process.env.E2E_BATCH === '1') {
				const batch = await n8n.executeBatch(list.map((c) => c.workflow.id));
				e2e.log(`execute-batch of ${list.length} ${label} workflows: ${batch.ms} ms`);
				Object.assign(byStatus, batch.byId);
				return;
			}
			for (const c of list) {
				const r = await n8n.execute(c.workflow.id);
				e2e.log(`execute --id=${c.workflow.id} (${c.name}): exit ${r.code}, ${r.ms} ms`);
				const status = r.ok ? 'success' : 'error';
				byStatus[c.workflow.id] = {
					status,
					data: r.data,
					error: r.ok ? undefined : r.text.slice(-2000),
					text: r.text,
				};
			}
		};
		const passing = cases.filter((c) => !c.mustFail);
		await runBatch(
			passing.filter((c) => !c.readsFrom),
			'writing',
		);
		const readers = passing.filter((c) => c.readsFrom);
		for (const c of readers)
			await replayInto(
				c,
				c.readsFrom.map((w) => cases.find((x) => x.name === w)),
			);
		await runBatch(readers, 'read-back');

		for (const c of cases) {
			if (
				filter &&
				!c.mustFail &&
				!c.name.includes(filter) &&
				!c.readsFrom?.some((w) => w.includes(filter))
			)
				continue;
			let result;
			if (c.mustFail) {
				const r = await n8n.execute(c.workflow.id);
				e2e.log(`execute ${c.workflow.id} (${c.name}): exit ${r.code}, ${r.ms} ms`);
				result = { ok: r.ok, run: r.data, text: r.text, status: r.ok ? 'success' : 'error' };
			} else {
				const b = byStatus[c.workflow.id] ?? { status: 'missing' };
				result = {
					ok: b.status === 'success',
					run: b.data,
					text: b.text ?? JSON.stringify(b),
					status: b.status,
					error: b.error,
				};
			}
			dump(c, result);
			results.push(checkCase(c, result));
		}
	} finally {
		await Promise.all(cases.map((c) => c.server?.stop()));
	}
	const failed = results.filter((r) => !r).length;
	console.log(`\nCLI e2e finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed || results.length === 0 ? 1 : 0;
}

/** E2E_DUMP=dir: writes each case's run and what its stand-in received, for writing expectations. */
function dump(c, result) {
	if (!process.env.E2E_DUMP) return;
	fs.mkdirSync(process.env.E2E_DUMP, { recursive: true });
	const { store } = c.server;
	const received = {
		events: store.events,
		identifies: store.identifies,
		groupIdentifies: store.groupIdentifies,
		requests: store.requests.map(({ method, path: p, query, headers, status, body }) => ({
			method,
			path: p,
			query,
			authorization: headers.authorization,
			status,
			body: body?.slice(0, 300),
		})),
	};
	fs.writeFileSync(
		path.join(process.env.E2E_DUMP, `${c.name.replace(/[^\w-]+/g, '_')}.json`),
		JSON.stringify({ result, received }, null, 1),
	);
}

function checkCase(c, result) {
	const output = (nodeName) => e2e.nodeOutput(result.run, nodeName);
	let note = '';
	try {
		for (const secret of SECRETS)
			assert.ok(
				!result.text.includes(secret),
				`a key (${secret.slice(0, 12)}…) appears in the run's output`,
			);
		if (c.mustFail) {
			assert.ok(!result.ok, 'the run fails');
			const error = runError(result);
			c.check({ error, store: c.server.store });
			note = `\n     ${error.name}: ${error.message}`;
		} else {
			assert.ok(result.ok, `the run succeeds (status ${result.status}: ${result.error ?? ''})`);
			c.check({ run: { ...result.run, workflow: c.workflow }, output, store: c.server.store });
		}
		console.log(`ok   ${c.name}${note}`);
		return true;
	} catch (err) {
		console.log(`FAIL ${c.name}: ${err.message}`);
		if (process.env.E2E_VERBOSE) console.log(result.text.slice(-6000));
		return false;
	}
}

e2e.exitOnSignals();
main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
