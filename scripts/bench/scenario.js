// One benchmark scenario in its own process, so its peak RSS is its own. Prints one JSON line.
// Usage: node scripts/bench/scenario.js <a|b|c|d|e> <events> <server url>
const http = require('node:http');
const { runAmplitude, customCredentials } = require('../../test/helpers/harness');
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
		const request = http.request(`${url}/2/httpapi`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
			response.resume();
			response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
		});
		request.on('error', reject);
		request.end(body);
	});
}

/** (c) the floor: the node's batches, serialized beforehand, posted one after another over keep-alive. */
async function floor() {
	// The node adds a 32-character insert_id to every event; the floor sends the same bytes.
	const events = eventsFor(count).map((event, i) => ({ ...event, insert_id: i.toString(16).padStart(32, '0') }));
	const bodies = [];
	for (let start = 0; start < events.length; start += BATCH_SIZE) {
		bodies.push(JSON.stringify({ api_key: credentials.apiKey, events: events.slice(start, start + BATCH_SIZE) }));
	}
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const started = performance.now();
	for (const body of bodies) await post(agent, body);
	const ms = performance.now() - started;
	agent.destroy();
	return { ms, requests: bodies.length };
}

async function throughEngine(parameters, node, items) {
	const result = await runAmplitude({ items, parameters, credentials, node });
	if (result.status !== 'success') throw new Error(`run failed: ${result.error?.message}`);
	const task = result.run.data.resultData.runData.Amplitude[0];
	if (task.data.main[0].length !== count) throw new Error(`expected ${count} output items`);
	return { ms: task.executionTime };
}

const scenarios = {
	a: () => throughEngine(expressionParameters, undefined, itemsFor(count)),
	b: () => throughEngine({ resource: 'event', operation: 'send', mappingMode: 'autoMapInputData', options: { batchSize: BATCH_SIZE } }, undefined, eventsFor(count)),
	c: floor,
	d: () => throughEngine(expressionParameters, new ReadParametersOnly(), itemsFor(count)),
	e: () => throughEngine({ url: `${url}/2/httpapi`, apiKey: credentials.apiKey }, new RequestPerItem(), eventsFor(count)),
};

(async () => {
	const baselineRss = process.memoryUsage().rss;
	const { ms, requests } = await scenarios[scenario]();
	const peakRss = process.resourceUsage().maxRSS * 1024;
	console.log(JSON.stringify({ scenario, count, ms, requests, baselineRss, peakRss }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
