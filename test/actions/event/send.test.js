const { runAmplitude, jsonOf, US, EU } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');

setupNock();

const OK = [
	200,
	{ code: 200, events_ingested: 1, payload_size_bytes: 90, server_upload_time: 1764547200000 },
];
const send = (extra = {}) => ({
	resource: 'event',
	operation: 'send',
	eventType: 'signup',
	userId: 'user-42',
	...extra,
});

describe.each([
	['us', US],
	['eu', EU],
])('Send Event on the %s region', (region, credentials) => {
	test('POSTs JSON to /2/httpapi with api_key in the body and maps the answer', async () => {
		const seen = expectRequest(HOSTS[region].ingestion, 'POST', '/2/httpapi', OK);
		const result = await runAmplitude({ parameters: send(), credentials });

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		const [call] = seen.calls;
		expect(call.url).toBe(`${HOSTS[region].ingestion}/2/httpapi`);
		expect(call.headers['content-type']).toMatch(/^application\/json/);
		expect(call.headers.authorization).toBeUndefined();
		expect(call.body).toEqual({
			api_key: credentials.apiKey,
			events: [
				{
					event_type: 'signup',
					user_id: 'user-42',
					insert_id: expect.stringMatching(/^[0-9a-f]{32}$/),
				},
			],
		});
		expect(JSON.stringify(call)).not.toContain(credentials.secretKey);
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					code: 200,
					events_ingested: 1,
					payload_size_bytes: 90,
					server_upload_time: 1764547200000,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

test('expressions over input items build one event per item, all in one request', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', [
		200,
		{ code: 200, events_ingested: 3, payload_size_bytes: 300, server_upload_time: 1 },
	]);
	const items = [
		{ uid: 'user-1', plan: 'free', at: '2026-11-01T10:00:00Z' },
		{ uid: 'user-2', plan: 'pro', at: '2026-11-02T10:00:00Z' },
		{ uid: 'user-3', plan: 'team', at: 1764547200000 },
	];
	const result = await runAmplitude({
		items,
		parameters: send({
			eventType: '={{ "plan_" + $json.plan }}',
			userId: '={{ $json.uid }}',
			eventProperties: '={{ { plan: $json.plan } }}',
			additionalFields: {
				time: '={{ $json.at }}',
				price: 9.5,
				quantity: 2,
				productId: 'sku-1',
				revenueType: 'purchase',
			},
		}),
	});

	expect(result.status).toBe('success');
	expect(seen.calls).toHaveLength(1);
	const { events } = seen.calls[0].body;
	expect(events.map(({ insert_id, ...rest }) => rest)).toEqual([
		{
			event_type: 'plan_free',
			user_id: 'user-1',
			event_properties: { plan: 'free' },
			time: Date.parse('2026-11-01T10:00:00Z'),
			price: 9.5,
			quantity: 2,
			productId: 'sku-1',
			revenueType: 'purchase',
		},
		{
			event_type: 'plan_pro',
			user_id: 'user-2',
			event_properties: { plan: 'pro' },
			time: Date.parse('2026-11-02T10:00:00Z'),
			price: 9.5,
			quantity: 2,
			productId: 'sku-1',
			revenueType: 'purchase',
		},
		{
			event_type: 'plan_team',
			user_id: 'user-3',
			event_properties: { plan: 'team' },
			time: 1764547200000,
			price: 9.5,
			quantity: 2,
			productId: 'sku-1',
			revenueType: 'purchase',
		},
	]);
	expect(new Set(events.map((event) => event.insert_id)).size).toBe(3);
	expect(result.output.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
	expect(jsonOf(result).every((json) => json.success === true && json.events_ingested === 3)).toBe(
		true,
	);
});

test('auto-mapped input items are sent as they are, validated, without the define-below fields', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', OK);
	const event = {
		event_type: 'page_view',
		device_id: 'device-0001',
		event_properties: { page: '/home' },
		insert_id: 'given-insert-id',
	};
	const result = await runAmplitude({
		items: [event],
		parameters: { resource: 'event', operation: 'send', mappingMode: 'autoMapInputData' },
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].body.events).toEqual([event]);
});

test('auto-mapped input items are left as they were when the node normalizes a copy and adds an insert_id', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', OK);
	// The harness hands the node these very objects, as n8n hands a node the previous node's output.
	const items = [
		{ event_type: 'signup', user_id: 12345, device_id: null, event_properties: { plan: 'pro' } },
		{ event_type: 'page_view', device_id: 'device-0001' },
	];
	const before = structuredClone(items);
	const result = await runAmplitude({
		items,
		parameters: { resource: 'event', operation: 'send', mappingMode: 'autoMapInputData' },
	});

	expect(result.status).toBe('success');
	const insertId = expect.stringMatching(/^[0-9a-f]{32}$/);
	expect(seen.calls[0].body.events).toEqual([
		{
			event_type: 'signup',
			user_id: '12345',
			event_properties: { plan: 'pro' },
			insert_id: insertId,
		},
		{ event_type: 'page_view', device_id: 'device-0001', insert_id: insertId },
	]);
	expect(items).toEqual(before);
});

test('the Batch API and min_id_length options change the path and the envelope', async () => {
	const seen = expectRequest(HOSTS.eu.ingestion, 'POST', '/batch', OK);
	const result = await runAmplitude({
		credentials: EU,
		parameters: send({ userId: 'abc', options: { useBatchApi: true, minIdLength: 3 } }),
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].body).toMatchObject({
		options: { min_id_length: 3 },
		events: [{ user_id: 'abc' }],
	});
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			'a missing event type',
			send({ eventType: '={{ $json.missing ?? "" }}' }),
			/'Event Type' \(event_type\) is missing.*\[item 0\]/,
		],
		[
			'neither user ID nor device ID',
			send({ userId: '' }),
			/Neither 'User ID' nor 'Device ID' is set.*\[item 0\]/,
		],
		[
			'event properties that are not an object',
			send({ eventProperties: '[1, 2]' }),
			/'Event Properties' must be a JSON object, but it is an array.*\[item 0\]/,
		],
		[
			'event properties that are not JSON',
			send({ eventProperties: '{plan: pro}' }),
			/'Event Properties' is not valid JSON/,
		],
		[
			'operations mixed with plain keys',
			send({ userProperties: '{"$set": {"a": 1}, "plan": "pro"}' }),
			/mixes operations \(\$set\) with plain keys \(plan\).*"\$set"/,
		],
		['a short user ID', send({ userId: 'abc' }), /shorter than 5 characters.*Min ID Length/],
		['a placeholder user ID', send({ userId: 'null' }), /placeholder value Amplitude rejects/],
		[
			'a time that is not a date',
			send({ additionalFields: { time: 'yesterday-ish' } }),
			/'Time' is not a valid time/,
		],
		[
			'a time in seconds',
			send({ additionalFields: { time: 1764547200 } }),
			/looks like epoch seconds.*Multiply it by 1000/,
		],
	])('%s', async (_name, parameters, message) => {
		const result = await runAmplitude({ parameters });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(message);
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.context.itemIndex).toBe(0);
	});

	test('a bad item stops the node before the good ones are sent', async () => {
		const items = [{ uid: 'user-0001' }, { uid: '' }];
		const result = await runAmplitude({ items, parameters: send({ userId: '={{ $json.uid }}' }) });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/\[item 1\]$/);
	});

	test('auto-mapped items with snake_case revenue keys are refused with the right name', async () => {
		const items = [{ event_type: 'buy', user_id: 'user-0001', product_id: 'sku' }];
		const result = await runAmplitude({
			items,
			parameters: { resource: 'event', operation: 'send', mappingMode: 'autoMapInputData' },
		});
		expect(result.error.message).toMatch(/'product_id' is not an Amplitude field.*'productId'/);
	});
});

test('with continue on error, bad items fail alone, in order and paired, and the rest are sent', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', [
		200,
		{ code: 200, events_ingested: 2, payload_size_bytes: 10, server_upload_time: 5 },
	]);
	const items = [{ uid: 'user-0001' }, { uid: '' }, { uid: 'user-0003' }];
	const result = await runAmplitude({
		items,
		continueOnFail: true,
		parameters: send({ userId: '={{ $json.uid }}' }),
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].body.events.map((event) => event.user_id)).toEqual([
		'user-0001',
		'user-0003',
	]);
	expect(result.output.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
	expect(jsonOf(result)[0]).toMatchObject({ success: true });
	expect(jsonOf(result)[1]).toEqual({
		success: false,
		error: expect.stringMatching(/Neither 'User ID' nor 'Device ID'.*\[item 1\]/),
		code: null,
	});
	expect(jsonOf(result)[2]).toMatchObject({ success: true });
});

describe('parameters are read like n8n reads them, with less per-item cost', () => {
	test('plain $json paths, nested paths, missing paths, constants and full expressions give the same events', async () => {
		const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', OK);
		const items = [
			{ user: { id: 'user-0001' }, kind: 'a' },
			{ user: { id: 'user-0002' }, kind: 'b', device: 'device-0002' },
		];
		await runAmplitude({
			items,
			parameters: send({
				eventType: '={{ $json.kind }}',
				userId: '={{ $json.user.id }}',
				deviceId: '={{ $json.device }}',
				eventProperties: '{"source": "crm"}',
				userProperties: '={{ { $set: { kind: $json.kind.toUpperCase() } } }}',
			}),
		});
		expect(seen.calls[0].body.events.map(({ insert_id, ...event }) => event)).toEqual([
			{
				event_type: 'a',
				user_id: 'user-0001',
				event_properties: { source: 'crm' },
				user_properties: { $set: { kind: 'A' } },
			},
			{
				event_type: 'b',
				user_id: 'user-0002',
				device_id: 'device-0002',
				event_properties: { source: 'crm' },
				user_properties: { $set: { kind: 'B' } },
			},
		]);
	});

	test('a $json path that is missing on an item is empty, as in n8n', async () => {
		const result = await runAmplitude({
			items: [{ uid: 'user-0001' }, { other: 1 }],
			parameters: send({ userId: '={{ $json.uid }}' }),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/Neither 'User ID' nor 'Device ID' is set.*\[item 1\]$/);
	});
});
