#!/usr/bin/env node
'use strict';
// npm run bench:trigger: the Amplitude Trigger under load in a running n8n 2.41.1 (`n8n start`,
// the package installed as a community package), beside n8n's own Webhook node as the floor. Both
// workflows end in No Operation; the local stand-in pushes the same webhook events to both, the
// same way (its event-streaming sender, keep-alive, N deliveries in flight), and measures each
// answer from request to response.
//
//   A. 5,000 events at 20 concurrent deliveries into each (5 rounds of 1,000, alternating which goes
//      first), with no timeout: answer times side by side, p95 ratio trigger / Webhook node.
//   B. 200 events into each at 1, 5 and 10 concurrent deliveries: p50, p95, deliveries per second.
//   C. 300 events at 20 concurrent deliveries into the trigger with Amplitude's own 2 s timeout
//      and retries: repeats arrive, and still every event runs once.
//   D. 300 events into a trigger set to One Item per Request.
// Then n8n's REST API must show exactly one execution per event in every phase, each holding that
// event (by uuid) as its one item: none lost, none doubled.
// Options (environment): TRIGGER_BENCH_EVENTS (phase A's events per target, default 5000),
// TRIGGER_BENCH_CONCURRENCY (default 20), TRIGGER_BENCH_LOW (phase B's events, default 200),
// TRIGGER_BENCH_RETRIED (phase C's, default 300), TRIGGER_BENCH_PER_REQUEST (phase D's, default 300),
// TRIGGER_BENCH_N8N_ENV (JSON of extra n8n settings, e.g. '{"N8N_EXPRESSION_ENGINE":"legacy"}').
// Usage: npm run bench:trigger (about 30 minutes on a busy 2-core machine with n8n's default
// settings, 7 with N8N_EXPRESSION_ENGINE=legacy). Results: docs/trigger-load.md.
const path = require('node:path');
const e2e = require('../e2e/n8n');
const rest = require('../e2e/rest');
const { webhookCredential } = require('../e2e/trigger-example');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { generatedEvents } = require(
	path.join(e2e.REPO, 'test/support/amplitude-server/outbound-cli'),
);
const { EVENT_STREAMING, percentile: nearestRank } = require(
	path.join(e2e.REPO, 'test/support/amplitude-server/webhook-sender'),
);

const EVENTS = Number(process.env.TRIGGER_BENCH_EVENTS ?? 5000);
const CONCURRENCY = Number(process.env.TRIGGER_BENCH_CONCURRENCY ?? 20);
const LOW_EVENTS = Number(process.env.TRIGGER_BENCH_LOW ?? 200);
const RETRIED_EVENTS = Number(process.env.TRIGGER_BENCH_RETRIED ?? 300);
const PER_REQUEST_EVENTS = Number(process.env.TRIGGER_BENCH_PER_REQUEST ?? 300);
const N8N_ENV = JSON.parse(process.env.TRIGGER_BENCH_N8N_ENV ?? '{}');
const ROUNDS = 5;
const NO_TIMEOUT = {
	timeoutMs: 300_000,
	attemptDelaysMs: [],
	quickRetries: { max: 0, baseMs: 0, budgetMs: 0 },
};
// Amplitude's timeout and quick retries, with the hours between attempts cut to seconds.
const AMPLITUDE_TIMING = { ...EVENT_STREAMING, attemptDelaysMs: [1000, 2000, 4000, 8000, 16000] };

const { credential, headers } = webhookCredential(
	'benchWebhook01',
	'Amplitude webhook (bench)',
	'bench-webhook-secret-5e6f7a8b9c0d1e2f',
);
const node = (id, name, type, typeVersion, parameters, extra = {}) => ({
	id,
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});
const chain = (id, first) => ({
	id,
	name: `bench ${id}`,
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [first, node(`${id}-noop`, 'No Operation', 'n8n-nodes-base.noOp', 1, {})],
	connections: { [first.name]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
});
const triggerWorkflow = (id, outputMode) =>
	chain(
		id,
		node(
			`${id}-trigger`,
			'Amplitude Trigger',
			e2e.TRIGGER_NODE_TYPE,
			1,
			{ source: 'eventStream', options: { outputMode } },
			{
				webhookId: `${id.toLowerCase()}-hook`,
				credentials: { amplitudeWebhookApi: { id: credential.id, name: credential.name } },
			},
		),
	);
const WORKFLOWS = {
	trigger: triggerWorkflow('BenchTrigger01', 'perEvent'),
	perRequest: triggerWorkflow('BenchPerRequest', 'perRequest'),
	webhook: chain(
		'BenchWebhook01',
		node(
			'BenchWebhook01-hook',
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			{
				httpMethod: 'POST',
				path: 'bench-floor',
				options: {},
			},
			{ webhookId: 'benchwebhook01-hook' },
		),
	),
};

const percentile = (values, p) => nearestRank(values, p) ?? NaN;
const summary = (values) => ({
	p50: percentile(values, 0.5),
	p95: percentile(values, 0.95),
	p99: percentile(values, 0.99),
	max: Math.max(...values),
	over1s: values.filter((v) => v > 1000).length,
	over2s: values.filter((v) => v > 2000).length,
});
/** A phase's sending stats with its answer times summed up and its exactly-once check. */
const phaseResult = (events, r, once) => ({
	events: events.length,
	requests: r.requests,
	timeouts: r.timeouts,
	retries: r.retries,
	delivered: r.delivered,
	failed: r.failed,
	statuses: r.statuses,
	...summary(r.answerMs),
	once,
});
const ms = (value) => `${Math.round(value)} ms`;
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/** Pushes events to one URL through a fresh stand-in; returns the answer times and outcomes. */
async function push(url, events, { concurrency, timing, withSecret }) {
	const source = createAmplitudeServer();
	source.streaming.configure({ url, headers: withSecret ? headers : {}, concurrency, ...timing });
	const started = performance.now();
	source.streaming.send(events);
	await source.streaming.idle();
	const seconds = (performance.now() - started) / 1000;
	const stats = source.streaming.stats();
	await source.stop();
	return { ...stats, seconds, perSecond: events.length / seconds };
}

/** Checks that a workflow's new executions hold exactly the given events, once each. */
async function checkOnce(session, workflowId, events, { before, itemsOf }) {
	const all = await rest.settledExecutions(session, workflowId, {
		count: before + events.length,
		timeoutMs: 600_000,
		quietMs: 3000,
		withData: false,
	});
	const fresh = all.slice(before);
	const failed = fresh.filter((x) => x.status !== 'success').length;
	const seen = new Map();
	for (let i = 0; i < fresh.length; i += 8) {
		const batch = await Promise.all(
			fresh.slice(i, i + 8).map((x) => rest.getExecution(session, x.id)),
		);
		for (const execution of batch) {
			const items = itemsOf(execution);
			for (const item of items) seen.set(item.uuid, (seen.get(item.uuid) ?? 0) + 1);
			if (items.length !== 1) seen.set(`(executions with ${items.length} items)`, -1);
		}
	}
	const lost = events.filter((e) => !seen.has(e.uuid)).length;
	const doubled = [...seen.values()].filter((n) => n > 1).length;
	const odd = [...seen.keys()].filter((k) => k.startsWith('(')).length;
	return { executions: fresh.length, failed, lost, doubled, oddExecutions: odd, total: all.length };
}

const triggerItems = (x) => rest.itemsOf(x, 'Amplitude Trigger');

/** Pushes events into a trigger workflow (with the secret) and checks each ran exactly once. */
async function pushAndCheck(session, { url, workflowId, events, timing, before }) {
	const r = await push(url, events, { concurrency: CONCURRENCY, timing, withSecret: true });
	const once = await checkOnce(session, workflowId, events, { before, itemsOf: triggerItems });
	return phaseResult(events, r, once);
}

async function main() {
	const t0 = Date.now();
	const tmp = e2e.tempDir('amplitude-trigger-bench-');
	const n8n = await e2e.createN8n({
		label: 'trigger-bench',
		// Keep every execution: n8n prunes beyond 10,000 by default, and the check reads them all.
		extraEnv: { EXECUTIONS_DATA_PRUNE: 'false', ...N8N_ENV },
	});
	await n8n.installPackage(await e2e.packRepo(tmp));
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows(Object.values(WORKFLOWS));
	const running = await n8n.start();
	const results = { phases: {} };
	try {
		const session = await rest.signIn(running.url);
		for (const workflow of Object.values(WORKFLOWS)) await rest.publish(session, workflow.id);
		const urls = {
			trigger: `${running.url}/webhook/benchtrigger01-hook/amplitude`,
			perRequest: `${running.url}/webhook/benchperrequest-hook/amplitude`,
			webhook: `${running.url}/webhook/bench-floor`,
		};
		log(`n8n ready at ${running.url} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
		// Warm-up: the first deliveries load code and open connections.
		for (const target of ['trigger', 'webhook'])
			await push(urls[target], generatedEvents(50), {
				concurrency: 5,
				timing: NO_TIMEOUT,
				withSecret: target === 'trigger',
			});
		const counts = {};
		for (const target of Object.keys(WORKFLOWS))
			counts[target] = (await rest.listExecutions(session, WORKFLOWS[target].id)).length;

		// A: side by side at CONCURRENCY, alternating which target goes first in each round.
		const sent = { trigger: [], webhook: [] };
		const answers = { trigger: [], webhook: [] };
		const roundRatios = [];
		const perSecond = { trigger: [], webhook: [] };
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 === 0 ? ['trigger', 'webhook'] : ['webhook', 'trigger'];
			const p95s = {};
			for (const target of order) {
				const events = generatedEvents(Math.ceil(EVENTS / ROUNDS));
				const r = await push(urls[target], events, {
					concurrency: CONCURRENCY,
					timing: NO_TIMEOUT,
					withSecret: target === 'trigger',
				});
				sent[target].push(...events);
				answers[target].push(...r.answerMs);
				perSecond[target].push(r.perSecond);
				p95s[target] = percentile(r.answerMs, 0.95);
				if (r.delivered !== events.length)
					throw new Error(`${target} round ${round}: ${JSON.stringify(r.statuses)}`);
				log(`A round ${round + 1} ${target}: p95 ${ms(p95s[target])}, ${r.perSecond.toFixed(1)}/s`);
			}
			roundRatios.push(p95s.trigger / p95s.webhook);
		}
		results.phases.A = {
			events: EVENTS,
			concurrency: CONCURRENCY,
			trigger: { ...summary(answers.trigger), perSecond: avg(perSecond.trigger) },
			webhook: { ...summary(answers.webhook), perSecond: avg(perSecond.webhook) },
			ratioP95: percentile(answers.trigger, 0.95) / percentile(answers.webhook, 0.95),
			roundRatios,
		};

		// B: lower concurrency.
		results.phases.B = [];
		for (const concurrency of [1, 5, 10]) {
			const row = { concurrency };
			for (const target of concurrency === 5 ? ['webhook', 'trigger'] : ['trigger', 'webhook']) {
				const events = generatedEvents(LOW_EVENTS);
				const r = await push(urls[target], events, {
					concurrency,
					timing: NO_TIMEOUT,
					withSecret: target === 'trigger',
				});
				sent[target].push(...events);
				row[target] = { ...summary(r.answerMs), perSecond: r.perSecond };
				log(
					`B c=${concurrency} ${target}: p95 ${ms(row[target].p95)}, ${r.perSecond.toFixed(1)}/s`,
				);
			}
			row.ratioP95 = row.trigger.p95 / row.webhook.p95;
			results.phases.B.push(row);
		}

		// Exactly once, phases A and B.
		results.once = {
			trigger: await checkOnce(session, WORKFLOWS.trigger.id, sent.trigger, {
				before: counts.trigger,
				itemsOf: triggerItems,
			}),
			webhook: await checkOnce(session, WORKFLOWS.webhook.id, sent.webhook, {
				before: counts.webhook,
				itemsOf: (x) => rest.itemsOf(x, 'Webhook').map((item) => item.body),
			}),
		};
		log(`exactly once (A, B): ${JSON.stringify(results.once)}`);

		// C: Amplitude's timeout and retries.
		results.phases.C = await pushAndCheck(session, {
			url: urls.trigger,
			workflowId: WORKFLOWS.trigger.id,
			events: generatedEvents(RETRIED_EVENTS),
			timing: AMPLITUDE_TIMING,
			before: results.once.trigger.total,
		});
		log(`C: ${JSON.stringify(results.phases.C)}`);

		// D: one item per request.
		results.phases.D = await pushAndCheck(session, {
			url: urls.perRequest,
			workflowId: WORKFLOWS.perRequest.id,
			events: generatedEvents(PER_REQUEST_EVENTS),
			timing: NO_TIMEOUT,
			before: counts.perRequest,
		});
		log(`D: ${JSON.stringify(results.phases.D)}`);
	} finally {
		await running.stop();
	}
	report(results, Date.now() - t0);
	const bad = [
		results.once.trigger,
		results.once.webhook,
		results.phases.C.once,
		results.phases.D.once,
	].some((o) => o.lost || o.doubled || o.failed || o.oddExecutions);
	process.exitCode = bad ? 1 : 0;
}

const avg = (values) => values.reduce((a, b) => a + b, 0) / values.length;

function report({ phases, once }, elapsed) {
	const { A, B, C, D } = phases;
	const line = (label, s) =>
		`| ${label} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.over1s} | ${s.over2s} | ${s.perSecond?.toFixed(1) ?? ''} |`;
	const head =
		'| | p50 | p95 | p99 | max | > 1 s | > 2 s | deliveries/s |\n| --- | --- | --- | --- | --- | --- | --- | --- |';
	const onceLine = (label, o) =>
		`| ${label} | ${o.executions} | ${o.lost} | ${o.doubled} | ${o.failed} |`;
	console.log(`
n8n settings beyond the e2e defaults: ${JSON.stringify(N8N_ENV)}

## A. ${A.events} events at ${A.concurrency} concurrent deliveries into each (rounds of ${A.events / ROUNDS}, alternating)

${head}
${line('Amplitude Trigger', A.trigger)}
${line("n8n's Webhook node (floor)", A.webhook)}

p95 ratio trigger / Webhook node: **${A.ratioP95.toFixed(2)}×** (per round: ${A.roundRatios.map((r) => r.toFixed(2)).join(', ')})

## B. ${B[0] ? LOW_EVENTS : 0} events into each at lower concurrency

| concurrent deliveries | trigger p50 | trigger p95 | Webhook p50 | Webhook p95 | p95 ratio | trigger deliveries/s | Webhook deliveries/s |
| --- | --- | --- | --- | --- | --- | --- | --- |
${B.map((r) => `| ${r.concurrency} | ${ms(r.trigger.p50)} | ${ms(r.trigger.p95)} | ${ms(r.webhook.p50)} | ${ms(r.webhook.p95)} | ${r.ratioP95.toFixed(2)}× | ${r.trigger.perSecond.toFixed(1)} | ${r.webhook.perSecond.toFixed(1)} |`).join('\n')}

## C. ${C.events} events at ${A.concurrency} with Amplitude's 2 s timeout and retries

${C.requests} requests for ${C.events} events: ${C.timeouts} timed out, ${C.retries} retries; ${C.delivered} delivered, ${C.failed} failed; statuses ${JSON.stringify(C.statuses)}; answered p95 ${ms(C.p95)}.

## D. ${D.events} events into a trigger set to One Item per Request: ${D.delivered} delivered, p95 ${ms(D.p95)}

## Exactly once (n8n's REST API, every execution read)

| phase | executions | lost | doubled | failed |
| --- | --- | --- | --- | --- |
${onceLine('A + B, Amplitude Trigger', once.trigger)}
${onceLine("A + B, n8n's Webhook node", once.webhook)}
${onceLine('C, with timeouts and retries', C.once)}
${onceLine('D, One Item per Request', D.once)}

(finished in ${(elapsed / 60000).toFixed(1)} min)`);
}

e2e.exitOnSignals();
main().catch((error) => {
	console.error(error);
	process.exit(1);
});
