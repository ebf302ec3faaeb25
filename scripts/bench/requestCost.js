// What one ingestion request costs the sending process, apart from building its body: the same
// pre-serialized 1000-event batches posted one at a time to the minimal sink, three ways, taking
// turns round after round in one process:
//   (n) the node's own transport (amplitudeRequest: n8n's request helper with the Amplitude
//       credential, which adds the api_key), from inside n8n's engine;
//   (r) node:http with a new connection per request, as n8n's helper opens one per request;
//   (k) node:http over one kept-alive connection, as the floor script (c) posts.
// Prints, per request, the median wall time and the process's user and system CPU time.
//   npm run bench:request
//   node scripts/bench/requestCost.js [requests per round, default 50] [rounds, default 7]  (built)
const http = require('node:http');
const { cpus } = require('node:os');
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { amplitudeRequest, loadContext } = require('../../dist/nodes/Amplitude/transport/index');
const { runAmplitude, customCredentials } = require('../../test/support/harness');
const { BATCH_SIZE } = require('./data');
const { eventsWithNewIds, post } = require('./scenarios');
const { resetSink, withSink } = require('./sinkProcess');
const { median } = require('./stats');

const REQUESTS = Number(process.argv[2] ?? 50);
const ROUNDS = Number(process.argv[3] ?? 7);
const LABELS = {
	n: "(n) the node's transport (n8n's helper)",
	r: '(r) node:http, a connection per request',
	k: '(k) node:http, one kept-alive connection',
};

/** A batch the sink has not seen (new insert_ids), without or with the api_key. */
function body(apiKey) {
	const events = eventsWithNewIds(BATCH_SIZE);
	return Buffer.from(JSON.stringify(apiKey ? { api_key: apiKey, events } : { events }));
}

/** Posts `bodies` one at a time with `send`; per request: wall ms, user and system CPU ms. */
async function measure(bodies, send) {
	const before = process.cpuUsage();
	const started = performance.now();
	for (const each of bodies) await send(each);
	const { user, system } = process.cpuUsage(before);
	const n = bodies.length;
	return {
		ms: (performance.now() - started) / n,
		user: user / 1000 / n,
		system: system / 1000 / n,
	};
}

/** Runs every round inside n8n's engine, so (n) goes through n8n's real request helper. */
function roundsNode(url, apiKey) {
	return class RequestCost extends Amplitude {
		async execute() {
			const context = await loadContext.call(this);
			const results = { n: [], r: [], k: [] };
			const viaNode = async (each) => {
				const response = await amplitudeRequest.call(this, context, {
					api: 'ingestion',
					method: 'POST',
					path: '/2/httpapi',
					body: each,
				});
				if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
			};
			for (let round = 0; round <= ROUNDS; round++) {
				for (const mode of ['n', 'r', 'k']) {
					const bodies = Array.from({ length: REQUESTS }, () => body(mode === 'n' ? '' : apiKey));
					await resetSink(url);
					const agent = new http.Agent({ keepAlive: mode === 'k', maxSockets: 1 });
					const send = mode === 'n' ? viaNode : (each) => post(url, agent, each);
					const result = await measure(bodies, send);
					agent.destroy();
					const sunk = await resetSink(url);
					if (sunk.events !== REQUESTS * BATCH_SIZE)
						throw new Error(`${mode}: sink got ${sunk.events}`);
					// Round 0 warms every path up and is not counted.
					if (round > 0) results[mode].push(result);
				}
			}
			return [[{ json: results, pairedItem: { item: 0 } }]];
		}
	};
}

withSink(async (url) => {
	const credentials = customCredentials(url);
	const RequestCost = roundsNode(url, credentials.apiKey);
	const run = await runAmplitude({
		items: [{ json: {} }],
		parameters: { resource: 'event', operation: 'send', mappingMode: 'autoMapInputData' },
		credentials,
		node: new RequestCost(),
	});
	if (run.status !== 'success') throw new Error(`run failed: ${run.error?.message}`);
	const results = run.output[0].json;
	console.log(
		`One ${BATCH_SIZE}-event request at a time, ${REQUESTS} per round, ${ROUNDS} rounds, Node ${process.version}, ${cpus().length} cores\n`,
	);
	console.log('| way | wall ms per request | user CPU ms | system CPU ms | CPU / (k) |');
	console.log('| --- | ---: | ---: | ---: | ---: |');
	const cpu = (mode) => median(results[mode].map((each) => each.user + each.system));
	for (const mode of ['n', 'r', 'k']) {
		const of = (field) => median(results[mode].map((each) => each[field])).toFixed(2);
		console.log(
			`| ${LABELS[mode]} | ${of('ms')} | ${of('user')} | ${of('system')} | ${(cpu(mode) / cpu('k')).toFixed(2)} |`,
		);
	}
}).catch((error) => {
	console.error(error);
	process.exit(1);
});
