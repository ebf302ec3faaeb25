// Options → Dry Run: every item is validated and outputs the exact payload a real send would
// carry, byte for byte, and nothing is sent. Checked against what really goes on the wire.
const { runAmplitude, jsonOf, US, EU, customCredentials } = require('../../support/harness');
const { setupNock, rawCaptureServer } = require('../../support/http');

setupNock();

const EXECUTION = 'exec-dry-run';
// The dry run and the real send run as the same execution would: one execution context.
const ESTABLISHED_AT = 1764547200000;

const OPERATIONS = {
	send: {
		parameters: (options) => ({
			resource: 'event',
			operation: 'send',
			eventType: '={{ $json.type }}',
			userId: '={{ $json.user }}',
			eventProperties: '={{ { n: $json.n, text: $json.text } }}',
			userPropertyOperations: {
				operation: [{ type: '$set', property: 'plan', value: '={{ $json.plan }}' }],
			},
			additionalFields: { time: '={{ $json.at }}', price: 9.5 },
			options,
		}),
		path: '/2/httpapi',
		answer: { code: 200, events_ingested: 3, payload_size_bytes: 1, server_upload_time: 1 },
		/** The serialized payloads in a raw request body. */
		carried: (raw) => raw.toString('utf8').match(/"events":\[(.*)\]\}$/s)[1],
	},
	identify: {
		parameters: (options) => ({
			resource: 'user',
			operation: 'identify',
			userId: '={{ $json.user }}',
			userProperties: '={{ { $set: { plan: $json.plan, text: $json.text } } }}',
			additionalFields: { country: 'Germany' },
			options,
		}),
		path: '/identify',
		answer: 'success',
		carried: (raw) => new URLSearchParams(raw.toString('utf8')).get('identification').slice(1, -1),
	},
	groupIdentify: {
		parameters: (options) => ({
			resource: 'group',
			operation: 'identify',
			groupType: 'company',
			groupValue: '={{ $json.user }}',
			groupProperties: '={{ { $set: { plan: $json.plan } } }}',
			groupPropertyOperations: {
				operation: [{ type: '$add', property: 'seats', value: '={{ $json.n }}' }],
			},
			options,
		}),
		path: '/groupidentify',
		answer: 'success',
		carried: (raw) => new URLSearchParams(raw.toString('utf8')).get('identification').slice(1, -1),
	},
};

const items = [
	{
		type: 'signup',
		user: 'user-0001',
		n: 1,
		plan: 'free',
		text: 'quote " and brace }',
		at: '2026-11-01T10:00:00Z',
	},
	{ type: 'upgrade', user: 'user-0002', n: 2, plan: 'pro', text: 'Zürich ✓', at: 1796083200000 },
	{ type: 'upgrade', user: 'user-0003', n: 3, plan: 'team', text: '', at: 1796083200001 },
];

describe.each(Object.keys(OPERATIONS))('%s', (name) => {
	const operation = OPERATIONS[name];

	test.each([
		['us', US],
		['eu', EU],
	])('a dry run on %s sends nothing and outputs each payload', async (_region, credentials) => {
		// setupNock refuses every connection: a request would fail the run.
		const result = await runAmplitude({
			items,
			credentials,
			executionId: EXECUTION,
			establishedAt: ESTABLISHED_AT,
			parameters: operation.parameters({ dryRun: true }),
		});
		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		for (const json of jsonOf(result)) {
			expect(Object.keys(json)).toEqual(['success', 'dry_run', 'payload']);
			expect(json.success).toBe(true);
			expect(json.dry_run).toBe(true);
		}
	});

	test('the dry run payloads are byte for byte what the real send carries', async () => {
		const server = await rawCaptureServer(() => [200, operation.answer]);
		try {
			const credentials = customCredentials(server.url);
			const dry = await runAmplitude({
				items,
				credentials,
				executionId: EXECUTION,
				establishedAt: ESTABLISHED_AT,
				parameters: operation.parameters({ dryRun: true }),
			});
			expect(server.requests).toHaveLength(0);
			const real = await runAmplitude({
				items,
				credentials,
				executionId: EXECUTION,
				establishedAt: ESTABLISHED_AT,
				parameters: operation.parameters({}),
			});
			expect(real.status).toBe('success');
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0].path).toBe(operation.path);
			const expected = jsonOf(dry)
				.map((json) => JSON.stringify(json.payload))
				.join(',');
			expect(operation.carried(server.requests[0].raw)).toBe(expected);
		} finally {
			await server.stop();
		}
	});
});

test('a dry run still refuses bad input, naming the item', async () => {
	const result = await runAmplitude({
		items: [
			{ type: 'signup', user: 'user-0001', plan: 'pro' },
			{ type: '', user: 'user-0002', plan: 'pro' },
		],
		parameters: OPERATIONS.send.parameters({ dryRun: true }),
	});
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/^'Event Type' \(event_type\) is missing.* \[item 1\]$/);
});

test('with continue on error, a dry run outputs the failure of a bad item beside the payloads', async () => {
	const result = await runAmplitude({
		continueOnFail: true,
		items: [
			{ type: 'signup', user: 'user-0001', plan: 'pro' },
			{ type: 'signup', user: 'null', plan: 'pro' },
		],
		parameters: OPERATIONS.send.parameters({ dryRun: true }),
	});
	const [first, second] = jsonOf(result);
	expect(first.dry_run).toBe(true);
	expect(first.payload.insert_id).toMatch(/^[0-9a-f]{32}$/);
	expect(second).toEqual({
		success: false,
		error: expect.stringMatching(/placeholder value.* \[item 1\]$/),
		code: null,
	});
});
