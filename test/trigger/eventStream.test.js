const {
	parseEventTypes,
	eventTypeOf,
	eventKeyOf,
	USER_UPDATE_TYPE,
} = require('../../dist/nodes/Amplitude/trigger/eventStream');
const { streamedEvent, userUpdate, CUSTOM_PAYLOAD } = require('../support/triggerFixtures');

test.each([
	['', []],
	[undefined, []],
	['checkout_failed', ['checkout_failed']],
	[' checkout_failed ,Purchase,, ', ['checkout_failed', 'Purchase']],
	['Open App\nPurchase\r\n', ['Open App', 'Purchase']],
	['a, a, b', ['a', 'b']],
	[
		['a', 'b, c'],
		['a', 'b', 'c'],
	],
])('parseEventTypes(%j) → %j', (value, expected) => {
	expect(parseEventTypes(value)).toEqual(expected);
});

test('eventTypeOf: the event type; user updates and other payloads count as $identify', () => {
	expect(USER_UPDATE_TYPE).toBe('$identify');
	expect(eventTypeOf(streamedEvent())).toBe('checkout_failed');
	expect(eventTypeOf(userUpdate())).toBe('$identify');
	expect(eventTypeOf(CUSTOM_PAYLOAD)).toBe('$identify');
	expect(eventTypeOf({ event_type: 42 })).toBe('$identify');
	expect(eventTypeOf('text')).toBe('$identify');
});

describe('eventKeyOf', () => {
	test.each([
		[{ uuid: 'u-1', $insert_id: 'i', device_id: 'd' }, 'uuid:u-1'],
		[{ uuid: '', $insert_id: 'i', device_id: 'd' }, 'insert:i\u0000d'],
		[{ $insert_id: 'i', device_id: 'd' }, 'insert:i\u0000d'],
		[{ insert_id: 'i', device_id: 'd' }, 'insert:i\u0000d'],
		[{ $insert_id: 'i' }, 'insert:i\u0000'],
		[{ $insert_id: 7, device_id: 'd' }, 'insert:7\u0000d'],
		[{ uuid: null, $insert_id: null }, undefined],
		[{ user_id: 'u', device_id: 'd' }, undefined],
		[[{ uuid: 'u' }], undefined],
		['uuid', undefined],
	])('%j → %j', (payload, key) => {
		expect(eventKeyOf(payload)).toBe(key);
	});

	test('the same insert ID on two devices is two events', () => {
		expect(eventKeyOf({ $insert_id: 'i', device_id: 'a' })).not.toBe(
			eventKeyOf({ $insert_id: 'i', device_id: 'b' }),
		);
	});
});
