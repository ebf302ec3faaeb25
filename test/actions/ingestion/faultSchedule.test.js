// 10,000 events through n8n's engine to the stand-in under a mixed fault schedule: every event
// arrives exactly once after dedup, or fails on its own item. None is lost silently. Roughly 40 %
// of requests meet a retryable fault here, and with 8 attempts a batch sometimes ran out of them
// (two full test runs in a row); 20 attempts, the most the option allows, make that vanishingly rare.
const { runAmplitude, jsonOf } = require('../../support/harness');
const { useStandIn, requestsTo } = require('../../support/standIn');

const standIn = useStandIn({ seed: 7 });
const COUNT = 10_000;

test('10,000 events under partial 400s, 413s, 429s, 5xx, slow answers and dropped connections', async () => {
	standIn.server.faults.set([
		{ kind: 'slow', delayMs: 30, probability: 0.1 },
		{ kind: 'drop', ingestBeforeFailing: true, probability: 0.05 },
		{ kind: 'reset', probability: 0.03 },
		{ kind: 'status', status: 500, ingestBeforeFailing: true, probability: 0.08 },
		{ kind: 'status', status: 503, probability: 0.05 },
		{ kind: 'payloadLimit', maxBytes: 60_000 },
		{ kind: 'throttle', eps: 5, windowMs: 1000, retryAfterSeconds: 0, probability: 0.3 },
		{ kind: 'partial400', fraction: 0.002, field: 'time', probability: 0.2 },
	]);
	const items = Array.from({ length: COUNT }, (_, i) => ({
		event_type: 'backfill',
		user_id: `user-${String(i % 400).padStart(5, '0')}`,
		event_properties: { i },
	}));
	const result = await runAmplitude({
		items,
		continueOnFail: true,
		credentials: standIn.credentials,
		parameters: {
			resource: 'event',
			operation: 'send',
			mappingMode: 'autoMapInputData',
			options: { retryAttempts: 20, maxRetryWait: 0.005 },
		},
	});

	expect(result.status).toBe('success');
	const json = jsonOf(result);
	expect(json).toHaveLength(COUNT);
	expect(result.output.every((item, index) => item.pairedItem.item === index)).toBe(true);

	const stored = new Map();
	for (const event of standIn.server.store.events) {
		expect(stored.has(event.event_properties.i)).toBe(false);
		stored.set(event.event_properties.i, event);
	}
	const delivered = json.flatMap((entry, i) => (entry.success ? [i] : []));
	const failed = json.flatMap((entry, i) => (entry.success ? [] : [i]));
	for (const i of delivered) expect(stored.has(i)).toBe(true);
	for (const i of failed) {
		expect(json[i]).toEqual({
			success: false,
			error: expect.stringMatching(new RegExp(`\\[item ${i}\\]`)),
			code: expect.any(Number),
		});
	}
	// Nothing is both unreported and missing: every item is delivered or reported failed.
	expect(delivered.length + failed.length).toBe(COUNT);
	const faults = Object.fromEntries(
		standIn.server.faults.stats().map((stat) => [stat.kind + (stat.status ?? ''), stat.fired]),
	);
	const statuses = requestsTo(standIn.server, '/2/httpapi').map((request) => request.status);

	expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
	for (const status of [0, 400, 413, 429, 500, 503]) expect(statuses).toContain(status);
	expect(standIn.server.store.duplicates).toBeGreaterThan(0);
	// Only events Amplitude named as invalid may fail in this schedule (retries outlast the rest).
	expect(failed.every((i) => /invalid value for field 'time'/.test(json[i].error))).toBe(true);
	console.log(
		`fault schedule: ${COUNT} events, ${delivered.length} delivered once, ${failed.length} failed on their own item, ` +
			`${standIn.server.store.duplicates} duplicates absorbed, ${statuses.length} requests ${JSON.stringify(countBy(statuses))}, faults ${JSON.stringify(faults)}`,
	);
});

function countBy(values) {
	return values.reduce((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
}
