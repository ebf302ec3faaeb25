const { orderingKeys } = require('../../dist/nodes/Amplitude/transport/delivery');

describe('orderingKeys', () => {
	test('the devices, users and groups of a batch, each kind on its own', () => {
		const payloads = [
			{ event_type: 'e', user_id: 'user-1', device_id: 'device-1' },
			{ event_type: 'e', user_id: 'user-2' },
			{ group_type: 'company', group_value: 'Acme' },
			{ event_type: 'e', user_id: 'not in the batch' },
		];
		expect(orderingKeys([0, 1, 2], payloads)).toEqual({
			users: new Set(['user-1', 'user-2']),
			devices: new Set(['device-1']),
			groups: new Set(['company\u0000Acme']),
		});
	});

	test('a user ID and a device ID with the same text are different keys', () => {
		const keys = orderingKeys([0, 1], [{ user_id: 'same-1' }, { device_id: 'same-1' }]);
		expect([...keys.users]).toEqual(['same-1']);
		expect([...keys.devices]).toEqual(['same-1']);
	});
});
