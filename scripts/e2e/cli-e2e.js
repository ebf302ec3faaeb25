#!/usr/bin/env node
'use strict';
// End-to-end inside the real n8n CLI (pinned by scripts/e2e/setup-n8n.sh), fully offline:
// the packed package is installed as a community package, every workflow in examples/ runs
// against its own local Amplitude stand-in (one stand-in + credential per workflow, so each
// store sees exactly one workflow), and both the workflow output and what the stand-in
// received are checked. Two built-in cases must fail: a wrong API key and a missing event type.
// Usage: npm run build && node scripts/e2e/cli-e2e.js [name-filter]
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { demoEvents } = require(path.join(e2e.REPO, 'test/support/amplitude-server/demo-data'));

const { API_KEY, SECRET_KEY } = e2e;
const WRONG_KEY = 'e2e-wrong-key-99999999999999999999999';
// No output, error or stored execution data may contain a key, nor the Basic-auth form of the pair.
const SECRETS = [API_KEY, SECRET_KEY, WRONG_KEY, Buffer.from(`${API_KEY}:${SECRET_KEY}`).toString('base64')];
const range = (n) => Array.from({ length: n }, (_, i) => i);
const pairedIndex = (item) => (typeof item.pairedItem === 'number' ? item.pairedItem : item.pairedItem?.item);

// Per-example expectations, keyed by file name without .json. `check({ output, store, run })` throws on
// failure; output(nodeName) gives that node's output items, store is what its stand-in holds. `seed`
// loads the stand-in's demo data (3 users, 7 events; see demo-data.js) before the run, for reads.
// An example without an entry gets the demo data and only has to succeed with no `success: false`
// item from any Amplitude node (defaultCheck).
const EXPECT = {
	'01-send-events': { seed: false, check: ({ output, store }) => {
		const items = output('Amplitude');
		assert.equal(items.length, 300, 'one output item per input item');
		assert.ok(items.every((i) => i.json.success === true), 'every item has success: true');
		assert.deepEqual(items.map(pairedIndex), range(300), 'pairedItem points at each input, in order');
		assert.equal(store.events.length, 300, 'the stand-in ingested 300 events');
		assert.deepEqual(store.events.slice(0, 2).map((e) => [e.event_type, e.user_id]), [['signup', 'user-000'], ['page_view', 'user-001']]);
		assert.equal(store.events.filter((e) => e.event_type === 'signup').length, 100);
	} },
};

function defaultCheck({ run, output }) {
	const amplitudeNodes = run.workflow.nodes.filter((n) => n.type === e2e.NODE_TYPE);
	assert.ok(amplitudeNodes.length > 0, 'the workflow has an Amplitude node');
	for (const node of amplitudeNodes) {
		const items = output(node.name);
		assert.ok(items, `node "${node.name}" ran`);
		assert.ok(items.every((i) => i.json.success !== false), `node "${node.name}" has no failed item`);
	}
}

// Built-in cases that must fail (each runs with `n8n execute --id`, which reports the error).
const trigger = { id: 'e2e-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const codeNode = (items) => ({
	id: 'e2e-code', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0],
	parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
});
const sendNode = { id: 'e2e-amplitude', name: 'Amplitude', type: e2e.NODE_TYPE, typeVersion: 1, position: [400, 0],
	parameters: { resource: 'event', operation: 'send', mappingMode: 'defineBelow', eventType: '={{ $json.event }}', userId: '={{ $json.user }}' } };
const chain = (name, nodes) => ({
	name, nodes, settings: { executionOrder: 'v1' },
	connections: Object.fromEntries(nodes.slice(0, -1).map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }])),
});

const FAILING = [
	{
		name: 'fails: wrong API key',
		apiKey: WRONG_KEY,
		workflow: chain('e2e wrong API key', [trigger, codeNode([{ event: 'e2e_wrong_key', user: 'e2e-user-1' }]), sendNode]),
		check({ error, store }) {
			assert.match(error.message, /api key/i, 'the message says the API key is the problem');
			assert.equal(store.events.length, 0, 'nothing was ingested');
		},
	},
	{
		name: 'fails: missing event type',
		workflow: chain('e2e missing event type', [trigger, codeNode([{ event: 'ok', user: 'e2e-user-0' }, { user: 'e2e-user-1' }, { event: 'ok', user: 'e2e-user-2' }]), sendNode]),
		check({ error, store }) {
			assert.equal(error.name, 'NodeOperationError', `a NodeOperationError (got ${error.name})`);
			assert.match(error.message, /event ?type/i, 'the message names the missing field');
			assert.match(`${error.message} ${error.description ?? ''}`, /\bitem 1\b/i, 'the message names the item (index 1)');
			assert.equal(store.requests.length, 0, 'caught before any request');
		},
	},
];

function loadExamples(filter) {
	const dir = path.join(e2e.REPO, 'examples');
	return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
		.map((f) => ({ name: f.slice(0, -5), workflow: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }))
		.map((c) => ({ ...c, seed: true, check: defaultCheck, ...EXPECT[c.name] }))
		.filter((c) => !filter || c.name.includes(filter));
}

/** The error of a failed `n8n execute` run, from the execution JSON it logs (or its text). */
function runError(result) {
	const error = result.run?.data?.resultData?.error;
	return error ?? { name: 'unknown', message: result.text.slice(-2000) };
}

async function main() {
	const t0 = Date.now();
	const filter = process.argv[2];
	const cases = [...loadExamples(filter), ...FAILING.filter((c) => !filter || c.name.includes(filter)).map((c) => ({ ...c, mustFail: true }))];
	const tmp = e2e.tempDir('amplitude-e2e-');
	const results = [];
	let n8n;
	try {
		n8n = await e2e.createN8n({ label: 'cli' });
		const tarball = await e2e.packRepo(tmp);
		const installed = await n8n.installPackage(tarball);
		e2e.log(`installed ${path.basename(tarball)} into ${n8n.folder}/.n8n/nodes (${installed.ms} ms)`);

		for (const [i, c] of cases.entries()) {
			const nr = String(i + 1).padStart(4, '0');
			c.server = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
			const url = await c.server.start(0);
			if (c.seed) c.server.seed(demoEvents(Date.now()));
			c.credential = e2e.standInCredential({ id: `e2eCredential${nr}`, name: `Amplitude stand-in ${nr}`, apiKey: c.apiKey ?? API_KEY, secretKey: SECRET_KEY, url });
			c.workflow = e2e.useCredential({ ...structuredClone(c.workflow), id: `e2eWorkflow${nr}`, active: false }, c.credential);
		}
		await n8n.importCredentials(cases.map((c) => c.credential));
		await n8n.importWorkflows(cases.map((c) => c.workflow));
		e2e.log(`imported ${cases.length} workflows and credentials (${Date.now() - t0} ms so far)`);

		const passing = cases.filter((c) => !c.mustFail);
		const batch = passing.length ? await n8n.executeBatch(passing.map((c) => c.workflow.id)) : { byId: {} };
		if (passing.length) e2e.log(`execute-batch of ${passing.length} workflows: ${batch.ms} ms`);
		for (const c of cases) {
			let result;
			if (c.mustFail) {
				const r = await n8n.execute(c.workflow.id);
				e2e.log(`execute ${c.workflow.id} (${c.name}): exit ${r.code}, ${r.ms} ms`);
				result = { ok: r.ok, run: r.data, text: r.text, status: r.ok ? 'success' : 'error' };
			} else {
				const b = batch.byId[c.workflow.id] ?? { status: 'missing' };
				result = { ok: b.status === 'success', run: b.data, text: JSON.stringify(b), status: b.status, error: b.error };
			}
			results.push(checkCase(c, result));
		}
	} finally {
		await Promise.all(cases.map((c) => c.server?.stop()));
	}
	const failed = results.filter((r) => !r).length;
	console.log(`\nCLI e2e finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed || results.length === 0 ? 1 : 0;
}

function checkCase(c, result) {
	const output = (nodeName) => e2e.nodeOutput(result.run, nodeName);
	let note = '';
	try {
		for (const secret of SECRETS) assert.ok(!result.text.includes(secret), `a key (${secret.slice(0, 12)}…) appears in the run's output`);
		if (c.mustFail) {
			assert.ok(!result.ok, 'the run fails');
			const error = runError(result);
			c.check({ error, store: c.server.store });
			note = `\n     ${error.name}: ${error.message}`;
		} else {
			assert.ok(result.ok, `the run succeeds (status ${result.status}: ${result.error ?? ''})`);
			c.check({ run: { ...result.run, workflow: c.workflow }, output, store: c.server.store });
		}
		console.log(`ok   ${c.name}${note}`);
		return true;
	} catch (err) {
		console.log(`FAIL ${c.name}: ${err.message}`);
		if (process.env.E2E_VERBOSE) console.log(result.text.slice(-6000));
		return false;
	}
}

e2e.exitOnSignals();
main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
