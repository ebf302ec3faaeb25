#!/usr/bin/env node
'use strict';
// `npm run e2e:queue`: the package in n8n's queue mode, offline. Redis and PostgreSQL (Debian's
// packages, installed when missing) run as our own processes on loopback ports; one n8n main
// (EXECUTIONS_MODE=queue) and two `n8n worker`s, each with its own user folder and the packed
// package installed as a community package; one Amplitude stand-in that allows 5 concurrent
// Dashboard requests per project. Webhooks on the main start every execution, so workers run them.
//   bulk:   4 executions × 25,000 events started together: every event reaches the stand-in once,
//           both workers ran executions, one output item per input item.
//   reads:  3 workflows × 50 User Search items at once: every item succeeds, 429s absorbed.
//   trigger: the stand-in streams 200 events (20 of them twice) to the Amplitude Trigger's
//           production URL on main: one execution per event, all run by the workers.
//   crash:  SIGKILL the worker in the middle of a 100,000-event execution, restart it, let n8n mark
//           the execution crashed, retry it through the REST API: each event held exactly once.
// Prints a summary (also in e2e-artifacts/queue-summary.json) and ends with "N passed, N failed".
// Usage: npm run build && node scripts/e2e/queue-e2e.js [bulk|reads|trigger|crash ...]
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');
const services = require('./services');
const rest = require('./rest');
const { webhookCredential } = require('./trigger-example');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { percentile } = require(path.join(e2e.REPO, 'test/support/amplitude-server/webhook-sender'));

const BULK = { executions: 4, events: 25_000 };
const READS = { workflows: 3, items: 50 };
const CRASH = { events: 100_000, killAfter: 30_000 };
const WORKER_CONCURRENCY = 2;
const DASHBOARD_CONCURRENCY = 5;
const SEARCHED_USERS = 20;
const CREDENTIAL = { id: 'queueAmplitude01', name: 'Amplitude (queue e2e stand-in)' };
// Deliveries the stand-in streams to the Amplitude Trigger on main; the first `repeats` go twice.
const TRIGGER = { events: 200, repeats: 20, concurrency: 10, webhookId: 'queue-trigger' };
const WEBHOOK = webhookCredential(
	'queueWebhook0001',
	'Amplitude webhook (queue e2e)',
	'queue-webhook-secret-3f9a1c7e5b2d',
);

const results = [];
const summary = {};

async function check(name, fn) {
	const t0 = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	} catch (error) {
		results.push({ name, ok: false });
		console.log(`FAIL ${name}: ${error.stack || error.message}`);
	}
}

const webhookNode = (pathName) => ({
	id: crypto.randomUUID(),
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: crypto.randomUUID(),
	parameters: { httpMethod: 'POST', path: pathName, responseMode: 'onReceived', options: {} },
});

const codeNode = (name, jsCode) => ({
	id: crypto.randomUUID(),
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [220, 0],
	parameters: { jsCode },
});

const amplitudeNode = (name, parameters) => ({
	id: crypto.randomUUID(),
	name,
	type: e2e.NODE_TYPE,
	typeVersion: 1,
	position: [440, 0],
	parameters,
	credentials: { [e2e.CREDENTIAL_TYPE]: CREDENTIAL },
});

const chain = (id, name, nodes) => ({
	id,
	name,
	active: false,
	settings: { executionOrder: 'v1' },
	nodes,
	connections: Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]),
	),
	pinData: {},
});

// Events that depend only on the webhook's body, so a rerun after a crash builds the same ones.
const MAKE_EVENTS = `const { run, count } = $input.first().json.body;
const out = new Array(count);
for (let i = 0; i < count; i++) {
  out[i] = { json: {
    event_type: 'queue_e2e',
    user_id: 'q' + run + '-user-' + String(i % 5000).padStart(5, '0'),
    device_id: 'q' + run + '-device-' + i,
    time: 1764460800000 + i,
    event_properties: { run, i },
  } };
}
return out;`;

const triggerNode = () => ({
	id: crypto.randomUUID(),
	name: 'Amplitude Trigger',
	type: e2e.TRIGGER_NODE_TYPE,
	typeVersion: 1,
	position: [0, 0],
	webhookId: TRIGGER.webhookId,
	parameters: { source: 'eventStream', options: {} },
	credentials: {
		amplitudeWebhookApi: { id: WEBHOOK.credential.id, name: WEBHOOK.credential.name },
	},
});

const noOpNode = (name) => ({
	id: crypto.randomUUID(),
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [220, 0],
	parameters: {},
});

const SEND = { resource: 'event', operation: 'send', mappingMode: 'autoMapInputData', options: {} };

const WORKFLOWS = {
	bulk: chain('queueBulk0000001', 'queue e2e: bulk send', [
		webhookNode('queue-bulk'),
		codeNode('Make events', MAKE_EVENTS),
		amplitudeNode('Send events', SEND),
	]),
	crash: chain('queueCrash000001', 'queue e2e: crash and retry', [
		webhookNode('queue-crash'),
		codeNode('Make events', MAKE_EVENTS),
		amplitudeNode('Send events', SEND),
	]),
	trigger: chain('queueTrigger0001', 'queue e2e: Amplitude Trigger', [
		triggerNode(),
		noOpNode('Received'),
	]),
	...Object.fromEntries(
		Array.from({ length: READS.workflows }, (_, w) => [
			`reads${w}`,
			chain(`queueReads00000${w}`, `queue e2e: user search ${w}`, [
				webhookNode(`queue-reads-${w}`),
				codeNode(
					'Users to look up',
					`return Array.from({ length: ${READS.items} }, (_, i) => ({ json: { user: 'search-user-' + String(i % ${SEARCHED_USERS}).padStart(3, '0') } }));`,
				),
				amplitudeNode('Search users', {
					resource: 'user',
					operation: 'search',
					user: '={{ $json.user }}',
				}),
			]),
		]),
	),
};

/** Which worker started which execution, from the workers' own log lines. */
function executionsByWorker(workers) {
	return workers.map((w) =>
		[...w.logs().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
	);
}

async function waitFor(what, probe, { timeoutMs = 300_000, everyMs = 1000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

/** The executions of a workflow once `count` of them have finished; an error if they do not in time. */
async function finished(api, workflowId, count, timeoutMs) {
	const list = await rest.settledExecutions(api, workflowId, { count, timeoutMs, withData: false });
	const done = list.filter((x) => x.stoppedAt);
	if (done.length < count) {
		throw new Error(
			`timed out after ${timeoutMs} ms waiting for ${count} finished executions of ${workflowId} (${done.length} finished)`,
		);
	}
	return done;
}

const post = (url, body) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	}).then(async (r) => {
		if (!r.ok) throw new Error(`POST ${url}: ${r.status} ${await r.text()}`);
	});

/** Stored events of one run (the user_id prefix q<run>-), and their distinct (run, i). */
function eventsOfRun(store, run) {
	const prefix = `q${run}-`;
	const mine = store.events.filter((e) => e.user_id?.startsWith(prefix));
	return { stored: mine.length, distinct: new Set(mine.map((e) => e.event_properties.i)).size };
}

async function bulk({ api, main, workers, server }) {
	const workflow = WORKFLOWS.bulk;
	const before = executionsByWorker(workers).map((l) => l.length);
	await Promise.all(
		Array.from({ length: BULK.executions }, (_, run) =>
			post(`${main.url}/webhook/queue-bulk`, { run, count: BULK.events }),
		),
	);
	const executions = await finished(api, workflow.id, BULK.executions, 600_000);
	const perWorker = executionsByWorker(workers).map((l, w) => l.length - before[w]);
	summary.bulk = {
		executions: executions.length,
		statuses: executions.map((x) => x.status),
		executionsPerWorker: perWorker,
		eventsSent: BULK.executions * BULK.events,
		eventsStored: 0,
		duplicatesAbsorbed: server.store.duplicates,
	};
	assert.deepEqual(summary.bulk.statuses, Array(BULK.executions).fill('success'));
	for (let run = 0; run < BULK.executions; run++) {
		const { stored, distinct } = eventsOfRun(server.store, run);
		summary.bulk.eventsStored += stored;
		assert.equal(stored, BULK.events, `run ${run}: every event stored once`);
		assert.equal(distinct, BULK.events, `run ${run}: every event present`);
	}
	assert.ok(
		perWorker.every((n) => n >= 1),
		`both workers ran executions (${perWorker.join(' and ')})`,
	);
	for (const { id } of executions) {
		const output = rest.outputItems(await rest.getExecution(api, id), 'Send events');
		assert.equal(output.length, BULK.events, `execution ${id}: one output item per input item`);
		output.forEach((item, i) => {
			if (item.json.success !== true || item.pairedItem?.item !== i)
				assert.fail(`execution ${id} item ${i}: ${JSON.stringify(item).slice(0, 300)}`);
		});
	}
}

async function reads({ api, main, workers, server }) {
	server.store.requests.length = 0;
	const ids = Array.from({ length: READS.workflows }, (_, w) => WORKFLOWS[`reads${w}`].id);
	const before = executionsByWorker(workers).map((l) => l.length);
	await Promise.all(ids.map((_, w) => post(`${main.url}/webhook/queue-reads-${w}`, {})));
	const executions = (await Promise.all(ids.map((id) => finished(api, id, 1, 300_000)))).flat();
	const searches = server.store.requests.filter((r) => r.path === '/api/2/usersearch');
	const limit = server.dashboardLimit.stats();
	summary.reads = {
		executions: executions.length,
		statuses: executions.map((x) => x.status),
		executionsPerWorker: executionsByWorker(workers).map((l, w) => l.length - before[w]),
		items: READS.workflows * READS.items,
		searchRequests: searches.length,
		answered429: searches.filter((r) => r.status === 429).length,
		peakConcurrentDashboardRequests: limit.peak,
	};
	assert.deepEqual(summary.reads.statuses, Array(READS.workflows).fill('success'));
	let succeeded = 0;
	for (const { id } of executions) {
		const output = rest.outputItems(await rest.getExecution(api, id), 'Search users');
		assert.equal(output.length, READS.items, `execution ${id}: one output item per input item`);
		for (const item of output) {
			assert.equal(item.json.success, true, JSON.stringify(item.json).slice(0, 300));
			assert.equal(item.json.matches.length, 1, 'the user was found');
			succeeded++;
		}
	}
	summary.reads.itemsSucceeded = succeeded;
	assert.ok(limit.peak <= DASHBOARD_CONCURRENCY, 'the stand-in never ran more than its limit');
	assert.ok(summary.reads.answered429 > 0, 'the executions together went over the limit');
	assert.equal(
		summary.reads.searchRequests - summary.reads.answered429,
		summary.reads.items,
		'each item was answered once',
	);
}

/**
 * The stand-in streams events to the Amplitude Trigger's production URL on main, as Amplitude's
 * webhook destination does, some of them twice, and one delivery comes with a wrong secret. Main
 * answers them and queues one execution per new event; the workers run them.
 */
async function trigger({ api, main, workers, server }) {
	const url = `${main.url}/webhook/${TRIGGER.webhookId}/amplitude`;
	const before = executionsByWorker(workers).map((l) => new Set(l));
	const events = Array.from({ length: TRIGGER.events }, (_, i) => ({
		uuid: crypto.randomUUID(),
		event_type: 'queue_trigger',
		user_id: `trigger-user-${String(i).padStart(4, '0')}`,
		event_time: '2026-11-30 10:00:00.000',
		$insert_id: `queue-trigger-${i}`,
		event_properties: { i },
	}));
	const wrongSecret = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [Object.keys(WEBHOOK.headers)[0]]: 'wrong' },
		body: JSON.stringify(events[0]),
	});
	assert.equal(wrongSecret.status, 401, 'a wrong secret is refused');
	server.streaming.configure({
		url,
		headers: WEBHOOK.headers,
		concurrency: TRIGGER.concurrency,
		// Amplitude's 2 s timeout and quick retries; the later attempts a minute, not hours, apart.
		attemptDelaysMs: [1000, 2000, 4000, 8000, 16000, 32000],
	});
	server.streaming.send(events);
	await server.streaming.idle();
	server.streaming.send(events.slice(0, TRIGGER.repeats));
	await server.streaming.idle();
	const sent = server.streaming.stats();
	server.streaming.disable();
	const executions = await rest.settledExecutions(api, WORKFLOWS.trigger.id, {
		count: TRIGGER.events,
		timeoutMs: 300_000,
		quietMs: 3000,
	});
	const byWorker = executionsByWorker(workers).map((l, w) => l.filter((id) => !before[w].has(id)));
	const ranOn = (id) => byWorker.findIndex((ids) => ids.includes(id));
	const answerMs = (p) => Math.round(percentile(sent.answerMs, p));
	summary.trigger = {
		deliveries: sent.deliveries,
		deliveriesFailed: sent.failed,
		requests: sent.requests,
		timeouts: sent.timeouts,
		answerMs: { p50: answerMs(0.5), p95: answerMs(0.95), max: answerMs(1) },
		executions: executions.length,
		executionsPerWorker: byWorker.map(
			(ids) => ids.filter((id) => executions.some((x) => x.id === id)).length,
		),
	};
	assert.equal(sent.failed, 0, 'every delivery was answered 2xx');
	assert.equal(
		executions.length,
		TRIGGER.events,
		'one execution per event: repeats and the wrong secret started none',
	);
	assert.ok(
		executions.every((x) => x.status === 'success'),
		'all succeeded',
	);
	const uuids = executions.map((x) => {
		const items = rest.itemsOf(x, 'Amplitude Trigger');
		assert.equal(items.length, 1, `execution ${x.id}: one item`);
		return items[0].uuid;
	});
	assert.deepEqual(uuids.sort(), events.map((e) => e.uuid).sort(), 'each event once');
	const notOnWorker = executions.filter((x) => ranOn(x.id) < 0).map((x) => x.id);
	assert.deepEqual(notOnWorker, [], 'every execution ran on a worker');
	assert.ok(
		summary.trigger.executionsPerWorker.every((n) => n >= 1),
		`both workers ran trigger executions (${summary.trigger.executionsPerWorker.join(' and ')})`,
	);
}

async function crash({ api, main, workers, server }) {
	const run = 9;
	const workflow = WORKFLOWS.crash;
	const before = executionsByWorker(workers);
	await post(`${main.url}/webhook/queue-crash`, { run, count: CRASH.events });
	const { worker, executionId } = await waitFor(
		'a worker to start the 100,000-event execution',
		() => {
			const now = executionsByWorker(workers);
			const w = now.findIndex((list, i) => list.length > before[i].length);
			return w >= 0 ? { worker: w, executionId: now[w].at(-1) } : undefined;
		},
		{ everyMs: 100 },
	);
	await waitFor(
		`${CRASH.killAfter} events sent`,
		() => eventsOfRun(server.store, run).stored >= CRASH.killAfter,
		{
			everyMs: 20,
		},
	);
	await workers[worker].handle.kill();
	workers[worker].previousLogs = workers[worker].logs();
	const atKill = eventsOfRun(server.store, run).stored;
	e2e.log(`killed worker ${worker + 1} running execution ${executionId} after ${atKill} events`);
	const killedAt = Date.now();
	workers[worker].handle = await workers[worker].n8n.startWorker({
		concurrency: WORKER_CONCURRENCY,
	});
	const crashed = await waitFor(
		`execution ${executionId} to be marked crashed`,
		async () => {
			const x = await api.get(`/executions/${executionId}`);
			return ['crashed', 'error'].includes(x.status) ? x : undefined;
		},
		{ timeoutMs: 180_000 },
	);
	const secondsToCrashed = Math.round((Date.now() - killedAt) / 1000);
	await rest.retry(api, executionId);
	const retried = await waitFor(
		`the retry of ${executionId} to finish`,
		async () => {
			const list = await rest.listExecutions(api, workflow.id);
			return list.find(
				(x) => x.retryOf === executionId && !['new', 'running', 'waiting'].includes(x.status),
			);
		},
		{ timeoutMs: 600_000 },
	);
	const { stored, distinct } = eventsOfRun(server.store, run);
	summary.crash = {
		executionId,
		killedWorker: worker + 1,
		eventsStoredWhenKilled: atKill,
		statusAfterCrash: crashed.status,
		secondsFromKillToCrashed: secondsToCrashed,
		retryExecutionId: retried.id,
		retryStatus: retried.status,
		eventsSent: CRASH.events,
		eventsStored: stored,
		distinctEvents: distinct,
		duplicatesAfterRetry: stored - distinct,
		resentEventsDeduplicated: server.store.duplicates,
	};
	assert.equal(crashed.status, 'crashed', 'n8n marked the execution crashed');
	assert.equal(retried.status, 'success', 'the retry succeeded');
	assert.equal(distinct, CRASH.events, 'none lost');
	assert.equal(stored, CRASH.events, 'none doubled');
	assert.ok(atKill < CRASH.events, 'the worker died before the send had finished');
}

/** examples/docker-compose.yml gives every n8n container the queue settings this script uses. */
function composeMatches() {
	const compose = fs.readFileSync(path.join(e2e.REPO, 'examples/docker-compose.yml'), 'utf8');
	const keys = Object.keys(services.queueEnv({ redis: {}, postgres: {}, encryptionKey: '' }));
	const missing = keys.filter((key) => !new RegExp(`^\\s+${key}:`, 'm').test(compose));
	assert.deepEqual(missing, [], 'queue settings missing from examples/docker-compose.yml');
	for (const service of ['n8n', 'worker-1', 'worker-2'])
		assert.match(compose, new RegExp(`^  ${service}:`, 'm'), `the ${service} service`);
	assert.match(
		compose,
		/npm install .*n8n-nodes-amplitude/,
		'the package is installed in the image',
	);
}

async function main() {
	const only = process.argv.slice(2);
	const t0 = Date.now();
	const installed = await services.ensureInstalled();
	const [redis, postgres] = await Promise.all([services.startRedis(), services.startPostgres()]);
	e2e.log(
		`redis on ${redis.port}, postgres on ${postgres.port}${installed.length ? ` (installed ${installed.join(', ')})` : ''}`,
	);
	const server = createAmplitudeServer({
		apiKey: e2e.API_KEY,
		secretKey: e2e.SECRET_KEY,
		dashboardConcurrency: DASHBOARD_CONCURRENCY,
		dashboardLatencyMs: 100,
	});
	server.seed(
		Array.from({ length: SEARCHED_USERS }, (_, i) => ({
			event_type: 'Sign Up',
			user_id: `search-user-${String(i).padStart(3, '0')}`,
			device_id: `search-device-${String(i).padStart(3, '0')}`,
			time: Date.now() - 3_600_000,
		})),
	);
	const standInUrl = await server.start(0, '127.0.0.1');
	const extraEnv = {
		...services.queueEnv({
			redis,
			postgres,
			encryptionKey: crypto.randomBytes(24).toString('hex'),
		}),
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	};
	const tmp = e2e.tempDir('amplitude-queue-');
	const tarball = await e2e.packRepo(tmp);
	const mainN8n = await e2e.createN8n({ label: 'queue-main', extraEnv });
	const workerN8ns = await Promise.all(
		[1, 2].map((n) => e2e.createN8n({ label: `queue-worker-${n}`, extraEnv })),
	);
	await Promise.all([mainN8n, ...workerN8ns].map((n) => n.installPackage(tarball)));
	e2e.log(
		`installed the package on the main instance and 2 workers (${Date.now() - t0} ms so far)`,
	);
	await mainN8n.importCredentials([
		WEBHOOK.credential,
		e2e.standInCredential({
			...CREDENTIAL,
			apiKey: e2e.API_KEY,
			secretKey: e2e.SECRET_KEY,
			url: standInUrl,
		}),
	]);
	await mainN8n.importWorkflows(Object.values(WORKFLOWS));
	const main = await mainN8n.start();
	const workers = await Promise.all(
		workerN8ns.map(async (n8n) => ({
			n8n,
			handle: await n8n.startWorker({ concurrency: WORKER_CONCURRENCY }),
		})),
	);
	// A restarted worker keeps what it logged before it was killed.
	for (const w of workers) w.logs = () => (w.previousLogs ?? '') + w.handle.logs();
	const api = await rest.signIn(main.url);
	for (const workflow of Object.values(WORKFLOWS)) await rest.publish(api, workflow.id);
	e2e.log(
		`main and 2 workers up, ${Object.keys(WORKFLOWS).length} workflows active (${Date.now() - t0} ms so far)`,
	);

	await check('docker-compose example matches', composeMatches);
	const ctx = { api, main, workers, server };
	const phases = { bulk, reads, trigger, crash };
	for (const [name, phase] of Object.entries(phases)) {
		if (only.length && !only.includes(name)) continue;
		await check(name, () => phase(ctx));
	}

	summary.seconds = Math.round((Date.now() - t0) / 1000);
	console.log(`\nsummary ${JSON.stringify(summary, null, 2)}`);
	fs.mkdirSync(e2e.ARTIFACTS, { recursive: true });
	fs.writeFileSync(
		path.join(e2e.ARTIFACTS, 'queue-summary.json'),
		`${JSON.stringify(summary, null, 2)}\n`,
	);
	if (results.some((r) => !r.ok) && process.env.E2E_DUMP) {
		fs.writeFileSync(path.join(e2e.ARTIFACTS, 'queue-main.log'), main.logs());
		workers.forEach((w, i) =>
			fs.writeFileSync(path.join(e2e.ARTIFACTS, `queue-worker-${i + 1}.log`), w.logs()),
		);
	}
	await Promise.all([main.stop(), ...workers.map((w) => w.handle.stop())]);
	await server.stop();
	await Promise.all([redis.stop(), postgres.stop()]);
}

e2e.exitOnSignals();
main()
	.catch((error) => {
		results.push({ name: 'setup', ok: false });
		console.log(`FAIL setup: ${error.stack || error.message}`);
	})
	.finally(() => {
		const passed = results.filter((r) => r.ok).length;
		console.log(`${passed} passed, ${results.length - passed} failed`);
		process.exit(results.every((r) => r.ok) ? 0 : 1);
	});
