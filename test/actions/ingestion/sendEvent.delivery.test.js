// Send Event against the local Amplitude stand-in over real HTTP: batching and every documented
// partial-failure answer.
const { runAmplitude, jsonOf } = require('../../support/harness');
const { useStandIn, requestsTo } = require('../../support/standIn');

const standIn = useStandIn();

const FAST_RETRIES = { retryAttempts: 4, maxRetryWait: 0.01 };

function events(
	count,
	make = (i) => ({
		event_type: 'sync',
		user_id: `user-${String(i % 50).padStart(4, '0')}`,
		event_properties: { i },
	}),
) {
	return Array.from({ length: count }, (_, i) => make(i));
}

function send(items, options = {}, extra = {}) {
	return runAmplitude({
		items,
		credentials: standIn.credentials,
		parameters: {
			resource: 'event',
			operation: 'send',
			mappingMode: 'autoMapInputData',
			options: { ...FAST_RETRIES, ...options },
		},
		...extra,
	});
}

const storedIndexes = (server) =>
	server.store.events.map((event) => event.event_properties.i).sort((a, b) => a - b);

test('2500 events go out in ceil(2500 / 1000) requests, one output per item in order', async () => {
	const result = await send(events(2500));

	expect(result.status).toBe('success');
	expect(requestsTo(standIn.server, '/2/httpapi').map((request) => request.status)).toEqual([
		200, 200, 200,
	]);
	expect(standIn.server.store.events).toHaveLength(2500);
	expect(result.output).toHaveLength(2500);
	expect(
		result.output.every(
			(item, index) => item.pairedItem.item === index && item.json.success === true,
		),
	).toBe(true);
	expect(jsonOf(result)[0].events_ingested).toBe(1000);
	expect(jsonOf(result)[2499].events_ingested).toBe(500);
});

test('Batch Size and the 1 MB limit both split requests', async () => {
	await send(events(10), { batchSize: 4 });
	expect(requestsTo(standIn.server, '/2/httpapi')).toHaveLength(3);

	standIn.server.reset();
	const big = events(30, (i) => ({
		event_type: 'big',
		device_id: `device-${i}0000`,
		event_properties: { i, blob: Array(200).fill('x'.repeat(500)) },
	}));
	const result = await send(big);
	expect(result.status).toBe('success');
	const requests = requestsTo(standIn.server, '/2/httpapi');
	expect(requests.length).toBeGreaterThanOrEqual(4);
	expect(requests.every((request) => request.status === 200 && request.bodyBytes < 1_000_000)).toBe(
		true,
	);
	expect(standIn.server.store.events).toHaveLength(30);
});

test('a 400 naming some events fails only those items, with the field; the rest are resent and delivered', async () => {
	standIn.server.faults.set([
		{ kind: 'partial400', eventIndexes: [1, 3], field: 'time', times: 1 },
	]);
	const result = await send(events(6), {}, { continueOnFail: true });

	expect(requestsTo(standIn.server, '/2/httpapi').map((request) => request.status)).toEqual([
		400, 200,
	]);
	expect(storedIndexes(standIn.server)).toEqual([0, 2, 4, 5]);
	const json = jsonOf(result);
	expect(json.map((entry) => entry.success)).toEqual([true, false, true, false, true, true]);
	expect(json[1]).toEqual({
		success: false,
		error: expect.stringMatching(
			/Amplitude answered 400: .*invalid value for field 'time' \[item 1\]/,
		),
		code: 400,
	});
});

test('without continue on error, the node fails after delivering every deliverable item and lists the failed ones', async () => {
	standIn.server.faults.set([{ kind: 'partial400', eventIndexes: [2], times: 1 }]);
	const result = await send(events(5));

	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toMatch(
		/^1 of 5 items were not delivered to Amplitude \(the other 4 were\): .*\[item 2\]/,
	);
	expect(storedIndexes(standIn.server)).toEqual([0, 1, 3, 4]);
});

test('413 splits the request in halves until it fits; one event too large fails alone', async () => {
	standIn.server.faults.set([{ kind: 'payloadLimit', maxBytes: 40_000 }]);
	const items = events(40, (i) => ({
		event_type: 'e',
		user_id: `user-${i}0000`,
		event_properties: { i, pad: Array(i === 7 ? 120 : 4).fill('p'.repeat(500)) },
	}));
	const result = await send(items, {}, { continueOnFail: true });

	const json = jsonOf(result);
	expect(json.filter((entry) => !entry.success)).toHaveLength(1);
	expect(json[7]).toEqual({
		success: false,
		error: expect.stringMatching(
			/Amplitude answered 413: Payload too large \(this item alone is \d+ bytes\) \[item 7\]/,
		),
		code: 413,
	});
	expect(storedIndexes(standIn.server)).toEqual(
		Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 7),
	);
});

test('429 for throttled devices waits and retries until delivered', async () => {
	standIn.server.faults.set([
		{ kind: 'throttle', eps: 5, windowMs: 1000, retryAfterSeconds: 0, times: 2 },
	]);
	const result = await send(
		events(20, (i) => ({ event_type: 'e', device_id: 'hot-device-1', event_properties: { i } })),
	);

	expect(result.status).toBe('success');
	expect(requestsTo(standIn.server, '/2/httpapi').map((request) => request.status)).toEqual([
		429, 429, 200,
	]);
	expect(storedIndexes(standIn.server)).toEqual(Array.from({ length: 20 }, (_, i) => i));
});

test('devices over their daily quota fail with a message that says so; the others are delivered', async () => {
	standIn.server.faults.set([{ kind: 'dailyQuota', devices: ['spam-device-1'] }]);
	const items = events(4, (i) => ({
		event_type: 'e',
		device_id: i === 2 ? 'spam-device-1' : `device-${i}0000`,
		event_properties: { i },
	}));
	const result = await send(items, {}, { continueOnFail: true });

	const json = jsonOf(result);
	expect(json.map((entry) => entry.success)).toEqual([true, true, false, true]);
	expect(json[2]).toEqual({
		success: false,
		error: expect.stringMatching(/over Amplitude's daily event quota \[item 2\]/),
		code: 429,
	});
	expect(storedIndexes(standIn.server)).toEqual([0, 1, 3]);
});

test.each([
	['a 500 after ingesting', { kind: 'status', status: 500, ingestBeforeFailing: true, times: 2 }],
	['a 503', { kind: 'status', status: 503, times: 2 }],
	['a dropped connection after ingesting', { kind: 'drop', ingestBeforeFailing: true, times: 1 }],
	['a connection reset', { kind: 'reset', times: 1 }],
])('%s is retried, and insert_id dedup keeps every event exactly once', async (_name, rule) => {
	standIn.server.faults.set([rule]);
	const result = await send(events(30));

	expect(result.status).toBe('success');
	expect(requestsTo(standIn.server, '/2/httpapi').length).toBeGreaterThan(1);
	expect(storedIndexes(standIn.server)).toEqual(Array.from({ length: 30 }, (_, i) => i));
});

test('when retries run out, the remaining items fail with the last error, never silently', async () => {
	standIn.server.faults.set([{ kind: 'status', status: 503 }]);
	const result = await send(events(3), { retryAttempts: 3 }, { continueOnFail: true });

	expect(requestsTo(standIn.server, '/2/httpapi')).toHaveLength(3);
	expect(jsonOf(result)).toEqual(
		[0, 1, 2].map((i) => ({
			success: false,
			error: expect.stringMatching(
				new RegExp(`answered 503.*\\(after 3 attempts\\) \\[item ${i}\\]`),
			),
			code: 503,
		})),
	);
});

test('a wrong API key fails every item with the key-and-region hint', async () => {
	const result = await runAmplitude({
		items: events(2),
		credentials: { ...standIn.credentials, apiKey: 'wrong-api-key' },
		parameters: { resource: 'event', operation: 'send', mappingMode: 'autoMapInputData' },
	});
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/2 of 2 items were not delivered.*Invalid API key/);
	expect(result.error.description).toMatch(/API key.*Region/);
	expect(JSON.stringify(result.error)).not.toContain('wrong-api-key');
});

test('the Batch API option sends to /batch', async () => {
	const result = await send(events(5), { useBatchApi: true });
	expect(result.status).toBe('success');
	expect(requestsTo(standIn.server, '/batch')).toHaveLength(1);
	expect(standIn.server.store.events).toHaveLength(5);
});
