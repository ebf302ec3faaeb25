#!/usr/bin/env node
'use strict';
// End-to-end inside the real n8n CLI (pinned by scripts/e2e/setup-n8n.sh), fully offline:
// the packed package is installed as a community package, every workflow in examples/ runs
// against its own local Amplitude stand-in (one stand-in + credential per workflow, so each
// store sees exactly one workflow), and both the workflow output and what the stand-in
// received are checked (expect/<example>.js). Two phases: the writing examples (01–03) first,
// then the read-back examples (04–07), whose stand-ins first get a replay of everything 01–03
// sent. Two built-in cases must fail: a wrong API key and a missing event type. Examples that
// start with the Amplitude Trigger wait for a webhook, which `n8n execute` cannot deliver: they
// are skipped here and run by trigger-e2e.js (under `n8n start`).
// Usage: npm run build && node scripts/e2e/cli-e2e.js [name-filter]
//        E2E_DUMP=dir also writes each case's run and what its stand-in received.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { demoEvents } = require(path.join(e2e.REPO, 'test/support/amplitude-server/demo-data'));

// Per-example expectations live in expect/<example name>.js. `check({ output, store, server, run, files })`
// throws (or rejects) on failure; output(nodeName) gives that node's output items, store is what its
// stand-in holds (server is the stand-in itself, for its cohorts and deletion jobs), files the n8n
// instance's folder for the file nodes (a workflow writes to .n8n-files/<name>).
// `readsFrom: [names]` runs the example in the second phase, on a stand-in holding what those
// examples sent; otherwise `seed` (default true) loads the stand-in's demo data (3 users, 7 events;
// see demo-data.js) before the run, or, as a function (server) => …, seeds it as it likes.
// `charts` are saved charts its stand-in holds (saved-charts.js); `standIn` (options) is passed to
// that example's stand-in. An example without an entry gets the demo data and only has to
// succeed with no `success: false` item from any Amplitude node (defaultCheck).
// The story of examples/: 01–03 write into empty stand-ins; 04–07 read back from stand-ins that
// were given everything 01–03 sent (see replayInto), so Amplitude IDs start at 100000001 with user-00001.
const {
	API_KEY,
	SECRET_KEY,
	DEPLOYMENT_KEY,
	WRONG_KEY,
	SECRETS,
	range,
	pairedIndex,
} = require('./checks');

function defaultCheck({ run, output }) {
	const amplitudeNodes = run.workflow.nodes.filter((n) => n.type === e2e.NODE_TYPE);
	assert.ok(amplitudeNodes.length > 0, 'the workflow has an Amplitude node');
	for (const node of amplitudeNodes) {
		const items = output(node.name);
		assert.ok(items, `node "${node.name}" ran`);
		assert.ok(
			items.every((i) => i.json.success !== false),
			`node "${node.name}" has no failed item`,
		);
	}
}

// Built-in cases that must fail (each runs with `n8n execute --id`, which reports the error).
const trigger = {
	id: 'e2e-trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const codeNode = (items) => ({
	id: 'e2e-code',
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
});
const sendNode = {
	id: 'e2e-amplitude',
	name: 'Amplitude',
	type: e2e.NODE_TYPE,
	typeVersion: 1,
	position: [400, 0],
	parameters: {
		resource: 'event',
		operation: 'send',
		mappingMode: 'defineBelow',
		eventType: '={{ $json.event }}',
		userId: '={{ $json.user }}',
	},
};
const chain = (name, nodes) => ({
	name,
	nodes,
	settings: { executionOrder: 'v1' },
	connections: Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]),
	),
});

const FAILING = [
	{
		name: 'fails: wrong API key',
		apiKey: WRONG_KEY,
		workflow: chain('e2e wrong API key', [
			trigger,
			codeNode([{ event: 'e2e_wrong_key', user: 'e2e-user-1' }]),
			sendNode,
		]),
		check({ error, store }) {
			assert.match(error.message, /api key/i, 'the message says the API key is the problem');
			assert.equal(store.events.length, 0, 'nothing was ingested');
		},
	},
	{
		name: 'fails: missing event type',
		workflow: chain('e2e missing event type', [
			trigger,
			codeNode([
				{ event: 'ok', user: 'e2e-user-0' },
				{ user: 'e2e-user-1' },
				{ event: 'ok', user: 'e2e-user-2' },
			]),
			sendNode,
		]),
		check({ error, store }) {
			assert.equal(error.name, 'NodeOperationError', `a NodeOperationError (got ${error.name})`);
			assert.match(error.message, /event ?type/i, 'the message names the missing field');
			assert.match(
				`${error.message} ${error.description ?? ''}`,
				/\bitem 1\b/i,
				'the message names the item (index 1)',
			);
			assert.equal(store.requests.length, 0, 'caught before any request');
		},
	},
];

function expectationsFor(name) {
	const file = path.join(__dirname, 'expect', `${name}.js`);
	return fs.existsSync(file) ? require(file) : {};
}

function loadExamples() {
	const dir = path.join(e2e.REPO, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({
			name: f.slice(0, -5),
			workflow: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')),
		}))
		.filter(({ name, workflow }) => {
			if (!e2e.startsWithTrigger(workflow)) return true;
			console.log(`skip ${name}: starts with Amplitude Trigger, run by scripts/e2e/trigger-e2e.js`);
			return false;
		})
		.map((c) => ({ ...c, seed: true, check: defaultCheck, ...expectationsFor(c.name) }));
}

/** The error of a failed `n8n execute` run, from the execution JSON it logs (or its text). */
function runError(result) {
	const error = result.run?.data?.resultData?.error;
	return error ?? { name: 'unknown', message: result.text.slice(-2000) };
}

/**
 * Replays what the writer examples' stand-ins accepted (ingestion, user mapping and cohort writes, in order) into a
 * reader's stand-in, so the read-back examples see exactly what the node sent; then clears the
 * reader's request log, so its checks see only the reads.
 */
async function replayInto(reader, writers) {
	for (const writer of writers) {
		for (const r of writer.server.store.requests) {
			if (r.method !== 'POST' || r.status !== 200 || !REPLAYED_PATHS.includes(r.path)) continue;
			const res = await fetch(`${reader.server.url}${r.path}`, {
				method: 'POST',
				headers: {
					'content-type': r.headers['content-type'],
					...(r.headers.authorization ? { authorization: r.headers.authorization } : {}),
				},
				body: r.body,
			});
			if (!res.ok)
				throw new Error(
					`replaying ${writer.name} ${r.path} into ${reader.name}: ${res.status} ${await res.text()}`,
				);
		}
	}
	reader.server.store.requests.length = 0;
}
// Ingestion, and the user mappings and cohort writes the lifecycle examples (08) make.
const REPLAYED_PATHS = [
	'/2/httpapi',
	'/batch',
	'/identify',
	'/groupidentify',
	'/usermap',
	'/api/3/cohorts/upload',
	'/api/3/cohorts/membership',
];

async function main() {
	const t0 = Date.now();
	const filter = process.argv[2];
	const examples = loadExamples();
	const cases = [
		...examples.filter(
			(c) => !filter || c.name.includes(filter) || c.readsFrom?.some((w) => w.includes(filter)),
		),
		...FAILING.filter((c) => !filter || c.name.includes(filter)).map((c) => ({
			...c,
			mustFail: true,
		})),
	];
	// A read-back example needs its writers to run first (also when the filter left them out),
	// and theirs in turn.
	for (let added = true; added; ) {
		added = false;
		for (const c of [...cases]) {
			for (const w of c.readsFrom ?? []) {
				const writer = examples.find((e) => e.name === w);
				if (!writer) throw new Error(`${c.name} reads from ${w}, which is not in examples/`);
				if (!cases.includes(writer)) {
					cases.unshift(writer);
					added = true;
				}
			}
		}
	}
	const tmp = e2e.tempDir('amplitude-e2e-');
	const results = [];
	let n8n;
	try {
		n8n = await e2e.createN8n({ label: 'cli' });
		const tarball = await e2e.packRepo(tmp);
		const installed = await n8n.installPackage(tarball);
		e2e.log(
			`installed ${path.basename(tarball)} into ${n8n.folder}/.n8n/nodes (${installed.ms} ms)`,
		);

		for (const [i, c] of cases.entries()) {
			const nr = String(i + 1).padStart(4, '0');
			c.server = createAmplitudeServer({
				apiKey: API_KEY,
				secretKey: SECRET_KEY,
				charts: c.charts,
				deploymentKey: DEPLOYMENT_KEY,
				...c.standIn,
			});
			const url = await c.server.start(0);
			if (typeof c.seed === 'function') await c.seed(c.server);
			else if (c.seed && !c.readsFrom) c.server.seed(demoEvents(Date.now()));
			c.credential = e2e.standInCredential({
				id: `e2eCredential${nr}`,
				name: `Amplitude stand-in ${nr}`,
				apiKey: c.apiKey ?? API_KEY,
				secretKey: SECRET_KEY,
				url,
			});
			c.workflow = e2e.useCredential(
				{ ...structuredClone(c.workflow), id: `e2eWorkflow${nr}`, active: false },
				c.credential,
			);
		}
		await n8n.importCredentials(cases.map((c) => c.credential));
		await n8n.importWorkflows(cases.map((c) => c.workflow));
		e2e.log(`imported ${cases.length} workflows and credentials (${Date.now() - t0} ms so far)`);

		// Phase 1: examples that write (and any without readsFrom); phase 2: the read-back examples,
		// each against a stand-in that holds what phase 1 sent.
		// Each workflow runs with `n8n execute --id`, as a user would run it; E2E_BATCH=1 runs each
		// phase in one `n8n execute-batch` instead (one n8n start per phase, faster).
		const byStatus = {};
		const runBatch = async (list, label) => {
			if (!list.length) return;
			if (process.env.E2E_BATCH === '1') {
				const batch = await n8n.executeBatch(list.map((c) => c.workflow.id));
				e2e.log(`execute-batch of ${list.length} ${label} workflows: ${batch.ms} ms`);
				Object.assign(byStatus, batch.byId);
				return;
			}
			for (const c of list) {
				const r = await n8n.execute(c.workflow.id);
				e2e.log(`execute --id=${c.workflow.id} (${c.name}): exit ${r.code}, ${r.ms} ms`);
				const status = r.ok ? 'success' : 'error';
				byStatus[c.workflow.id] = {
					status,
					data: r.data,
					error: r.ok ? undefined : r.text.slice(-2000),
					text: r.text,
				};
			}
		};
		const passing = cases.filter((c) => !c.mustFail);
		await runBatch(
			passing.filter((c) => !c.readsFrom),
			'writing',
		);
		// A reader may itself be read from (09 reads what 08 wrote): readers run in rounds, each
		// once every example it reads from has run.
		let pending = passing.filter((c) => c.readsFrom);
		const ran = new Set(passing.filter((c) => !c.readsFrom).map((c) => c.name));
		while (pending.length) {
			const ready = pending.filter((c) => c.readsFrom.every((w) => ran.has(w)));
			if (!ready.length)
				throw new Error(
					`examples read from each other in a circle: ${pending.map((c) => c.name).join(', ')}`,
				);
			for (const c of ready)
				await replayInto(
					c,
					c.readsFrom.map((w) => cases.find((x) => x.name === w)),
				);
			await runBatch(ready, 'read-back');
			for (const c of ready) ran.add(c.name);
			pending = pending.filter((c) => !ready.includes(c));
		}

		for (const c of cases) {
			if (
				filter &&
				!c.mustFail &&
				!c.name.includes(filter) &&
				!c.readsFrom?.some((w) => w.includes(filter))
			)
				continue;
			let result;
			if (c.mustFail) {
				const r = await n8n.execute(c.workflow.id);
				e2e.log(`execute ${c.workflow.id} (${c.name}): exit ${r.code}, ${r.ms} ms`);
				result = { ok: r.ok, run: r.data, text: r.text, status: r.ok ? 'success' : 'error' };
			} else {
				const b = byStatus[c.workflow.id] ?? { status: 'missing' };
				result = {
					ok: b.status === 'success',
					run: b.data,
					text: b.text ?? JSON.stringify(b),
					status: b.status,
					error: b.error,
				};
			}
			dump(c, result);
			results.push(await checkCase(c, result, n8n.filesDir));
		}
	} finally {
		await Promise.all(cases.map((c) => c.server?.stop()));
	}
	const failed = results.filter((r) => !r).length;
	console.log(`\nCLI e2e finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed || results.length === 0 ? 1 : 0;
}

/** E2E_DUMP=dir: writes each case's run and what its stand-in received, for writing expectations. */
function dump(c, result) {
	if (!process.env.E2E_DUMP) return;
	fs.mkdirSync(process.env.E2E_DUMP, { recursive: true });
	const { store } = c.server;
	const received = {
		events: store.events,
		identifies: store.identifies,
		groupIdentifies: store.groupIdentifies,
		requests: store.requests.map(({ method, path: p, query, headers, status, body }) => ({
			method,
			path: p,
			query,
			authorization: headers.authorization,
			status,
			body: body?.slice(0, 300),
		})),
	};
	fs.writeFileSync(
		path.join(process.env.E2E_DUMP, `${c.name.replace(/[^\w-]+/g, '_')}.json`),
		JSON.stringify({ result, received }, null, 1),
	);
}

async function checkCase(c, result, files) {
	const output = (nodeName) => e2e.nodeOutput(result.run, nodeName);
	let note = '';
	try {
		for (const secret of SECRETS)
			assert.ok(
				!result.text.includes(secret),
				`a key (${secret.slice(0, 12)}…) appears in the run's output`,
			);
		if (c.mustFail) {
			assert.ok(!result.ok, 'the run fails');
			const error = runError(result);
			await c.check({ error, store: c.server.store });
			note = `\n     ${error.name}: ${error.message}`;
		} else {
			assert.ok(result.ok, `the run succeeds (status ${result.status}: ${result.error ?? ''})`);
			await c.check({
				run: { ...result.run, workflow: c.workflow },
				output,
				store: c.server.store,
				files,
				server: c.server,
			});
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
