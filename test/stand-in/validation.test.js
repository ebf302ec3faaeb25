'use strict';

const { sendEvents, useServer, event } = require('./helpers');

const ctx = useServer();

/** Sends one bad event after a good one; checks the 400 body and that nothing was stored. */
async function expectRejected(bad, { invalid = {}, missing = {} }) {
	const res = await sendEvents(ctx.url, [event(), bad]);
	expect(res.status).toBe(400);
	expect(res.json).toEqual({
		code: 400,
		error: 'Invalid field values on some events',
		events_with_invalid_fields: invalid,
		events_with_missing_fields: missing,
	});
	expect(ctx.server.store.events).toHaveLength(0);
}

describe('per-event validation: one bad event rejects the whole request', () => {
	test.each([undefined, ''])(
		'event_type %p -> events_with_missing_fields.event_type',
		(eventType) =>
			expectRejected(event({ event_type: eventType }), { missing: { event_type: [1] } }),
	);

	test('no user_id and no device_id -> events_with_missing_fields.user_id', () =>
		expectRejected(event({ user_id: undefined }), { missing: { user_id: [1] } }));

	test('IDs that are all too short count as missing', () =>
		expectRejected(event({ user_id: 'abc', device_id: 'dev' }), { missing: { user_id: [1] } }));

	test.each(['1723000000000.5', '2024-08-01T00:00:00Z'])(
		'time %p -> events_with_invalid_fields.time',
		(time) => expectRejected(event({ time: Number(time) || time }), { invalid: { time: [1] } }),
	);

	test.each([
		'anonymous',
		'nil',
		'None',
		'NULL',
		'n/a',
		'na',
		'undefined',
		'Unknown',
		'',
		'00000000-0000-0000-0000-000000000000',
		'{}',
		'lmy47d',
		'0',
		'-1',
	])('user_id %p is rejected', (id) =>
		expectRejected(event({ user_id: id, device_id: 'device-ok' }), { invalid: { user_id: [1] } }),
	);

	test('a rejected device_id is listed under device_id', () =>
		expectRejected(event({ device_id: 'null' }), { invalid: { device_id: [1] } }));

	test('string values over 1024 characters are invalid, also nested ones', () =>
		expectRejected(
			event({ platform: 'x'.repeat(1025), event_properties: { deep: { v: 'y'.repeat(1025) } } }),
			{
				invalid: { platform: [1], event_properties: [1] },
			},
		));

	test('1024 characters are fine', async () => {
		expect((await sendEvents(ctx.url, [event({ platform: 'x'.repeat(1024) })])).status).toBe(200);
	});

	test('user_properties mixing operations and plain keys are invalid', () =>
		expectRejected(event({ user_properties: { $set: { a: 1 }, plan: 'x' } }), {
			invalid: { user_properties: [1] },
		}));

	test('indexes point into the request for several bad events', async () => {
		const res = await sendEvents(ctx.url, [
			event({ time: 'x' }),
			event(),
			event({ event_type: '' }),
			event({ time: 1.5 }),
		]);
		expect(res.json.events_with_invalid_fields).toEqual({ time: [0, 3] });
		expect(res.json.events_with_missing_fields).toEqual({ event_type: [2] });
	});

	test('a non-object event is listed as an invalid event', async () => {
		const res = await sendEvents(ctx.url, [event(), 'oops']);
		expect(res.json.events_with_invalid_fields).toEqual({ event: [1] });
	});

	test('numeric fields must be numbers: price, quantity, session_id', () =>
		expectRejected(event({ price: '9.99', quantity: 1.5, session_id: 'abc' }), {
			invalid: { session_id: [1], quantity: [1], price: [1] },
		}));
});
