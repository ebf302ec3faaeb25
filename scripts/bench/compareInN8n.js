// compareBuilds.js in the real n8n (the CLI set up by scripts/e2e/setup-n8n.sh, with its database,
// credential store and task runner): this build's Send Event against another build's, 10,000
// auto-mapped events by default, posted to the minimal sink. The package is installed once; before
// each execution (`n8n execute-batch`, which writes the run to a file) the build whose turn it is
// is copied over its dist/. Each execution sends `sends` times (a Code node makes new events, the
// Amplitude node sends them), and the times are the Amplitude nodes' as n8n records them. Prints
// the medians and their ratio this / other.
//   npm run build && npm run e2e:setup
//   node scripts/bench/compareInN8n.js <other dist> [events, default 10000] [rounds, default 7] [sends, default 3]
const fs = require('node:fs');
const { join, resolve } = require('node:path');
const e2e = require('../e2e/n8n');
const { BATCH_SIZE, eventsFor, itemsFor } = require('./data');
const { resetSink, withSink } = require('./sinkProcess');
const { median } = require('./stats');

const [otherDist, countText = '10000', roundsText = '7', sendsText = '3'] = process.argv.slice(2);
if (!otherDist)
	throw new Error(
		'Usage: node scripts/bench/compareInN8n.js <other dist> [events] [rounds] [sends]',
	);
const COUNT = Number(countText);
const ROUNDS = Number(roundsText);
const SENDS = Number(sendsText);
const BUILDS = { this: resolve(__dirname, '../../dist'), other: resolve(otherDist) };
// n8n execute-batch skips IDs without a digit.
const WORKFLOW_ID = 'benchCompareInN8n1';

/**
 * The Code node's script: data.js's eventsFor itself, each event with an insert_id no other send
 * used (32 characters, as the node derives them).
 */
const EVENTS_CODE = `${itemsFor}
${eventsFor}
const run = Date.now() + '-' + Math.random().toString(36).slice(2);
return eventsFor(${COUNT}).map((json, i) => ({
	json: { ...json, insert_id: (run + '-' + i).padStart(32, '0') },
}));`;

/** Start → (Events k → Amplitude k) × SENDS, every Amplitude node sending with `credential`. */
function workflow(credential) {
	const nodes = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			parameters: {},
		},
	];
	const connections = {};
	let previous = 'Start';
	for (let send = 0; send < SENDS; send++) {
		const events = `Events ${send}`;
		const amplitude = `Amplitude ${send}`;
		nodes.push(
			{
				id: `events${send}`,
				name: events,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: EVENTS_CODE },
			},
			{
				id: `amplitude${send}`,
				name: amplitude,
				type: e2e.NODE_TYPE,
				typeVersion: 1,
				parameters: {
					resource: 'event',
					operation: 'send',
					mappingMode: 'autoMapInputData',
					options: { batchSize: BATCH_SIZE },
				},
			},
		);
		connections[previous] = { main: [[{ node: events, type: 'main', index: 0 }]] };
		connections[events] = { main: [[{ node: amplitude, type: 'main', index: 0 }]] };
		previous = amplitude;
	}
	nodes.forEach((node, index) => Object.assign(node, { position: [200 * index, 0] }));
	return e2e.useCredential(
		{ id: WORKFLOW_ID, name: 'Send Event benchmark', active: false, nodes, connections },
		credential,
	);
}

/** One execution with `dist` installed: the Amplitude nodes' times, checked against the sink. */
async function execute(n8n, installed, dist, url) {
	fs.rmSync(installed, { recursive: true });
	fs.cpSync(dist, installed, { recursive: true });
	await resetSink(url);
	const { byId } = await n8n.executeBatch([WORKFLOW_ID]);
	const { status, error, data } = byId[WORKFLOW_ID] ?? {};
	const runData = data?.data?.resultData?.runData;
	if (status !== 'success' || !runData)
		throw new Error(`the execution failed (${status}): ${error}`);
	const sunk = await resetSink(url);
	if (sunk.events !== COUNT * SENDS || sunk.duplicates !== 0) {
		throw new Error(`the sink got ${JSON.stringify(sunk)}, expected ${COUNT * SENDS} events`);
	}
	return Array.from({ length: SENDS }, (_, send) => runData[`Amplitude ${send}`][0].executionTime);
}

withSink(async (url) => {
	const n8n = await e2e.createN8n({ label: 'bench' });
	await n8n.installPackage(await e2e.packRepo(n8n.folder));
	const installed = join(n8n.folder, '.n8n/nodes/node_modules/n8n-nodes-amplitude/dist');
	const credential = e2e.standInCredential({
		id: 'benchSinkCredential',
		name: 'Minimal sink',
		apiKey: 'local-api-key',
		secretKey: 'local-secret-key',
		url,
	});
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows([workflow(credential)]);
	const times = { this: [], other: [] };
	for (let round = 0; round < ROUNDS; round++) {
		// Alternate which build goes first.
		for (const build of round % 2 ? ['this', 'other'] : ['other', 'this']) {
			const ms = await execute(n8n, installed, BUILDS[build], url);
			times[build].push(...ms);
			console.log(`round ${round + 1}, ${build}: ${ms.join(', ')} ms`);
		}
	}
	const [ours, theirs] = [median(times.this), median(times.other)];
	console.log(
		`${COUNT} events, ${ROUNDS} rounds of ${SENDS} sends in n8n: this / other ${(ours / theirs).toFixed(3)}; median ms ${ours} and ${theirs}`,
	);
})
	.then(() => process.exit(0))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
