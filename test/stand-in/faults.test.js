'use strict';

const { createAmplitudeServer } = require('../support/amplitude-server');
const { API_KEY, useServer, sendEvents, getApi, postForm, event } = require('./helpers');

const ctx = useServer();
const stored = () => ctx.server.store.events.length;
const statuses = async (n, send = () => sendEvents(ctx.url, [event()])) => {
	const list = [];
	for (let i = 0; i < n; i++) list.push((await send()).status);
	return list;
};

describe('kind: status', () => {
	test('times: n fails the first n matching requests with an Amplitude-like body, ingesting nothing', async () => {
		ctx.server.faults.set([{ kind: 'status', status: 503, times: 2 }]);
		const res = await sendEvents(ctx.url, [event()]);
		expect(res.json).toEqual({ code: 503, error: 'Service Unavailable' });
		expect(await statuses(2)).toEqual([503, 200]);
		expect(stored()).toBe(1);
		expect(ctx.server.faults.stats()).toEqual([{ kind: 'status', matched: 3, fired: 2 }]);
	});

	test('everyNth: k fails every k-th request; after: n lets the first n through', async () => {
		ctx.server.faults.set([{ kind: 'status', status: 502, everyNth: 3 }]);
		expect(await statuses(6)).toEqual([200, 200, 502, 200, 200, 502]);
		ctx.server.faults.set([{ kind: 'status', status: 500, after: 2, times: 1 }]);
		expect(await statuses(4)).toEqual([200, 200, 500, 200]);
	});

	test('probability uses a seeded PRNG: the same seed repeats the same pattern', async () => {
		const pattern = async (server, url) => {
			server.faults.set([{ kind: 'status', status: 500, probability: 0.5, seed: 42 }]);
			return statuses(20, () => sendEvents(url, [event()]));
		};
		const other = createAmplitudeServer({ apiKey: API_KEY });
		const otherUrl = await other.start();
		try {
			const first = await pattern(ctx.server, ctx.url);
			expect(first).toEqual(await pattern(other, otherUrl));
			expect(first).toContain(500);
			expect(first).toContain(200);
		} finally {
			await other.stop();
		}
	});

	test("ingestBeforeFailing stores the events, so the client's retry is deduplicated", async () => {
		ctx.server.faults.set([{ kind: 'status', status: 504, times: 1, ingestBeforeFailing: true }]);
		const batch = [event({ device_id: 'device-one' }), event()];
		expect((await sendEvents(ctx.url, batch)).status).toBe(504);
		expect(stored()).toBe(2);
		expect((await sendEvents(ctx.url, batch)).json.events_ingested).toBe(2);
		expect(stored()).toBe(2);
		expect(ctx.server.store.duplicates).toBe(2);
	});

	test('path limits a rule (string, array or prefix*); the body follows the API family', async () => {
		ctx.server.faults.set([
			{ kind: 'status', status: 500, path: '/batch' },
			{ kind: 'status', status: 429, path: '/api/2/*', retryAfterSeconds: 7 },
			{ kind: 'status', status: 503, path: ['/identify', '/v1/userprofile'] },
		]);
		expect((await sendEvents(ctx.url, [event()])).status).toBe(200);
		expect((await sendEvents(ctx.url, [event()], { path: '/batch' })).status).toBe(500);
		const dashboard = await getApi(ctx.url, '/api/2/events/list');
		expect(dashboard.status).toBe(429);
		expect(dashboard.headers.get('retry-after')).toBe('7');
		expect(dashboard.json).toEqual({
			error: { http_code: 429, type: 'rate_limit', message: 'Too many requests' },
		});
		expect((await postForm(ctx.url, '/identify', {})).status).toBe(503);
		const profile = await fetch(`${ctx.url}/v1/userprofile?user_id=x`);
		expect([profile.status, await profile.json()]).toEqual([503, { error: 'Service Unavailable' }]);
	});

	test('faults.clear() removes all rules; faults.set rejects unknown kinds', async () => {
		ctx.server.faults.set([{ kind: 'status', status: 500 }]);
		ctx.server.faults.clear();
		expect((await sendEvents(ctx.url, [event()])).status).toBe(200);
		expect(() => ctx.server.faults.set([{ kind: 'explode' }])).toThrow(/unknown kind/);
		expect(() => ctx.server.faults.set([{ kind: 'throttle' }])).toThrow(/eps/);
	});
});

describe('kind: partial400', () => {
	test('eventIndexes marks those events invalid and ingests nothing', async () => {
		ctx.server.faults.set([{ kind: 'partial400', eventIndexes: [1, 3, 9], times: 1 }]);
		const res = await sendEvents(ctx.url, [event(), event(), event(), event()]);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			code: 400,
			error: 'Invalid field values on some events',
			events_with_invalid_fields: { time: [1, 3] },
			events_with_missing_fields: {},
		});
		expect(stored()).toBe(0);
		expect((await sendEvents(ctx.url, [event(), event()])).status).toBe(200);
	});

	test('fraction picks events with the seeded PRNG under the given field', async () => {
		ctx.server.faults.set([{ kind: 'partial400', fraction: 0.5, field: 'user_id', seed: 7 }]);
		const res = await sendEvents(
			ctx.url,
			Array.from({ length: 20 }, () => event()),
		);
		const picked = res.json.events_with_invalid_fields.user_id;
		expect(picked.length).toBeGreaterThan(0);
		expect(picked.length).toBeLessThan(20);
	});
});

describe('kind: payloadLimit', () => {
	test('maxBytes answers 413 above the byte limit', async () => {
		ctx.server.faults.set([{ kind: 'payloadLimit', maxBytes: 500 }]);
		expect((await sendEvents(ctx.url, [event()])).status).toBe(200);
		const res = await sendEvents(
			ctx.url,
			Array.from({ length: 10 }, () => event()),
		);
		expect(res.json).toEqual({ code: 413, error: 'Payload too large' });
	});

	test('maxEvents answers 413 above the event count', async () => {
		ctx.server.faults.set([{ kind: 'payloadLimit', maxEvents: 2 }]);
		expect((await sendEvents(ctx.url, [event(), event(), event()])).status).toBe(413);
		expect((await sendEvents(ctx.url, [event(), event()])).status).toBe(200);
	});
});

describe('kind: throttle', () => {
	test('429 for devices and users above eps; the whole request is refused', async () => {
		ctx.server.faults.set([{ kind: 'throttle', eps: 2, windowMs: 1000, retryAfterSeconds: 30 }]);
		const res = await sendEvents(ctx.url, [
			event({ device_id: 'device-hot' }),
			event({ user_id: 'user-beta', device_id: 'device-hot' }),
			event({ user_id: 'user-gamma', device_id: 'device-hot' }),
			event(),
			event(),
			event({ user_id: 'user-calm' }),
		]);
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('30');
		expect(res.json).toEqual({
			code: 429,
			error: 'Too many requests for some devices and users',
			eps_threshold: 2,
			throttled_devices: { 'device-hot': 3 },
			throttled_users: { 'user-alpha': 3 },
			throttled_events: [0, 1, 2, 3, 4],
		});
		expect(stored()).toBe(0);
	});

	test('the rate is measured over the window with the server clock', async () => {
		ctx.server.faults.set([{ kind: 'throttle', eps: 3, windowMs: 1000 }]);
		const batch = () => [
			event({ user_id: 'user-one' }),
			event({ user_id: 'user-one' }),
			event({ user_id: 'user-two' }),
		];
		expect((await sendEvents(ctx.url, batch())).status).toBe(200);
		const res = await sendEvents(ctx.url, batch());
		expect(res.json.throttled_users).toEqual({ 'user-one': 4 });
		expect(res.json.throttled_events).toEqual([0, 1]);
		ctx.clock.now += 1000;
		expect((await sendEvents(ctx.url, batch())).status).toBe(200);
		expect(stored()).toBe(6);
	});
});

describe('kind: dailyQuota', () => {
	test('429 naming the devices and users over quota, with their events as throttled_events', async () => {
		ctx.server.faults.set([{ kind: 'dailyQuota', devices: ['device-spam'], users: ['user-spam'] }]);
		const res = await sendEvents(
			ctx.url,
			[event(), event({ device_id: 'device-spam' }), event({ user_id: 'user-spam' })],
			{ path: '/batch' },
		);
		expect(res.status).toBe(429);
		expect(res.json).toEqual({
			code: 429,
			error: 'Too many requests for some devices and users',
			eps_threshold: 1000,
			throttled_devices: {},
			throttled_users: {},
			exceeded_daily_quota_devices: { 'device-spam': 500001 },
			exceeded_daily_quota_users: { 'user-spam': 500001 },
			throttled_events: [1, 2],
		});
		expect((await sendEvents(ctx.url, [event()], { path: '/batch' })).status).toBe(200);
	});
});

describe('connection faults', () => {
	test('slow delays the answer and then carries on with later rules', async () => {
		ctx.server.faults.set([
			{ kind: 'slow', delayMs: 150, times: 1 },
			{ kind: 'status', status: 500, times: 1 },
		]);
		const started = Date.now();
		const res = await sendEvents(ctx.url, [event()]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(res.status).toBe(500);
	});

	test('slow lets a client time out', async () => {
		ctx.server.faults.set([{ kind: 'slow', delayMs: 2000, times: 1 }]);
		const request = fetch(`${ctx.url}/2/httpapi`, {
			method: 'POST',
			body: '{}',
			signal: AbortSignal.timeout(100),
		});
		await expect(request).rejects.toThrow();
	});

	test.each(['drop', 'reset'])('%s closes the connection without an answer', async (kind) => {
		ctx.server.faults.set([{ kind, times: 1 }]);
		await expect(sendEvents(ctx.url, [event()])).rejects.toThrow();
		expect(ctx.server.store.requests[0]).toMatchObject({ status: 0, fault: kind });
		expect((await sendEvents(ctx.url, [event()])).status).toBe(200);
	});

	test('drop with ingestBeforeFailing stores the events first', async () => {
		ctx.server.faults.set([{ kind: 'drop', times: 1, ingestBeforeFailing: true }]);
		const batch = [event()];
		await expect(sendEvents(ctx.url, batch)).rejects.toThrow();
		expect(stored()).toBe(1);
		await sendEvents(ctx.url, batch);
		expect(ctx.server.store.duplicates).toBe(1);
	});
});
