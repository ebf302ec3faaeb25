'use strict';
// What the CLI e2e checks for examples/01-send-events.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { API_KEY, range, pairedIndex, sum, round2, PURCHASE_REVENUE } = require('../checks');

module.exports = {
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
					typeof e.time === 'number' && typeof e.price === 'number' && Number.isInteger(e.quantity),
			),
		);
		assert.equal(round2(sum(bought.map((e) => e.price * e.quantity))), PURCHASE_REVENUE);
	},
};
