'use strict';

const { API_KEY, useServer, postJson, sendEvents, event } = require('./helpers');

const ctx = useServer();

describe('POST /2/httpapi and /batch: accepted events', () => {
	test.each(['/2/httpapi', '/batch'])(
		"%s stores events and answers Amplitude's 200 body",
		async (path) => {
			const events = [event(), event({ user_id: 'user-beta', device_id: 'device-beta' })];
			const res = await sendEvents(ctx.url, events, { path });
			expect(res.status).toBe(200);
			expect(res.json).toEqual({
				code: 200,
				events_ingested: 2,
				payload_size_bytes: expect.any(Number),
				server_upload_time: ctx.clock.now,
			});
			expect(ctx.server.store.events).toEqual(
				events.map((e) => ({
					...e,
					amplitude_id: expect.any(Number),
					server_received_time: ctx.clock.now,
				})),
			);
		},
	);

	test('accepts a gzip body and reports its received size', async () => {
		const res = await postJson(
			ctx.url,
			'/2/httpapi',
			{ api_key: API_KEY, events: [event()] },
			{ gzip: true },
		);
		expect(res.status).toBe(200);
		expect(ctx.server.store.events).toHaveLength(1);
		expect(res.json.payload_size_bytes).toBe(ctx.server.store.requests[0].bodyBytes);
	});

	test('gives each user one stable amplitude_id and merges an anonymous device into its user', async () => {
		await sendEvents(ctx.url, [
			event({ user_id: undefined, device_id: 'device-anon' }),
			event({ user_id: 'user-gamma', device_id: 'device-anon' }),
			event({ user_id: 'user-gamma' }),
			event({ user_id: 'user-delta' }),
		]);
		const ids = ctx.server.store.events.map((e) => e.amplitude_id);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[1]).toBe(ids[2]);
		expect(ids[3]).not.toBe(ids[0]);
	});

	test('silently removes IDs shorter than min_id_length, and options.min_id_length overrides it', async () => {
		await sendEvents(ctx.url, [event({ user_id: 'user-long', device_id: 'abc' })]);
		expect(ctx.server.store.events[0]).not.toHaveProperty('device_id');
		const res = await sendEvents(ctx.url, [event({ user_id: 'ab' })], {
			options: { min_id_length: 2 },
		});
		expect(res.status).toBe(200);
		expect(ctx.server.store.events[1].user_id).toBe('ab');
	});
});

describe('deduplication by insert_id + device_id', () => {
	test('a resent event is counted as ingested but stored once', async () => {
		const e = event({ device_id: 'device-one' });
		await sendEvents(ctx.url, [e]);
		const res = await sendEvents(ctx.url, [e, event()]);
		expect(res.json.events_ingested).toBe(2);
		expect(ctx.server.store.events).toHaveLength(2);
		expect(ctx.server.store.duplicates).toBe(1);
	});

	test('derives the device from user_id when device_id is missing', async () => {
		await sendEvents(ctx.url, [
			event({ insert_id: 'same' }),
			event({ insert_id: 'same' }),
			event({ insert_id: 'same', user_id: 'user-other' }),
		]);
		expect(ctx.server.store.events.map((e) => e.user_id)).toEqual(['user-alpha', 'user-other']);
		expect(ctx.server.store.duplicates).toBe(1);
	});

	test('the same insert_id on another device is a different event; dedup ends after 7 days', async () => {
		await sendEvents(ctx.url, [
			event({ insert_id: 'k', device_id: 'device-1' }),
			event({ insert_id: 'k', device_id: 'device-2' }),
		]);
		ctx.clock.now += 7 * 86_400_000;
		await sendEvents(ctx.url, [event({ insert_id: 'k', device_id: 'device-1' })]);
		expect(ctx.server.store.events).toHaveLength(3);
		expect(ctx.server.store.duplicates).toBe(0);
	});
});

describe('request errors', () => {
	test.each([
		['a wrong api_key', { api_key: 'nope', events: [event()] }],
		['a missing api_key', { events: [event()] }],
	])('%s -> 400 Invalid API key', async (_, body) => {
		const res = await postJson(ctx.url, '/2/httpapi', body);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ code: 400, error: 'Invalid API key' });
	});

	test('bad JSON -> 400 Invalid JSON request body', async () => {
		const res = await postJson(ctx.url, '/2/httpapi', '{"api_key":');
		expect(res.json).toEqual({ code: 400, error: 'Invalid JSON request body' });
	});

	test('broken gzip -> 400 Invalid JSON request body', async () => {
		const res = await postJson(ctx.url, '/2/httpapi', 'not gzip', {
			headers: { 'Content-Encoding': 'gzip' },
		});
		expect(res.json.error).toBe('Invalid JSON request body');
	});

	test('an empty body -> 400 Missing request body', async () => {
		const res = await postJson(ctx.url, '/2/httpapi', '');
		expect(res.json).toEqual({ code: 400, error: 'Missing request body' });
	});

	test.each([undefined, []])('events=%p -> 400 Request missing required field', async (events) => {
		const res = await postJson(ctx.url, '/batch', { api_key: API_KEY, events });
		expect(res.json).toEqual({
			code: 400,
			error: 'Request missing required field',
			missing_field: 'events',
		});
	});

	test('events that are not an array -> 400 Invalid event JSON', async () => {
		const res = await postJson(ctx.url, '/2/httpapi', {
			api_key: API_KEY,
			events: { event_type: 'x' },
		});
		expect(res.json.error).toBe('Invalid event JSON');
	});
});

describe('size limits -> 413', () => {
	const many = (n) => Array.from({ length: n }, () => event());
	const tooLarge = { code: 413, error: 'Payload too large' };

	test('/2/httpapi takes 1999 events but not 2000', async () => {
		expect((await sendEvents(ctx.url, many(1999))).status).toBe(200);
		const res = await sendEvents(ctx.url, many(2000));
		expect(res.status).toBe(413);
		expect(res.json).toEqual(tooLarge);
	});

	test('/batch takes 2000 events but not 2001', async () => {
		expect((await sendEvents(ctx.url, many(2000), { path: '/batch' })).status).toBe(200);
		expect((await sendEvents(ctx.url, many(2001), { path: '/batch' })).json).toEqual(tooLarge);
	});

	test('/2/httpapi refuses a 1 MB body that /batch accepts', async () => {
		const big = [
			event({
				event_properties: Object.fromEntries(
					Array.from({ length: 1100 }, (_, i) => [`p${i}`, 'x'.repeat(1000)]),
				),
			}),
		];
		expect((await sendEvents(ctx.url, big)).status).toBe(413);
		expect((await sendEvents(ctx.url, big, { path: '/batch' })).status).toBe(200);
	});
});
