#!/usr/bin/env node
'use strict';
// The Amplitude Trigger inside the real n8n (`n8n start`), offline. The packed package is
// installed as a community package; workflows that start with the trigger are imported and
// published through n8n's REST API; local Amplitude stand-ins push to their production URLs as
// Amplitude does (event streaming, cohort syncs, retries); n8n's REST API then shows exactly
// which executions ran, with which items. Covers examples/14-trigger-checkout-failed-ticket.json
// (which `n8n execute` cannot run), wrong secrets, repeated deliveries, bodies that are not JSON,
// and what a restart does to deduplication.
// Usage: npm run build && node scripts/e2e/trigger-e2e.js
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const e2e = require('./n8n');
const rest = require('./rest');
const {
	HEADER,
	webhookCredential,
	helpdesk,
	prepareTriggerExample,
	CHECKOUT_EVENTS,
} = require('./trigger-example');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { API_KEY, SECRET_KEY } = e2e;

const TRIGGER_TYPE = e2e.TRIGGER_NODE_TYPE;
const TRIGGER = 'Amplitude Trigger';
const WEBHOOK_SECRET = 'e2e-webhook-secret-7c1d9e2f4a6b8c0d';
const { credential: WEBHOOK_CREDENTIAL, headers: SECRET_HEADERS } = webhookCredential(
	'e2eWebhookCred01',
	'Amplitude webhook (e2e)',
	WEBHOOK_SECRET,
);
// Amplitude's retry schedule, shortened.
const FAST_RETRIES = { attemptDelaysMs: [300, 600, 1200] };
const EXAMPLE = 'examples/14-trigger-checkout-failed-ticket.json';

/** A workflow: the trigger (parameters, with or without the credential) → No Operation. */
function triggerWorkflow(id, parameters, { credential = true } = {}) {
	return {
		id,
		name: `e2e trigger ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: TRIGGER,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: `${id.toLowerCase()}-hook`,
				parameters,
				...(credential ? { credentials: { amplitudeWebhookApi: pick(WEBHOOK_CREDENTIAL) } } : {}),
			},
			{
				id: `${id}-noop`,
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}
const pick = ({ id, name }) => ({ id, name });

/**
 * Puts n8n's Remove Duplicates node ("Remove Items Processed in Previous Executions", keyed on
 * the event's uuid) between the trigger and No Operation: the README's advice for deduplication
 * that survives restarts, kept in n8n's database.
 */
function withRemoveDuplicates(workflow) {
	workflow.nodes.push({
		id: `${workflow.id}-dedupe`,
		name: 'Remove Duplicates',
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position: [120, 0],
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			dedupeValue: '={{ $json.uuid }}',
			options: {},
		},
	});
	workflow.connections = {
		[TRIGGER]: { main: [[{ node: 'Remove Duplicates', type: 'main', index: 0 }]] },
		'Remove Duplicates': { main: [[{ node: 'Received', type: 'main', index: 0 }]] },
	};
	return workflow;
}

/** Relays requests to `target` at once and its answers `delayMs` late; keeps the answers. */
async function slowProxy(target, delayMs) {
	const answers = [];
	const pending = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (d) => chunks.push(d));
		req.on('end', () => {
			const relayed = (async () => {
				const answer = await fetch(target, {
					method: 'POST',
					headers: { ...req.headers, host: new URL(target).host },
					body: Buffer.concat(chunks),
				});
				const text = await answer.text();
				answers.push({ status: answer.status, body: JSON.parse(text) });
				await new Promise((resolve) => setTimeout(resolve, delayMs));
				if (!res.destroyed) res.writeHead(answer.status).end(text);
			})();
			pending.add(relayed);
			relayed.finally(() => pending.delete(relayed));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/`,
		answers,
		idle: () => Promise.all([...pending]),
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

const results = [];
async function step(name, fn) {
	const t = Date.now();
	try {
		await fn();
		console.log(`ok   ${name} (${Date.now() - t} ms)`);
		results.push(true);
	} catch (err) {
		console.log(`FAIL ${name}: ${err.message}`);
		if (process.env.E2E_VERBOSE) console.log(err.stack);
		results.push(false);
	}
}

async function ingest(server, events) {
	const res = await fetch(`${server.url}/2/httpapi`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ api_key: API_KEY, events }),
	});
	assert.equal(res.status, 200, `the stand-in ingested the events (${await res.text()})`);
}

async function post(
	url,
	body,
	{ headers = SECRET_HEADERS, contentType = 'application/json' } = {},
) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType, 'user-agent': 'Amplitude/Webhook/1.0', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

async function main() {
	const t0 = Date.now();
	const tmp = e2e.tempDir('amplitude-trigger-e2e-');
	// `source` is the Amplitude that streams and syncs; `shop` streams for the example; `project`
	// is the Amplitude the example's action writes to.
	const source = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
	const shop = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
	const project = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
	const desk = await helpdesk();
	let n8n, running;
	try {
		await Promise.all([source.start(0), shop.start(0), project.start(0)]);
		n8n = await e2e.createN8n({ label: 'trigger' });
		await n8n.installPackage(await e2e.packRepo(tmp));

		const projectCredential = e2e.standInCredential({
			id: 'e2eProjectCred01',
			name: 'Amplitude (project stand-in)',
			apiKey: API_KEY,
			secretKey: SECRET_KEY,
			url: project.url,
		});
		const example = JSON.parse(fs.readFileSync(path.join(e2e.REPO, EXAMPLE), 'utf8'));
		example.id = 'E2eExample14';
		example.active = false;
		prepareTriggerExample(example, {
			webhook: WEBHOOK_CREDENTIAL,
			amplitude: projectCredential,
			helpdeskUrl: desk.url,
		});
		const workflows = {
			events: triggerWorkflow('E2eEvents01', { source: 'eventStream', options: {} }),
			cohorts: triggerWorkflow('E2eCohorts01', { source: 'cohortSync', options: {} }),
			perRequest: triggerWorkflow('E2ePerRequest1', {
				source: 'eventStream',
				options: { outputMode: 'perRequest', eventTypes: 'Purchase' },
			}),
			open: triggerWorkflow(
				'E2eOpen0000001',
				{ source: 'eventStream', options: {} },
				{ credential: false },
			),
			durable: withRemoveDuplicates(
				triggerWorkflow('E2eDurable0001', { source: 'eventStream', options: {} }),
			),
			example,
		};
		await n8n.importCredentials([WEBHOOK_CREDENTIAL, projectCredential]);
		await n8n.importWorkflows(Object.values(workflows));

		running = await n8n.start();
		let session = await rest.signIn(running.url);
		const hookUrl = (workflow) => {
			const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
			return `${running.url}/webhook/${trigger.webhookId}/amplitude`;
		};
		const urls = Object.fromEntries(Object.entries(workflows).map(([k, w]) => [k, hookUrl(w)]));
		const executions = (key, options) =>
			rest.settledExecutions(session, workflows[key].id, options);
		const triggerItems = (list) => list.map((x) => rest.itemsOf(x, TRIGGER));
		e2e.log(`n8n at ${running.url} (${Date.now() - t0} ms so far)`);

		await step(
			'publishing registers the production URLs and calls nothing at Amplitude',
			async () => {
				for (const workflow of Object.values(workflows)) await rest.publish(session, workflow.id);
				for (const url of Object.values(urls))
					assert.equal(
						(await post(url, '', { contentType: 'text/plain' })).status,
						400,
						`${url} is live`,
					);
				for (const server of [source, shop, project])
					assert.equal(server.store.requests.length, 0, 'no request reached an Amplitude stand-in');
			},
		);

		const streamed = [];
		await step(
			'event stream: each ingested event starts one execution with that event',
			async () => {
				source.streaming.configure({ url: urls.events, headers: SECRET_HEADERS, ...FAST_RETRIES });
				await ingest(source, [
					{
						event_type: 'checkout_failed',
						user_id: 'user-00001',
						insert_id: 'e2e-1',
						user_properties: { $set: { plan: 'pro', seats: 12 } },
					},
					{
						event_type: 'Open App',
						user_id: 'user-00002',
						device_id: 'device-00002',
						insert_id: 'e2e-2',
					},
					{
						event_type: 'Purchase',
						user_id: 'user-00003',
						insert_id: 'e2e-3',
						event_properties: { price: 9.99 },
					},
				]);
				await source.streaming.idle();
				const stats = source.streaming.stats();
				assert.deepEqual([stats.delivered, stats.failed], [3, 0], 'three deliveries answered 2xx');
				streamed.push(...source.streaming.deliveries.map((d) => JSON.parse(d.body)));
				const list = await executions('events', { count: 3 });
				assert.equal(list.length, 3, `three executions (got ${list.length})`);
				assert.ok(
					list.every((x) => x.status === 'success'),
					'all succeeded',
				);
				const items = triggerItems(list);
				assert.deepEqual(
					items.map((i) => i.length),
					[1, 1, 1],
					'one item per execution',
				);
				assert.deepEqual(
					items.map((i) => i[0].uuid).sort(),
					source.store.events.map((e) => e.uuid).sort(),
					"the items are the stand-in's events (by uuid)",
				);
				const first = items.flat().find((i) => i.$insert_id === 'e2e-1');
				assert.deepEqual(
					first,
					streamed.find((s) => s.$insert_id === 'e2e-1'),
					'the event as sent',
				);
				assert.equal(first.user_properties.seats, '12', 'user properties arrive as strings');
				assert.match(first.event_time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
				assert.deepEqual(
					rest.itemsOf(list[0], 'Received').length,
					1,
					'the item reached the next node',
				);
			},
		);

		await step(
			'retries: a repeated uuid, sent again or three times at once, starts no second execution',
			async () => {
				source.streaming.send([streamed[0]]);
				const fresh = { ...streamed[1], uuid: 'e2e-concurrent-uuid', $insert_id: 'e2e-concurrent' };
				source.streaming.send([fresh, fresh, fresh]);
				await source.streaming.idle();
				const statuses = source.streaming.deliveries.slice(-4).map((d) => d.requests.at(-1).status);
				assert.deepEqual(statuses, [200, 200, 200, 200], 'every repeat is acknowledged with 200');
				const list = await executions('events', { count: 4 });
				assert.equal(
					list.length,
					4,
					`one execution for the new uuid, none for repeats (got ${list.length})`,
				);
				assert.equal(triggerItems(list)[3][0].uuid, 'e2e-concurrent-uuid');
			},
		);

		await step(
			'Amplitude gives up waiting (timeout) and sends again: still one execution',
			async () => {
				// A slow network between Amplitude and n8n: the proxy relays each request at once and
				// n8n's answer only after Amplitude has given up waiting.
				const proxy = await slowProxy(urls.events, 600);
				try {
					source.streaming.configure({
						url: proxy.url,
						headers: SECRET_HEADERS,
						timeoutMs: 200,
						attemptDelaysMs: [100, 100],
						quickRetries: { max: 0, baseMs: 0, budgetMs: 0 },
					});
					const [delivery] = source.streaming.send([{ ...streamed[2], uuid: 'e2e-slow-uuid' }]);
					await source.streaming.idle();
					await proxy.idle();
					assert.deepEqual(
						delivery.requests.map((r) => r.error),
						['timeout', 'timeout', 'timeout'],
						'Amplitude gave up on each of its three attempts',
					);
					assert.deepEqual(
						proxy.answers.map((a) => [a.status, a.body.skipped]),
						[
							[200, undefined],
							[200, 'duplicate'],
							[200, 'duplicate'],
						],
						'n8n started the first and acknowledged the others as repeats',
					);
				} finally {
					await proxy.stop();
				}
				const list = await executions('events', { count: 5 });
				const slow = triggerItems(list).filter((i) => i[0].uuid === 'e2e-slow-uuid');
				assert.equal(slow.length, 1, 'one execution for the event sent three times');
			},
		);

		await step('a missing or wrong secret gets 401 and starts nothing', async () => {
			source.streaming.configure({
				url: urls.events,
				headers: { [HEADER]: 'e2e-wrong-secret-0000000000' },
				attemptDelaysMs: [],
			});
			const [wrong] = source.streaming.send([{ ...streamed[0], uuid: 'e2e-wrong-secret' }]);
			await source.streaming.idle();
			assert.deepEqual(
				wrong.requests.map((r) => r.status),
				[401],
			);
			const missing = await post(
				urls.events,
				{ ...streamed[0], uuid: 'e2e-no-secret' },
				{ headers: {} },
			);
			assert.equal(missing.status, 401);
			assert.match(missing.text, /X-Amplitude-Webhook-Secret/);
			assert.ok(!missing.text.includes(WEBHOOK_SECRET), 'the answer holds no secret');
			const list = await executions('events', { count: 5, withData: false });
			assert.equal(list.length, 5, `no new execution (got ${list.length})`);
		});

		await step(
			'a body that is not JSON gets 400, broken JSON sent as JSON 422 (n8n), and nothing starts',
			async () => {
				assert.equal(
					(await post(urls.events, 'checkout_failed', { contentType: 'text/plain' })).status,
					400,
				);
				assert.equal(
					(await post(urls.events, 'a=1', { contentType: 'application/x-www-form-urlencoded' }))
						.status,
					400,
				);
				assert.equal((await post(urls.events, '{"event_type":', {})).status, 422);
				assert.equal((await executions('events', { count: 5, withData: false })).length, 5);
			},
		);

		let firstBatch;
		await step(
			'cohort sync: one execution per batch, one item per member with the cohort fields',
			async () => {
				source.cohortSync.configure({
					url: urls.cohorts,
					headers: SECRET_HEADERS,
					batchSize: 2,
					...FAST_RETRIES,
				});
				source.cohortSync.sync({
					cohortId: 'e2echurn',
					cohortName: 'Churn risk',
					members: [
						{ user_id: 'user-00001', user_properties: { plan: 'pro' } },
						'user-00002',
						'user-00003',
					],
				});
				await source.cohortSync.idle();
				assert.equal(source.cohortSync.stats().delivered, 2, 'two batches delivered');
				firstBatch = JSON.parse(source.cohortSync.deliveries[0].body);
				const list = await executions('cohorts', { count: 2 });
				const items = triggerItems(list);
				assert.deepEqual(items.map((i) => i.length).sort(), [1, 2], 'batches of 2 and 1 members');
				const member = items.flat().find((i) => i.user_id === 'user-00001');
				assert.deepEqual(member, {
					user_id: 'user-00001',
					user_properties: { plan: 'pro' },
					cohort_id: 'e2echurn',
					cohort_name: 'Churn risk',
					in_cohort: true,
					message_id: firstBatch.message_id,
					computed_time: Number(firstBatch.computed_time) * 1000,
				});
			},
		);

		await step(
			'a repeated message_id starts nothing; later syncs send who entered and who left',
			async () => {
				source.cohortSync.sendBatch({
					cohortId: 'e2echurn',
					cohortName: 'Churn risk',
					inCohort: true,
					users: firstBatch.users,
					messageId: firstBatch.message_id,
				});
				await source.cohortSync.idle();
				assert.equal(source.cohortSync.deliveries.at(-1).requests.at(-1).status, 200);
				assert.equal(
					(await executions('cohorts', { count: 2, withData: false })).length,
					2,
					'no execution for the repeat',
				);
				source.cohortSync.sync({
					cohortId: 'e2echurn',
					cohortName: 'Churn risk',
					members: ['user-00002', 'user-00003', 'user-00004'],
				});
				await source.cohortSync.idle();
				const items = triggerItems(await executions('cohorts', { count: 4 }));
				assert.equal(items.length, 4);
				const latest = items
					.slice(2)
					.flat()
					.map((i) => [i.user_id, i.in_cohort])
					.sort();
				assert.deepEqual(latest, [
					['user-00001', false],
					['user-00004', true],
				]);
			},
		);

		await step(
			'per request with Event Types: only Purchase starts, the body as one item',
			async () => {
				source.streaming.configure({
					url: urls.perRequest,
					headers: SECRET_HEADERS,
					...FAST_RETRIES,
				});
				const purchase = { ...streamed[2], uuid: 'e2e-purchase-1' };
				const openApp = { ...streamed[1], uuid: 'e2e-open-1' };
				const purchase2 = { ...streamed[2], uuid: 'e2e-purchase-2' };
				source.streaming.send([purchase, openApp, [purchase2, openApp]]);
				await source.streaming.idle();
				assert.equal(source.streaming.stats().delivered, 3, 'all three acknowledged');
				const items = triggerItems(await executions('perRequest', { count: 2 }));
				// Delivered in parallel, so in either order.
				const sorted = items.map((i) => JSON.stringify(i)).sort();
				assert.deepEqual(
					sorted,
					[[purchase], [{ body: [purchase2] }]].map((i) => JSON.stringify(i)).sort(),
				);
			},
		);

		await step('without a credential the trigger accepts any caller', async () => {
			const answer = await post(
				urls.open,
				{ event_type: 'Open App', uuid: 'e2e-open-any' },
				{ headers: {} },
			);
			assert.deepEqual(
				[answer.status, JSON.parse(answer.text)],
				[200, { message: 'Workflow was started' }],
			);
			const items = triggerItems(await executions('open', { count: 1 }));
			assert.deepEqual(items, [[{ event_type: 'Open App', uuid: 'e2e-open-any' }]]);
		});

		await step(
			`${path.basename(EXAMPLE)}: checkout_failed → filter → helpdesk ticket → Amplitude`,
			async () => {
				shop.streaming.configure({ url: urls.example, headers: SECRET_HEADERS, ...FAST_RETRIES });
				await ingest(shop, CHECKOUT_EVENTS);
				await shop.streaming.idle();
				assert.equal(shop.streaming.stats().delivered, 4);
				const list = await executions('example', { count: 3 });
				assert.equal(list.length, 3, 'one execution per checkout_failed, none for Open App');
				assert.ok(
					list.every((x) => x.status === 'success'),
					'all succeeded',
				);
				assert.equal(desk.tickets.length, 1, 'one ticket: only the 129.50 cart on a paying plan');
				const ticketEvent = shop.store.events.find((e) => e.insert_id === 'shop-1');
				assert.deepEqual(desk.tickets[0], {
					subject: 'Checkout failed: card_declined',
					requester: 'user-00011',
					priority: 'normal',
					cart_value: 129.5,
					failed_at: desk.tickets[0].failed_at,
					amplitude_event: ticketEvent.uuid,
				});
				assert.match(desk.tickets[0].failed_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
				assert.deepEqual(
					project.store.events.map((e) => [
						e.event_type,
						e.user_id,
						e.insert_id,
						e.event_properties,
					]),
					[
						[
							'Support Ticket Opened',
							'user-00011',
							`ticket-${ticketEvent.uuid}`,
							{ reason: 'card_declined', cart_value: 129.5, ticket_id: 'T-1' },
						],
					],
				);
			},
		);

		await step('no execution holds the webhook secret', async () => {
			for (const key of Object.keys(workflows)) {
				const text = JSON.stringify(await executions(key, { quietMs: 0 }));
				assert.ok(!text.includes(WEBHOOK_SECRET), `${key}: the secret is not in the executions`);
			}
		});

		await step(
			'after a restart the memory starts empty: a repeat from before starts again (Remove Duplicates stops it)',
			async () => {
				const durableEvent = { ...streamed[0], uuid: 'e2e-durable-uuid' };
				assert.equal((await post(urls.durable, durableEvent)).status, 200);
				assert.equal((await executions('durable', { count: 1, withData: false })).length, 1);
				await running.stop();
				running = await n8n.start();
				session = await rest.signIn(running.url);
				for (let i = 0; ; i++) {
					if ((await post(urls.events, '', { contentType: 'text/plain' })).status === 400) break;
					if (i > 120) throw new Error('the production URL did not come back after the restart');
					await rest.sleep(500);
				}
				const before = (await executions('events', { withData: false, quietMs: 0 })).length;
				assert.equal((await post(urls.events, streamed[0])).status, 200);
				assert.equal((await post(urls.events, streamed[0])).status, 200);
				const after = await executions('events', { count: before + 1, withData: false });
				assert.equal(
					after.length,
					before + 1,
					'the pre-restart event started once more, its repeat did not',
				);
				assert.equal((await post(urls.durable, durableEvent)).status, 200);
				const durable = await executions('durable', { count: 2 });
				assert.equal(durable.length, 2, 'the repeat after the restart started an execution');
				assert.deepEqual(
					durable.map((x) => rest.itemsOf(x, 'Remove Duplicates').length),
					[1, 0],
					"but n8n's Remove Duplicates (its database) let nothing through",
				);
			},
		);
	} finally {
		await running?.stop();
		await Promise.all([source.stop(), shop.stop(), project.stop(), desk.stop()]);
	}
	const failed = results.filter((ok) => !ok).length;
	console.log(`\ntrigger e2e finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed || results.length === 0 ? 1 : 0;
}

e2e.exitOnSignals();
main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
