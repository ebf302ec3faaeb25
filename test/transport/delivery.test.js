const {
	rejectedIndexes,
	isWholeRequestRejection,
	serializedBytes,
	orderingKeys,
} = require('../../dist/nodes/Amplitude/transport/delivery');

describe('rejectedIndexes', () => {
	test('the documented 400 body: each index once, with the first list’s reason', () => {
		const body = {
			code: 400,
			error: 'Request missing required field',
			missing_field: 'api_key',
			events_with_invalid_fields: { time: [3, 4, 7] },
			events_with_missing_fields: { event_type: [3, 4, 7] },
		};
		expect([...rejectedIndexes(body)]).toEqual([
			[3, "invalid value for field 'time'"],
			[4, "invalid value for field 'time'"],
			[7, "invalid value for field 'time'"],
		]);
	});

	test('every list, several fields, silenced devices', () => {
		const body = {
			code: 400,
			error: 'Invalid field values on some events',
			events_with_invalid_fields: { time: [0], price: [2] },
			events_with_missing_fields: { event_type: [1, 2] },
			events_with_invalid_id_lengths: { user_id: [5] },
			silenced_events: [6, 0],
			throttled_events: [8],
		};
		expect(rejectedIndexes(body)).toEqual(
			new Map([
				[0, "invalid value for field 'time'"],
				[2, "invalid value for field 'price'"],
				[1, "missing field 'event_type'"],
				[5, "ID shorter than the minimum length in field 'user_id'"],
				[6, 'device silenced by Amplitude for sending too many events'],
			]),
		);
	});

	test('throttled events are not rejections; junk is ignored', () => {
		expect(rejectedIndexes({ throttled_events: [1, 2] }).size).toBe(0);
		expect(
			rejectedIndexes({
				events_with_invalid_fields: { time: 'x', price: ['1', null, 3] },
				silenced_events: 'all',
			}),
		).toEqual(new Map([[3, "invalid value for field 'price'"]]));
		expect(rejectedIndexes({ events_with_invalid_fields: [1, 2] }).size).toBe(0);
		expect(rejectedIndexes('Bad request').size).toBe(0);
		expect(rejectedIndexes(undefined).size).toBe(0);
	});
});

describe('isWholeRequestRejection', () => {
	test.each([
		[{ code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
		[{ code: 400, error: 'Invalid API key' }],
		[{ code: 400, error: 'invalid api key' }],
		[{ code: 400, error: 'Missing request body' }],
		[{ code: 400, error: 'Invalid JSON request body' }],
		[{ code: 400, error: 'Invalid request path' }],
		[{ code: 400, missing_field: 'events' }],
	])('%j condemns the whole request', (body) => {
		expect(isWholeRequestRejection(body)).toBe(true);
	});

	test.each([
		[
			{
				code: 400,
				error: 'Invalid field values on some events',
				events_with_invalid_fields: { time: [1] },
			},
		],
		[{ code: 400, error: 'Events silenced for device_id', silenced_events: [0] }],
		[{ code: 400, error: 'Invalid event JSON' }],
		[{ code: 400, missing_field: null }],
		['missing_event'],
		[undefined],
	])('%j does not', (body) => {
		expect(isWholeRequestRejection(body)).toBe(false);
	});
});

describe('serializedBytes', () => {
	test('JSON bytes, UTF-8', () => {
		expect(serializedBytes(JSON.stringify({ event_type: 'a' }), false)).toBe(18);
		expect(serializedBytes(JSON.stringify({ city: 'Zürich' }), false)).toBe(
			Buffer.byteLength('{"city":"Zürich"}'),
		);
		expect(serializedBytes(JSON.stringify({ city: 'Zürich' }), false)).toBe(18);
	});

	test('form bodies count the URL-encoded JSON', () => {
		expect(serializedBytes(JSON.stringify({ event_type: 'a' }), true)).toBe(
			encodeURIComponent('{"event_type":"a"}').length,
		);
		expect(serializedBytes(JSON.stringify({ event_type: 'a' }), true)).toBe(32);
		expect(serializedBytes(JSON.stringify({ city: 'Zürich' }), true)).toBe(
			encodeURIComponent('{"city":"Zürich"}').length,
		);
	});
});

describe('orderingKeys', () => {
	const pending = (payload) => ({ itemIndex: 0, payload, bytes: 0 });

	test('devices, users and groups of a batch, each named by kind', () => {
		const keys = orderingKeys([
			pending({ event_type: 'e', user_id: 'user-1', device_id: 'device-1' }),
			pending({ event_type: 'e', user_id: 'user-2' }),
			pending({ group_type: 'company', group_value: 'Acme' }),
		]);
		expect([...keys]).toEqual(['d:device-1', 'u:user-1', 'u:user-2', 'g:company\u0000Acme']);
	});

	test('a user ID and a device ID with the same text are different keys', () => {
		expect([
			...orderingKeys([pending({ user_id: 'same-1' }), pending({ device_id: 'same-1' })]),
		]).toEqual(['u:same-1', 'd:same-1']);
	});
});
