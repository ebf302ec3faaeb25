'use strict';
// `npm run demo`, the examples that start with the Amplitude Trigger (examples/14-*): `n8n execute`
// cannot run them, since they wait for Amplitude to push. So n8n is started (`n8n start`), the
// workflow published, and a local Amplitude stand-in streams a shop's events to its production URL,
// one of them twice (a retry); the executions n8n ran are read back through its REST API and
// summarised (about 45 s, most of it n8n starting). Against real Amplitude they are skipped:
// Amplitude would have to reach this n8n. DEMO_TRIGGER=0 skips them.
const crypto = require('node:crypto');
const path = require('node:path');

const e2e = require('./e2e/n8n');
const rest = require('./e2e/rest');
const {
	webhookCredential,
	helpdesk,
	prepareTriggerExample,
	CHECKOUT_EVENTS,
} = require('./e2e/trigger-example');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** One line per execution: the event, and how far it got. */
function describeExecution(execution, workflow) {
	const [trigger, filter, ticket, record] = workflow.nodes.map((n) => n.name);
	const [event] = rest.itemsOf(execution, trigger);
	const who = `${event.user_id}: cart ${event.event_properties?.cart_value}, plan ${event.user_properties?.plan}`;
	if (rest.itemsOf(execution, filter).length === 0) return `${who} → filtered out, no ticket`;
	const [opened] = rest.itemsOf(execution, ticket);
	const [recorded] = rest.itemsOf(execution, record);
	return `${who} → ticket ${opened?.id ?? '?'} opened, ${recorded?.success ? 'recorded in Amplitude' : 'NOT recorded in Amplitude'}`;
}

/**
 * Runs the trigger examples in the demo's n8n; returns how many failed. `credential`: the demo's
 * Amplitude credential (the example's action writes with it).
 */
async function demoTriggerExamples({ examples, n8n, config, credential, say }) {
	if (examples.length === 0) return 0;
	if (process.env.DEMO_TRIGGER === '0') {
		say(`${examples.map((x) => x.name).join(', ')}: skipped (DEMO_TRIGGER=0)\n`);
		return 0;
	}
	if (config.real) {
		for (const x of examples)
			say(
				`${x.name}: skipped: its Amplitude Trigger waits for Amplitude to push to this n8n, which real Amplitude cannot reach here (scripts/e2e/trigger-e2e.js runs it against the local stand-in)\n`,
			);
		return 0;
	}
	say(`Started by Amplitude (${examples.map((x) => x.name.slice(0, 2)).join(', ')}) …\n`);
	const started = Date.now();
	const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
	const shop = createAmplitudeServer({ apiKey: 'demo-api-key' });
	const desk = await helpdesk();
	const { credential: webhook, headers } = webhookCredential(
		'demoWebhook01',
		'Amplitude webhook secret',
		crypto.randomBytes(16).toString('hex'),
	);
	let running;
	let failures = 0;
	try {
		await shop.start(0);
		for (const x of examples)
			prepareTriggerExample(x.workflow, { webhook, amplitude: credential, helpdeskUrl: desk.url });
		await n8n.importCredentials([webhook]);
		await n8n.importWorkflows(examples.map((x) => x.workflow));
		// start() waits for n8n's "Editor is now accessible" line, which the demo's quieter log
		// level hides (n8n's output is not shown either way).
		n8n.env.N8N_LOG_LEVEL = 'info';
		running = await n8n.start();
		const session = await rest.signIn(running.url);
		for (const x of examples) {
			await rest.publish(session, x.workflow.id);
			const trigger = x.workflow.nodes.find((n) => n.type === e2e.TRIGGER_NODE_TYPE);
			const url = `${running.url}/webhook/${trigger.webhookId}/amplitude`;
			say(`  n8n started and the workflow published in ${seconds(Date.now() - started)}`);

			shop.streaming.configure({ url, headers });
			await fetch(`${shop.url}/2/httpapi`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ api_key: 'demo-api-key', events: CHECKOUT_EVENTS }),
			});
			await shop.streaming.idle();
			shop.streaming.send([JSON.parse(shop.streaming.deliveries[0].body)]); // Amplitude retrying
			await shop.streaming.idle();
			const answered = shop.streaming.deliveries.map((d) => d.requests.at(-1)?.status);
			const expected = CHECKOUT_EVENTS.filter((e) => e.event_type === 'checkout_failed').length;
			const executions = await rest.settledExecutions(session, x.workflow.id, { count: expected });
			const ok =
				answered.every((status) => status === 200) &&
				executions.length === expected &&
				executions.every((run) => run.status === 'success');
			if (!ok) failures += 1;
			say(`${ok ? '✔' : '✘'} ${x.workflow.name}  (examples/${x.file})${ok ? '' : ' FAILED'}`);
			say(
				`  • the stand-in streamed ${CHECKOUT_EVENTS.length} events to the production URL, then the first again (a retry); n8n answered ${answered.join(', ')}`,
			);
			say(
				`  • ${executions.length} executions (expected ${expected}: one per checkout_failed; the Open App event and the retry started none):`,
			);
			for (const run of executions) say(`      ${describeExecution(run, x.workflow)}`);
			say(
				`  • the helpdesk received ${desk.tickets.length} ${desk.tickets.length === 1 ? 'ticket' : 'tickets'}\n`,
			);
		}
	} finally {
		await running?.stop();
		await shop.stop();
		await desk.stop();
	}
	return failures;
}

module.exports = { demoTriggerExamples };
