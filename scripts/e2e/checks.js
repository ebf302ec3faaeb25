'use strict';
// Shared assertions and constants for the CLI e2e expectations (scripts/e2e/expect/*.js).
const assert = require('node:assert/strict');

const e2e = require('./n8n');

const { API_KEY, SECRET_KEY, DEPLOYMENT_KEY } = e2e;
const WRONG_KEY = 'e2e-wrong-key-99999999999999999999999';
// No output, error or stored execution data may contain a key, nor the Basic-auth form of the pair.
const SECRETS = [
	API_KEY,
	SECRET_KEY,
	DEPLOYMENT_KEY,
	WRONG_KEY,
	Buffer.from(`${API_KEY}:${SECRET_KEY}`).toString('base64'),
];
const range = (n) => Array.from({ length: n }, (_, i) => i);
const pairedIndex = (item) =>
	typeof item.pairedItem === 'number' ? item.pairedItem : item.pairedItem?.item;

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

/** The reads a stand-in received, in order: path, query (repeated keys as lists) and the auth header. */
function assertReads(store, expected) {
	assert.deepEqual(
		store.requests.map((r) => `${r.method} ${r.path}`),
		expected.map((e) => `GET ${e.path}`),
		'the requests, in order',
	);
	expected.forEach((e, i) => {
		const r = store.requests[i];
		// A repeated key (funnel steps: e=…&e=…) becomes the list of its values.
		const query = {};
		for (const [key, value] of new URLSearchParams(r.query))
			query[key] = key in query ? [].concat(query[key], value) : value;
		assert.deepEqual(query, e.query, `query of ${e.path}`);
		assert.equal(r.headers.authorization, e.auth ?? BASIC, `auth of ${e.path}`);
		assert.equal(r.status, 200, `${e.path} answered 200`);
	});
	assert.equal(store.events.length, 320, 'reads add no events');
}
const segmentationE = (e) => ({ start: LAST_WEEK, end: TODAY, ...e, e: JSON.stringify(e.e) });

/** The Amplitude ID the stand-in gave a user ID. */
function amplitudeIdOf(store, userId) {
	const user = [...store.users.values()].find((u) => u.user_id === userId);
	assert.ok(user, `the stand-in knows ${userId}`);
	return user.amplitude_id;
}

/** The form-encoded body of an Identify / Group Identify request. */
function formBody(request) {
	const form = new URLSearchParams(request.body);
	return { apiKey: form.get('api_key'), identification: JSON.parse(form.get('identification')) };
}

module.exports = {
	API_KEY,
	SECRET_KEY,
	DEPLOYMENT_KEY,
	WRONG_KEY,
	SECRETS,
	range,
	pairedIndex,
	WRITERS,
	BASIC,
	PROFILE_AUTH,
	sum,
	round2,
	ymd,
	LAST_WEEK,
	TODAY,
	DAYS,
	PURCHASE_REVENUE,
	single,
	assertChart,
	assertRows,
	assertReads,
	segmentationE,
	formBody,
	amplitudeIdOf,
};
