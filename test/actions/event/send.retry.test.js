// n8n's retries of an execution, on n8n's real engine against the stand-in (which deduplicates by
// insert_id and device like Amplitude): what the first attempt delivered is not counted twice,
// and a genuinely new execution is not mistaken for a retry.
const { runAmplitude, retryAmplitude, rerunCrashed, jsonOf } = require('../../support/harness');
const { useStandIn, requestsTo } = require('../../support/standIn');

const standIn = useStandIn();

const pad = (n) => String(n).padStart(5, '0');
const EVENTS = Array.from({ length: 10 }, (_, i) => ({
	event_type: 'order_completed',
	user_id: `user-${pad(i)}`,
	device_id: `device-${pad(i)}`,
	time: 1764500000000 + i * 1000,
}));
const send = (options = {}) => ({
	resource: 'event',
	operation: 'send',
	mappingMode: 'autoMapInputData',
	options: { batchSize: 5, retryAttempts: 1, maxRetryWait: 0, ...options },
});
/** Runs Send Event on `items` against the stand-in as execution `executionId`. */
const sendEvents = ({ options, items = EVENTS, executionId = 'exec-1' } = {}) =>
	runAmplitude({
		parameters: send(options),
		items,
		credentials: standIn.credentials,
		executionId,
	});
/** The insert_ids of every event the stand-in received on /2/httpapi, in order. */
const sentInsertIds = () =>
	requestsTo(standIn.server, '/2/httpapi').flatMap((r) =>
		JSON.parse(r.body).events.map((e) => e.insert_id),
	);
/** The second request is ingested, but its answer never arrives: the node fails. */
const LOST_ANSWER = {
	kind: 'drop',
	ingestBeforeFailing: true,
	path: '/2/httpapi',
	after: 1,
	times: 1,
};

test('retrying a failed execution resends what was delivered with the same insert_ids', async () => {
	standIn.server.faults.set([LOST_ANSWER]);
	const first = await sendEvents();
	expect(first.status).toBe('error');
	expect(standIn.server.store.events).toHaveLength(10);
	const firstIds = sentInsertIds();
	expect(new Set(firstIds).size).toBe(10);

	standIn.server.store.requests.length = 0;
	const retry = await retryAmplitude(first, {
		credentials: standIn.credentials,
		executionId: 'exec-2',
	});

	expect(retry.status).toBe('success');
	expect(retry.run.mode).toBe('retry');
	expect(jsonOf(retry)).toHaveLength(10);
	expect(jsonOf(retry).every((json) => json.success === true)).toBe(true);
	expect(sentInsertIds()).toEqual(firstIds);
	expect(standIn.server.store.events).toHaveLength(10);
	expect(standIn.server.store.duplicates).toBe(10);
});

test('rerunning an execution whose worker crashed gives every event the same insert_id', async () => {
	const first = await sendEvents();
	expect(first.status).toBe('success');
	const firstIds = sentInsertIds();

	standIn.server.store.requests.length = 0;
	const rerun = await rerunCrashed(first, {
		credentials: standIn.credentials,
		executionId: 'exec-2',
	});

	expect(rerun.status).toBe('success');
	expect(sentInsertIds()).toEqual(firstIds);
	expect(standIn.server.store.events).toHaveLength(10);
	expect(standIn.server.store.duplicates).toBe(10);
});

test('a new execution of the same events gets new insert_ids, even with the same execution ID', async () => {
	for (let run = 0; run < 2; run++) {
		const result = await sendEvents();
		expect(result.status).toBe('success');
	}

	expect(new Set(sentInsertIds()).size).toBe(20);
	expect(standIn.server.store.events).toHaveLength(20);
	expect(standIn.server.store.duplicates).toBe(0);
});

describe('Insert ID Scope: Event Content', () => {
	test('the same events sent by a later execution are the same events to Amplitude', async () => {
		for (const executionId of ['exec-1', 'exec-2']) {
			const result = await sendEvents({ options: { insertIdScope: 'content' }, executionId });
			expect(result.status).toBe('success');
		}

		const ids = sentInsertIds();
		expect(ids.slice(10)).toEqual(ids.slice(0, 10));
		expect(ids.every((id) => /^[0-9a-f]{8}0{8}[0-9a-f]{16}$/.test(id))).toBe(true);
		expect(standIn.server.store.events).toHaveLength(10);
		expect(standIn.server.store.duplicates).toBe(10);
	});

	test('an event that differs in any value gets another insert_id', async () => {
		const changed = EVENTS.map((event, i) =>
			i === 3 ? { ...event, time: event.time + 1 } : event,
		);
		for (const items of [EVENTS, changed]) {
			await sendEvents({ options: { insertIdScope: 'content' }, items });
		}

		const ids = sentInsertIds();
		expect(ids.slice(10).filter((id, i) => id !== ids[i])).toHaveLength(1);
		expect(ids[13]).not.toBe(ids[3]);
		expect(standIn.server.store.events).toHaveLength(11);
	});
});

test('an unknown Insert ID Scope is refused before any request', async () => {
	const result = await sendEvents({ options: { insertIdScope: '={{ "run" }}' } });

	expect(result.status).toBe('error');
	expect(result.error.message).toBe(
		`'Insert ID Scope' is "run". Set it to one of: execution, content`,
	);
	expect(standIn.server.store.requests).toHaveLength(0);
});
