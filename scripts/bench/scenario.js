// One benchmark scenario in its own process, so its peak RSS is its own. Prints one JSON line.
// Usage: node scripts/bench/scenario.js <a|b|c|d|e> <events> <server url>
const http = require('node:http');
const { runAmplitude, customCredentials } = require('../../test/support/harness');
const { ReadParametersOnly, RequestPerItem } = require('./stubNodes');
const { eventsFor, itemsFor, BATCH_SIZE } = require('./data');

const [scenario, countText, url] = process.argv.slice(2);
const count = Number(countText);
const credentials = customCredentials(url);

const expressionParameters = {
	resource: 'event',
	operation: 'send',
	eventType: '={{ $json.event }}',
	userId: '={{ $json.uid }}',
	eventProperties: '={{ $json.props }}',
	options: { batchSize: BATCH_SIZE },
};

function post(agent, body) {
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${url}/2/httpapi`,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', () =>
					response.statusCode === 200
						? resolve()
						: reject(new Error(`HTTP ${response.statusCode}`)),
				);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** (c) the floor: the node's batches, serialized beforehand, posted one after another over keep-alive. */
// Every run sends events the stand-in has not seen (new insert_ids), so no run is sped up by
// the stand-in's deduplication.
let runNumber = 0;

async function floor(n) {
	runNumber++;
	// The node adds a 32-character insert_id to every event; the floor sends the same bytes.
	const events = eventsFor(n).map((event, i) => ({
		...event,
		insert_id: `${runNumber}-${i}`.padStart(32, '0'),
	}));
	const bodies = [];
	for (let start = 0; start < events.length; start += BATCH_SIZE) {
		bodies.push(
			JSON.stringify({
				api_key: credentials.apiKey,
				events: events.slice(start, start + BATCH_SIZE),
			}),
		);
	}
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const started = performance.now();
	for (const body of bodies) await post(agent, body);
	const ms = performance.now() - started;
	agent.destroy();
	return { ms, requests: bodies.length };
}

async function throughEngine(parameters, node, items) {
	const n = items.length;
	runNumber++;
	const result = await runAmplitude({
		items,
		parameters,
		credentials,
		node,
		executionId: `bench-${runNumber}`,
	});
	if (result.status !== 'success') throw new Error(`run failed: ${result.error?.message}`);
	const task = result.run.data.resultData.runData.Amplitude[0];
	if (task.data.main[0].length !== n) throw new Error(`expected ${n} output items`);
	return { ms: task.executionTime };
}

const scenarios = {
	a: (n) => throughEngine(expressionParameters, undefined, itemsFor(n)),
	b: (n) =>
		throughEngine(
			{
				resource: 'event',
				operation: 'send',
				mappingMode: 'autoMapInputData',
				options: { batchSize: BATCH_SIZE },
			},
			undefined,
			eventsFor(n),
		),
	c: floor,
	d: (n) => throughEngine(expressionParameters, new ReadParametersOnly(), itemsFor(n)),
	e: (n) =>
		throughEngine(
			{ url: `${url}/2/httpapi`, apiKey: credentials.apiKey },
			new RequestPerItem(),
			eventsFor(n),
		),
};

// Every scenario gets the same treatment: one warm-up run of up to 1000 events (n8n runs in a
// long-lived process, so JIT-cold numbers would mostly measure V8), then the measured runs; the
// median is reported. Peak RSS is the process's own high-water mark over all of them.
const RUNS = count > 10_000 ? 1 : 3;

(async () => {
	await scenarios[scenario](Math.min(count, 1000));
	const baselineRss = process.memoryUsage().rss;
	const runs = [];
	for (let run = 0; run < RUNS; run++) runs.push(await scenarios[scenario](count));
	const { ms, requests } = runs.sort((x, y) => x.ms - y.ms)[Math.floor(runs.length / 2)];
	const peakRss = process.resourceUsage().maxRSS * 1024;
	console.log(JSON.stringify({ scenario, count, ms, requests, runs: RUNS, baselineRss, peakRss }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
