const {
	EVENT_FIELDS,
	IDENTIFY_FIELDS,
	mapFields,
	normalizeWireFields,
	normalizeEvent,
	isNormalEvent,
	normalizedEventCopy,
	normalizeIdentification,
	normalizeGroupIdentification,
} = require('../../dist/nodes/Amplitude/helpers/ingestionFields');
const { InvalidInput } = require('../../dist/nodes/Amplitude/helpers/errors');

function errorOf(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

const T = Date.UTC(2026, 10, 1, 10, 0, 0); // 2026-11-01T10:00:00Z

describe('field tables', () => {
	test('revenue keys are camelCase on the wire, every other key snake_case', () => {
		const wire = Object.fromEntries(EVENT_FIELDS.map((spec) => [spec.name, spec.key]));
		expect(wire.productId).toBe('productId');
		expect(wire.revenueType).toBe('revenueType');
		expect(wire.sessionId).toBe('session_id');
		expect(wire.insertId).toBe('insert_id');
		expect(wire.locationLat).toBe('location_lat');
		expect(wire.androidId).toBe('android_id');
		expect(wire.skipUserPropertiesSync).toBe('$skip_user_properties_sync');
		for (const spec of EVENT_FIELDS) {
			if (['productId', 'revenueType'].includes(spec.name)) continue;
			expect(spec.key).not.toMatch(/[A-Z]/);
		}
	});

	test('the identify table has the Identify API keys', () => {
		expect(IDENTIFY_FIELDS.map((spec) => spec.key)).toEqual([
			'groups',
			'app_version',
			'platform',
			'os_name',
			'os_version',
			'device_brand',
			'device_manufacturer',
			'device_model',
			'carrier',
			'country',
			'region',
			'city',
			'dma',
			'language',
			'paying',
			'start_version',
		]);
	});
});

describe('mapFields', () => {
	test('maps camelCase parameters to wire keys with each kind coerced', () => {
		expect(
			mapFields(
				{
					time: '2026-11-01T10:00:00Z',
					sessionId: '1761991200000',
					insertId: 12345,
					appVersion: '2.1.0',
					locationLat: '52.52',
					locationLng: 13.405,
					price: '9.99',
					quantity: '2',
					revenue: 19.98,
					productId: 'sku-1',
					revenueType: 'purchase',
					groups: '{"company":"Acme"}',
					plan: { branch: 'main' },
					eventId: 7,
					skipUserPropertiesSync: 'true',
				},
				EVENT_FIELDS,
			),
		).toEqual({
			time: T,
			session_id: 1761991200000,
			insert_id: '12345',
			app_version: '2.1.0',
			location_lat: 52.52,
			location_lng: 13.405,
			price: 9.99,
			quantity: 2,
			revenue: 19.98,
			productId: 'sku-1',
			revenueType: 'purchase',
			groups: { company: 'Acme' },
			plan: { branch: 'main' },
			event_id: 7,
			$skip_user_properties_sync: true,
		});
	});

	test('empty values are left out, unknown parameters ignored', () => {
		expect(
			mapFields(
				{ platform: '', country: null, city: undefined, groups: '  ', other: 'x', language: 'en' },
				EVENT_FIELDS,
			),
		).toEqual({
			language: 'en',
		});
	});

	test.each([
		['false', false],
		[false, false],
		['true', true],
		[true, true],
	])('boolean %j → %j', (value, expected) => {
		expect(mapFields({ paying: value }, IDENTIFY_FIELDS)).toEqual({ paying: expected });
	});

	test.each([
		[{ paying: 'yes' }, IDENTIFY_FIELDS, `'Paying' must be true or false, but it is "yes"`],
		[{ paying: 1 }, IDENTIFY_FIELDS, `'Paying' must be true or false, but it is 1`],
		[{ quantity: '2.5' }, EVENT_FIELDS, `'Quantity' must be a whole number, but it is 2.5`],
		[{ quantity: 1.5 }, EVENT_FIELDS, `'Quantity' must be a whole number, but it is 1.5`],
		[{ sessionId: 'abc' }, EVENT_FIELDS, `'Session ID' must be a number, but it is "abc"`],
		[{ price: 'ten' }, EVENT_FIELDS, `'Price' must be a number, but it is "ten"`],
		[{ price: true }, EVENT_FIELDS, `'Price' must be a number, but it is true`],
		[{ price: '  ' }, EVENT_FIELDS, `'Price' must be a number, but it is "  "`],
		[{ platform: true }, EVENT_FIELDS, `'Platform' must be text, but it is true`],
		[{ platform: { os: 'ios' } }, EVENT_FIELDS, `'Platform' must be text, but it is {"os":"ios"}`],
		[
			{ groups: '[1]' },
			EVENT_FIELDS,
			`'Groups' must be a JSON object, but it is an array. Give an object such as {"plan": "pro"}`,
		],
		[
			{ time: 1761991200 },
			EVENT_FIELDS,
			`'Time' (1761991200) looks like epoch seconds; Amplitude needs milliseconds. Multiply it by 1000`,
		],
	])('%j is refused naming the field', (values, specs, message) => {
		const error = errorOf(() => mapFields(values, specs));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(message);
	});
});

describe('normalizeWireFields', () => {
	test('coerces wire keys on a copy, names errors by wire key, drops null and empty', () => {
		const object = {
			time: '2026-11-01T10:00:00Z',
			quantity: '3',
			price: '1.5',
			platform: '',
			city: null,
			extra: 'kept',
		};
		const before = JSON.stringify(object);
		expect(normalizeWireFields(object, EVENT_FIELDS)).toEqual({
			time: T,
			quantity: 3,
			price: 1.5,
			extra: 'kept',
		});
		expect(JSON.stringify(object)).toBe(before);
		const clean = { time: T, quantity: 3, extra: 'kept' };
		expect(normalizeWireFields(clean, EVENT_FIELDS)).toBe(clean);
		expect(errorOf(() => normalizeWireFields({ session_id: 'x' }, EVENT_FIELDS)).message).toBe(
			`'session_id' must be a number, but it is "x"`,
		);
	});
});

describe('normalizeEvent', () => {
	test('a full event is validated and normalized', () => {
		const event = {
			event_type: 'purchase',
			user_id: 12345678,
			device_id: '',
			event_properties: '{"sku":"sku-1"}',
			user_properties: { $set: { plan: 'pro' } },
			time: '2026-11-01T10:00:00Z',
			price: '9.99',
			quantity: '2',
			productId: 'sku-1',
			revenueType: 'purchase',
		};
		const before = JSON.stringify(event);
		const result = normalizeEvent(event, 5);
		// The input item's own JSON is never changed: the normalized event is a copy.
		expect(result).not.toBe(event);
		expect(JSON.stringify(event)).toBe(before);
		expect(result).toEqual({
			event_type: 'purchase',
			user_id: '12345678',
			event_properties: { sku: 'sku-1' },
			user_properties: { $set: { plan: 'pro' } },
			time: T,
			price: 9.99,
			quantity: 2,
			productId: 'sku-1',
			revenueType: 'purchase',
		});
	});

	test('an event that needs no change is used as it is, not copied', () => {
		const event = {
			event_type: 'open',
			user_id: 'user-12345',
			event_properties: { a: 1 },
			time: T,
		};
		expect(normalizeEvent(event, 5)).toBe(event);
		const identification = { user_id: 'user-12345', user_properties: { $set: { a: 1 } } };
		expect(normalizeIdentification(identification, 5)).toBe(identification);
		const group = { group_type: 'company', group_value: 'Acme', group_properties: { plan: 'x' } };
		expect(normalizeGroupIdentification(group)).toBe(group);
	});

	test('a device-only event, empty property objects dropped', () => {
		expect(
			normalizeEvent(
				{ event_type: 'open', device_id: 'device-1', event_properties: {}, user_properties: '' },
				5,
			),
		).toEqual({
			event_type: 'open',
			device_id: 'device-1',
		});
	});

	test.each([[undefined], [''], ['  '], [42]])('event_type %j is required', (eventType) => {
		const error = errorOf(() => normalizeEvent({ event_type: eventType, user_id: 'user-1' }, 5));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'Event Type' (event_type) is missing. Set it to the name of the event, e.g. "page_view"`,
		);
	});

	test.each([
		['product_id', 'productId'],
		['revenue_type', 'revenueType'],
	])('snake_case %s is refused with the camelCase name', (snake, camel) => {
		const error = errorOf(() =>
			normalizeEvent({ event_type: 'buy', user_id: 'user-1', [snake]: 'x' }, 5),
		);
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'${snake}' is not an Amplitude field: revenue keys are camelCase. Rename it to '${camel}'`,
		);
	});

	test('needs a user or a device', () => {
		expect(errorOf(() => normalizeEvent({ event_type: 'buy', user_id: null }, 5)).message).toBe(
			"Neither 'User ID' nor 'Device ID' is set. Amplitude needs at least one of them to attribute the data to a user",
		);
	});

	test('IDs are checked against placeholders and the minimum length', () => {
		expect(errorOf(() => normalizeEvent({ event_type: 'buy', user_id: 'null' }, 5)).message).toBe(
			`'User ID' is "null", a placeholder value Amplitude rejects. Send a real ID or leave it empty`,
		);
		expect(
			errorOf(() => normalizeEvent({ event_type: 'buy', device_id: 'abc' }, 5)).message,
		).toMatch(/^'Device ID' "abc" is shorter than 5 characters/);
		expect(normalizeEvent({ event_type: 'buy', device_id: 'abc' }, 3)).toEqual({
			event_type: 'buy',
			device_id: 'abc',
		});
	});

	test('properties must be objects and user_properties follow the operation rules', () => {
		expect(
			errorOf(() =>
				normalizeEvent({ event_type: 'buy', user_id: 'user-1', event_properties: '[1]' }, 5),
			).message,
		).toBe(
			`'Event Properties' must be a JSON object, but it is an array. Give an object such as {"plan": "pro"}`,
		);
		expect(
			errorOf(() =>
				normalizeEvent(
					{ event_type: 'buy', user_id: 'user-1', user_properties: { $set: { a: 1 }, b: 2 } },
					5,
				),
			).message,
		).toBe(
			`'User Properties' mixes operations ($set) with plain keys (b), which Amplitude rejects. Move the plain keys into "$set": {"$set": {"b": ...}}`,
		);
	});

	test('time in ISO form becomes epoch ms; a bad time names the wire key', () => {
		expect(
			normalizeEvent({ event_type: 'buy', user_id: 'user-1', time: '2026-11-01T11:00:00+01:00' }, 5)
				.time,
		).toBe(T);
		expect(
			errorOf(() => normalizeEvent({ event_type: 'buy', user_id: 'user-1', time: 'soon' }, 5))
				.message,
		).toBe(
			`'time' is not a valid time: "soon". Use epoch milliseconds (1796083200000) or an ISO date-time (2026-12-01T00:00:00Z)`,
		);
	});
});

describe('normalizeIdentification', () => {
	test('normalizes IDs, parses user_properties and coerces fields', () => {
		expect(
			normalizeIdentification(
				{
					user_id: 'user-12345',
					user_properties: '{"$set":{"plan":"pro"},"$add":{"logins":1}}',
					paying: 'true',
					city: 'Berlin',
				},
				5,
			),
		).toEqual({
			user_id: 'user-12345',
			user_properties: { $set: { plan: 'pro' }, $add: { logins: 1 } },
			paying: true,
			city: 'Berlin',
		});
	});

	test.each([[undefined], [''], [{}], ['{}']])('user_properties %j is required', (value) => {
		const error = errorOf(() =>
			normalizeIdentification({ user_id: 'user-12345', user_properties: value }, 5),
		);
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'User Properties' is empty. Give the properties to set, e.g. {"$set": {"plan": "pro"}}`,
		);
	});

	test('needs a user or device, and checks operations', () => {
		expect(
			errorOf(() => normalizeIdentification({ user_properties: { plan: 'pro' } }, 5)).message,
		).toMatch(/^Neither 'User ID' nor 'Device ID' is set/);
		expect(
			errorOf(() =>
				normalizeIdentification({ device_id: 'device-1', user_properties: { $inc: { a: 1 } } }, 5),
			).message,
		).toMatch(/^'User Properties' has an unknown operation "\$inc"/);
	});
});

describe('normalizeGroupIdentification', () => {
	test('group type and value as strings, properties parsed', () => {
		expect(
			normalizeGroupIdentification({
				group_type: 'org id',
				group_value: 12345678,
				group_properties: '{"$set":{"plan":"enterprise"}}',
			}),
		).toEqual({
			group_type: 'org id',
			group_value: '12345678',
			group_properties: { $set: { plan: 'enterprise' } },
		});
	});

	test.each([
		['group_type', 'Group Type'],
		['group_value', 'Group Value'],
	])('%s is required', (key, label) => {
		const identification = {
			group_type: 'company',
			group_value: 'Acme Corp',
			group_properties: { plan: 'x' },
		};
		identification[key] = ' ';
		const error = errorOf(() => normalizeGroupIdentification(identification));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'${label}' (${key}) is missing. Set it, e.g. group type "company" and group value "Acme Corp"`,
		);
	});

	test('group_properties is required and uses the group operations only', () => {
		expect(
			errorOf(() =>
				normalizeGroupIdentification({ group_type: 'company', group_value: 'Acme Corp' }),
			).message,
		).toBe(
			`'Group Properties' is empty. Give the properties to set, e.g. {"$set": {"plan": "enterprise"}}`,
		);
		expect(
			errorOf(() =>
				normalizeGroupIdentification({
					group_type: 'company',
					group_value: 'Acme Corp',
					group_properties: { $remove: { a: 1 } },
				}),
			).message,
		).toBe(
			`'Group Properties' has an unknown operation "$remove". Use one of $set, $setOnce, $add, $append, $prepend, $unset`,
		);
	});
});

describe('isNormalEvent (the fast path of normalizeEvent)', () => {
	const ABSENT = Symbol('absent');
	const choices = {
		event_type: ['page_view', '  ', ABSENT],
		user_id: [
			ABSENT,
			undefined,
			null,
			'',
			'   ',
			'user-00001',
			' user-00001 ',
			'abc',
			'NULL',
			12345,
		],
		device_id: [ABSENT, 'device-0001', null, '', 'n/a'],
		event_properties: [ABSENT, { plan: 'pro' }, {}, '{"plan":"pro"}', null, undefined],
		user_properties: [ABSENT, { $set: { plan: 'pro' } }],
		extra: [
			{},
			{ time: T },
			{ time: '2026-11-01T10:00:00Z' },
			{ time: T + 0.5 },
			{ time: 1793440800 },
			{ session_id: 5 },
			{ session_id: '5' },
			{ session_id: 5.5 },
			{ price: 1.5 },
			{ price: Number.NaN },
			{ platform: 'iOS' },
			{ platform: '' },
			{ platform: null },
			{ platform: 5 },
			{ platform: undefined },
			{ groups: { company: 'Acme' } },
			{ groups: '{"company":"Acme"}' },
			{ $skip_user_properties_sync: true },
			{ $skip_user_properties_sync: 'true' },
			{ product_id: 'sku-1' },
			{ shop: 'not an Amplitude field' },
		],
		prototype: ['plain', 'null', 'inherited'],
	};

	function* events() {
		for (const eventType of choices.event_type)
			for (const userId of choices.user_id)
				for (const deviceId of choices.device_id)
					for (const eventProperties of choices.event_properties)
						for (const userProperties of choices.user_properties)
							for (const extra of choices.extra)
								for (const prototype of choices.prototype) {
									const event =
										prototype === 'plain'
											? {}
											: Object.create(prototype === 'null' ? null : { user_id: 'inherited-1' });
									const fields = {
										event_type: eventType,
										user_id: userId,
										device_id: deviceId,
										event_properties: eventProperties,
										user_properties: userProperties,
									};
									for (const [key, value] of Object.entries(fields)) {
										if (value !== ABSENT) event[key] = value;
									}
									yield Object.assign(event, extra);
								}
	}

	const outcome = (fn) => {
		try {
			return { value: fn() };
		} catch (error) {
			return { error: error.message };
		}
	};

	test('answers true only where the general path returns the event itself, and normalizeEvent agrees with it everywhere', () => {
		const wrong = [];
		let normal = 0;
		let total = 0;
		for (const event of events()) {
			total++;
			const general = outcome(() => normalizedEventCopy(event, 5));
			if (isNormalEvent(event, 5)) {
				normal++;
				if (general.value !== event) wrong.push({ event, general });
			}
			const result = outcome(() => normalizeEvent(event, 5));
			if (
				result.error !== general.error ||
				(!Object.is(result.value, general.value) &&
					JSON.stringify(result.value) !== JSON.stringify(general.value))
			) {
				wrong.push({ event, result, general });
			}
		}
		expect(wrong).toEqual([]);
		expect(total).toBe(3 * 10 * 5 * 6 * 2 * 21 * 3);
		// The fast path covers the common shapes: valid IDs, object properties, typed fields.
		expect(normal).toBeGreaterThan(50);
	});

	test("takes a bulk send's usual event, and leaves every doubt to the general path", () => {
		const usual = { event_type: 'crm_sync', user_id: 'user-000123', event_properties: { deal: 1 } };
		expect(isNormalEvent(usual, 5)).toBe(true);
		expect(normalizeEvent(usual, 5)).toBe(usual);
		expect(isNormalEvent({ ...usual, user_id: 'user' }, 5)).toBe(false);
		expect(isNormalEvent({ ...usual, time: '2026-11-01T10:00:00Z' }, 5)).toBe(false);
		expect(isNormalEvent({ ...usual, platform: '' }, 5)).toBe(false);
		expect(isNormalEvent({ ...usual, user_properties: { $set: { a: 1 } } }, 5)).toBe(false);
		expect(isNormalEvent(Object.assign(Object.create(null), usual), 5)).toBe(false);
	});
});
