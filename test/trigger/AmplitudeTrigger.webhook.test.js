// The Amplitude Trigger's webhook() on n8n's real WebhookContext and WorkflowExecute, behind a
// loopback server that reads bodies and answers as n8n 2.41.1 does (test/support/triggerHarness.js).
const zlib = require('node:zlib');
const nock = require('nock');

const { startTrigger, SECRET } = require('../support/triggerHarness');
const {
	streamedEvent,
	exportedEvent,
	userUpdate,
	CUSTOM_PAYLOAD,
	cohortBatch,
} = require('../support/triggerFixtures');

const EVENTS = { source: 'eventStream', options: {} };
const COHORTS = { source: 'cohortSync', options: {} };
const started = [];

async function trigger(options = {}) {
	const t = await startTrigger({ parameters: EVENTS, ...options });
	started.push(t);
	return t;
}

afterEach(async () => {
	for (const t of started.splice(0)) {
		expect(t.errors).toEqual([]);
		await t.stop();
	}
});

const STARTED = { message: 'Workflow was started' };
const skippedBody = (skipped) => expect.objectContaining({ code: 200, skipped });

describe('secret header', () => {
	test('the right header starts one execution with the event', async () => {
		const t = await trigger();
		const answer = await t.post(streamedEvent());
		expect(answer).toEqual({ status: 200, body: STARTED, executionsStarted: 1 });
		expect(t.executions).toEqual([{ status: 'success', items: [streamedEvent()] }]);
	});

	test.each([
		['no header', {}, false],
		['a wrong value', { [SECRET.headerName]: 'whsec-0123456789abcdeX' }, false],
		['the value with a suffix', { [SECRET.headerName]: `${SECRET.headerValue}0` }, false],
		['the value in another header', { 'x-other-secret': SECRET.headerValue }, false],
		['an Authorization header', { authorization: `Bearer ${SECRET.headerValue}` }, false],
	])('%s: 401, no execution, the answer names the header', async (_, headers, secret) => {
		const t = await trigger();
		const answer = await t.post(streamedEvent(), { headers, secret });
		expect(answer.status).toBe(401);
		expect(answer.executionsStarted).toBe(0);
		expect(answer.body.message).toMatch(/X-Amplitude-Webhook-Secret/);
		expect(JSON.stringify(answer.body)).not.toContain(SECRET.headerValue);
		expect(t.executions).toEqual([]);
	});

	test('a caller without the secret is refused before its body is looked at: 401, not 400', async () => {
		const t = await trigger();
		const answer = await t.post('not json', { contentType: 'text/plain', secret: false });
		expect(answer.status).toBe(401);
	});

	test('header names are case-insensitive; a custom header such as Authorization works', async () => {
		const credentials = { headerName: 'Authorization', headerValue: 'Bearer 5f0c1d2e3b4a59687766' };
		const t = await trigger({ credentials });
		const ok = await t.post(streamedEvent(), {
			secret: false,
			headers: { AUTHORIZATION: 'Bearer 5f0c1d2e3b4a59687766' },
		});
		expect(ok.status).toBe(200);
		const wrong = await t.post(streamedEvent({ uuid: 'other' }), {
			secret: false,
			headers: { authorization: 'Bearer 5f0c1d2e3b4a5968776' },
		});
		expect(wrong.status).toBe(401);
		expect(wrong.body.message).toMatch(/Missing or wrong Authorization header/);
		expect(t.executions).toHaveLength(1);
	});

	test('an empty Header Name falls back to X-Amplitude-Webhook-Secret', async () => {
		const t = await trigger({ credentials: { headerName: '', headerValue: SECRET.headerValue } });
		const answer = await t.post(streamedEvent(), {
			secret: false,
			headers: { 'x-amplitude-webhook-secret': SECRET.headerValue },
		});
		expect(answer.status).toBe(200);
		expect(answer.executionsStarted).toBe(1);
	});

	test('a credential whose value is blank refuses every delivery', async () => {
		const t = await trigger({ credentials: { headerName: SECRET.headerName, headerValue: '  ' } });
		const answer = await t.post(streamedEvent(), {
			secret: false,
			headers: { [SECRET.headerName]: '' },
		});
		expect(answer.status).toBe(401);
	});

	test('without a credential any caller starts the workflow', async () => {
		const t = await trigger({ credentials: null });
		const answer = await t.post(streamedEvent());
		expect(answer).toEqual({ status: 200, body: STARTED, executionsStarted: 1 });
	});
});

describe('bodies', () => {
	test.each([
		['text that is not JSON', 'checkout_failed', 'text/plain'],
		['an empty body', '', 'application/json'],
		['an empty text body', '', 'text/plain'],
		[
			'a form (n8n parses it into an object)',
			'event_type=checkout_failed',
			'application/x-www-form-urlencoded',
		],
		['no content type and no JSON', '<event/>', null],
	])('%s: 400, no execution', async (_, body, contentType) => {
		const t = await trigger();
		const answer = await t.post(body, { contentType });
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(/no body|not JSON/);
		expect(answer.executionsStarted).toBe(0);
	});

	test('JSON that does not parse, sent as application/json: n8n answers 422 before the node', async () => {
		const t = await trigger();
		const answer = await t.post('{"event_type": ', { contentType: 'application/json' });
		expect(answer.status).toBe(422);
		expect(t.executions).toEqual([]);
	});

	test.each([
		['text/plain', 'text/plain'],
		['no content type', null],
		['application/json with a charset', 'application/json; charset=utf-8'],
		['a +json type', 'application/vnd.amplitude+json'],
	])('JSON sent as %s is accepted', async (_, contentType) => {
		const t = await trigger();
		const answer = await t.post(JSON.stringify(streamedEvent()), { contentType });
		expect(answer.status).toBe(200);
		expect(t.executions[0].items).toEqual([streamedEvent()]);
	});

	test('a gzip body (n8n inflates it) and a byte order mark are accepted', async () => {
		const t = await trigger();
		const body = zlib.gzipSync(Buffer.from(`\ufeff${JSON.stringify(streamedEvent())}`));
		const answer = await t.post(body, {
			contentType: 'text/plain',
			headers: { 'content-encoding': 'gzip' },
		});
		expect(answer.status).toBe(200);
		expect(t.executions[0].items).toEqual([streamedEvent()]);
	});

	test('an array of events gives one item per event, in order', async () => {
		const t = await trigger();
		const events = [
			streamedEvent(),
			exportedEvent(),
			streamedEvent({ uuid: 'e3', event_type: 'Purchase' }),
		];
		await t.post(events);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items).toEqual(events);
	});

	test('both time formats, string user properties, user updates and custom payloads pass through untouched', async () => {
		const t = await trigger();
		for (const payload of [streamedEvent(), exportedEvent(), userUpdate(), CUSTOM_PAYLOAD])
			expect((await t.post(payload)).status).toBe(200);
		expect(t.executions.map((e) => e.items)).toEqual([
			[streamedEvent()],
			[exportedEvent()],
			[userUpdate()],
			[CUSTOM_PAYLOAD],
		]);
		expect(t.executions[0].items[0].user_properties.seats).toBe('12');
		expect(t.executions[1].items[0].event_time).toBe('2026-11-30 09:57:13.345000');
	});

	test('a JSON value that is not an object comes out under body', async () => {
		const t = await trigger();
		await t.post('"checkout_failed"', { contentType: 'application/json' });
		await t.post([42, 'x']);
		expect(t.executions.map((e) => e.items)).toEqual([
			[{ body: 'checkout_failed' }],
			[{ body: 42 }, { body: 'x' }],
		]);
	});

	test('an empty array starts nothing and is acknowledged', async () => {
		const t = await trigger();
		const answer = await t.post([]);
		expect(answer).toMatchObject({ status: 200, body: skippedBody('empty'), executionsStarted: 0 });
	});
});

describe('Event Types', () => {
	const filtered = (eventTypes) => ({ ...EVENTS, options: { eventTypes } });

	test('a listed event starts the workflow; another is acknowledged with 200 and starts nothing', async () => {
		const t = await trigger({ parameters: filtered('checkout_failed, Purchase') });
		const hit = await t.post(streamedEvent());
		const miss = await t.post(streamedEvent({ uuid: 'other', event_type: 'Page Viewed' }));
		expect(hit.executionsStarted).toBe(1);
		expect(miss).toMatchObject({
			status: 200,
			body: skippedBody('filtered'),
			executionsStarted: 0,
		});
		expect(miss.body.message).toMatch(/Event Types/);
	});

	test('names are exact (case matters) and may be separated by new lines', async () => {
		const t = await trigger({ parameters: filtered('Purchase\ncheckout_failed') });
		expect((await t.post(streamedEvent({ event_type: 'Checkout_Failed' }))).executionsStarted).toBe(
			0,
		);
		expect(
			(await t.post(streamedEvent({ uuid: 'p', event_type: 'Purchase' }))).executionsStarted,
		).toBe(1);
	});

	test('from an array only the listed events are kept', async () => {
		const t = await trigger({ parameters: filtered('checkout_failed') });
		const keep = streamedEvent({ uuid: 'keep' });
		await t.post([streamedEvent({ uuid: 'a', event_type: 'Open App' }), keep, userUpdate()]);
		expect(t.executions[0].items).toEqual([keep]);
	});

	test('user updates count as $identify', async () => {
		const t = await trigger({ parameters: filtered('checkout_failed') });
		expect((await t.post(userUpdate())).executionsStarted).toBe(0);
		const withIdentify = await trigger({ parameters: filtered('checkout_failed, $identify') });
		expect((await withIdentify.post(userUpdate())).executionsStarted).toBe(1);
	});

	test('Event Types do not apply to cohort syncs', async () => {
		const t = await trigger({
			parameters: { source: 'cohortSync', options: { eventTypes: 'Purchase' } },
		});
		expect((await t.post(cohortBatch())).executionsStarted).toBe(1);
	});
});

describe('deduplication', () => {
	test('a repeated uuid is acknowledged and starts no second execution', async () => {
		const t = await trigger();
		await t.post(streamedEvent());
		const retry = await t.post(streamedEvent());
		expect(retry).toMatchObject({
			status: 200,
			body: skippedBody('duplicate'),
			executionsStarted: 0,
		});
		expect(t.executions).toHaveLength(1);
	});

	test('without uuid: $insert_id (or insert_id) with device_id', async () => {
		const t = await trigger();
		const base = { event_type: 'checkout_failed', user_id: 'u-1', device_id: 'd-1' };
		const sends = [
			{ ...base, $insert_id: 'ins-1' },
			{ ...base, $insert_id: 'ins-1' }, // repeat
			{ ...base, $insert_id: 'ins-1', device_id: 'd-2' }, // another device: another event
			{ ...base, insert_id: 'ins-2' },
			{ ...base, insert_id: 'ins-2' }, // repeat
		];
		const counts = [];
		for (const event of sends) counts.push((await t.post(event)).executionsStarted);
		expect(counts).toEqual([1, 0, 1, 1, 0]);
	});

	test('payloads without a key are never dropped (user updates, custom payloads)', async () => {
		const t = await trigger();
		for (const payload of [userUpdate(), userUpdate(), CUSTOM_PAYLOAD, CUSTOM_PAYLOAD])
			await t.post(payload);
		expect(t.executions).toHaveLength(4);
	});

	test('a repeated cohort message_id starts nothing; another one does', async () => {
		const t = await trigger({ parameters: COHORTS });
		const counts = [];
		for (const message_id of ['m::enter::0', 'm::enter::0', 'm::enter::1', 'm::exit::0'])
			counts.push((await t.post(cohortBatch({ message_id }))).executionsStarted);
		expect(counts).toEqual([1, 0, 1, 1]);
	});

	test('in an array, seen events and repeats within the array are dropped; the rest start one execution', async () => {
		const t = await trigger();
		await t.post(streamedEvent({ uuid: 'seen' }));
		const fresh = streamedEvent({ uuid: 'fresh' });
		await t.post([streamedEvent({ uuid: 'seen' }), fresh, streamedEvent({ uuid: 'fresh' })]);
		expect(t.executions.map((e) => e.items.map((i) => i.uuid))).toEqual([['seen'], ['fresh']]);
		const allSeen = await t.post([streamedEvent({ uuid: 'seen' }), fresh]);
		expect(allSeen.body.skipped).toBe('duplicate');
	});

	test('Deduplicate off: every delivery starts an execution', async () => {
		const t = await trigger({ parameters: { ...EVENTS, options: { deduplicate: false } } });
		await t.post(streamedEvent());
		await t.post(streamedEvent());
		await t.post([streamedEvent(), streamedEvent()]);
		expect(t.executions.map((e) => e.items.length)).toEqual([1, 1, 2]);
	});

	test('when n8n could not start the execution (5xx), the retry is not dropped', async () => {
		const t = await trigger();
		t.failStart = true;
		expect((await t.post(streamedEvent())).status).toBe(500);
		t.failStart = false;
		const retry = await t.post(streamedEvent());
		expect(retry).toEqual({ status: 200, body: STARTED, executionsStarted: 1 });
		expect((await t.post(streamedEvent())).executionsStarted).toBe(0);
	});

	test('each trigger, and test mode apart from production, has its own memory', async () => {
		const production = await trigger({ workflowId: 'wf-shared' });
		const testMode = await trigger({ workflowId: 'wf-shared', mode: 'manual' });
		const other = await trigger();
		const sameProduction = await trigger({ workflowId: 'wf-shared' });
		expect((await production.post(streamedEvent())).executionsStarted).toBe(1);
		expect((await testMode.post(streamedEvent())).executionsStarted).toBe(1);
		expect((await other.post(streamedEvent())).executionsStarted).toBe(1);
		// The same workflow and node in the same process: the memory is shared.
		expect((await sameProduction.post(streamedEvent())).executionsStarted).toBe(0);
	});

	test('filtered events take no room in the memory', async () => {
		const filteredTrigger = await trigger({
			workflowId: 'wf-filter-memory',
			parameters: { ...EVENTS, options: { eventTypes: 'Purchase' } },
		});
		expect((await filteredTrigger.post(streamedEvent())).body.skipped).toBe('filtered');
		const unfiltered = await trigger({ workflowId: 'wf-filter-memory' });
		expect((await unfiltered.post(streamedEvent())).executionsStarted).toBe(1);
	});
});

describe('output', () => {
	test('per event, cohorts: one item per member with the batch fields, computed_time in epoch ms', async () => {
		const t = await trigger({ parameters: COHORTS });
		await t.post(cohortBatch());
		const cohort = {
			cohort_id: '7khm89cz',
			cohort_name: 'My Test Cohort',
			in_cohort: true,
			message_id: '9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0',
			computed_time: 1692206763000,
		};
		expect(t.executions[0].items).toEqual([
			{
				user_id: 'user_one@example.com',
				user_properties: cohortBatch().users[0].user_properties,
				...cohort,
			},
			{
				user_id: 'user_two@example.com',
				user_properties: cohortBatch().users[1].user_properties,
				...cohort,
			},
		]);
	});

	test('per event, cohorts: leaving users, the older compute_time, templated strings, bare user IDs', async () => {
		const t = await trigger({ parameters: COHORTS });
		await t.post(
			cohortBatch({
				in_cohort: 'false',
				computed_time: undefined,
				compute_time: 1692206763,
				message_id: 'x::exit::0',
				users: ['user_three@example.com', { user_id: 'user_four@example.com' }],
			}),
		);
		expect(t.executions[0].items).toEqual([
			expect.objectContaining({
				user_id: 'user_three@example.com',
				in_cohort: false,
				computed_time: 1692206763000,
			}),
			expect.objectContaining({
				user_id: 'user_four@example.com',
				in_cohort: false,
				computed_time: 1692206763000,
			}),
		]);
	});

	test('per event, cohorts: a batch without users starts nothing; a custom payload passes through', async () => {
		const t = await trigger({ parameters: COHORTS });
		const empty = await t.post(cohortBatch({ users: [] }));
		expect(empty).toMatchObject({ status: 200, body: skippedBody('empty'), executionsStarted: 0 });
		const custom = { cohort: '7khm89cz', user: 'user_one@example.com', entered: true };
		await t.post(custom);
		expect(t.executions[0].items).toEqual([custom]);
	});

	test('per request: the body as one item (an array under body)', async () => {
		const t = await trigger({ parameters: { ...EVENTS, options: { outputMode: 'perRequest' } } });
		await t.post(streamedEvent());
		const two = [streamedEvent({ uuid: 'a' }), streamedEvent({ uuid: 'b' })];
		await t.post(two);
		expect(t.executions.map((e) => e.items)).toEqual([[streamedEvent()], [{ body: two }]]);
	});

	test('per request, cohorts: the batch as it came, users and all', async () => {
		const t = await trigger({ parameters: { ...COHORTS, options: { outputMode: 'perRequest' } } });
		await t.post(cohortBatch());
		expect(t.executions[0].items).toEqual([cohortBatch()]);
		// An empty batch is still a request: it starts one execution.
		await t.post(cohortBatch({ message_id: 'e::exit::0', users: [] }));
		expect(t.executions).toHaveLength(2);
	});

	test('per request with Event Types and deduplication: only the new, listed events of an array', async () => {
		const t = await trigger({
			parameters: {
				...EVENTS,
				options: { outputMode: 'perRequest', eventTypes: 'checkout_failed' },
			},
		});
		await t.post(streamedEvent({ uuid: 'seen' }));
		const fresh = streamedEvent({ uuid: 'fresh' });
		await t.post([streamedEvent({ uuid: 'seen' }), userUpdate(), fresh]);
		expect(t.executions.map((e) => e.items)).toEqual([
			[streamedEvent({ uuid: 'seen' })],
			[{ body: [fresh] }],
		]);
	});
});

describe('activation and deactivation', () => {
	test('checkExists, create and delete succeed and send nothing anywhere', async () => {
		const attempted = [];
		const onNoMatch = (req) => attempted.push(req.path ?? req);
		nock.disableNetConnect();
		nock.emitter.on('no match', onNoMatch);
		try {
			const t = await trigger();
			for (const method of ['checkExists', 'create', 'delete'])
				await expect(t.lifecycle(method)).resolves.toBe(true);
		} finally {
			nock.emitter.removeListener('no match', onNoMatch);
			nock.enableNetConnect();
		}
		expect(attempted).toEqual([]);
	});
});
