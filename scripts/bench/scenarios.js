// The benchmark's scenarios, each a function (events, sink URL) → { ms, requests }:
// (a) the node through n8n's engine with fields mapped by expressions; (b) the node with
// auto-mapped items; (c) the floor: the same events, serialized beforehand into the node's
// batches, posted one after another over keep-alive; (d) n8n's own cost of reading the node's
// parameters per item, sending nothing; (e) one request per item from inside n8n; (f) the floor
// through n8n: (c)'s batches posted through n8n's request helper from inside its engine; (g) the
// same, as many at once as the node sends; (h) as (g), each batch serialized as it is posted.
const http = require('node:http');
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { MAX_INGESTION_REQUESTS_IN_FLIGHT } = require('../../dist/nodes/Amplitude/limits');
const { runAmplitude, customCredentials } = require('../../test/support/harness');
const { postThroughN8n, ReadParametersOnly, RequestPerItem } = require('./stubNodes');
const { eventsFor, itemsFor, BATCH_SIZE } = require('./data');

const LABELS = {
	a: '(a) node, expressions',
	b: '(b) node, auto-map',
	c: '(c) floor script',
	d: '(d) n8n parameter cost',
	e: '(e) request per item',
	f: '(f) floor through n8n',
	g: '(g) floor through n8n, in parallel',
	h: '(h) (g), serializing as it posts',
};

const expressionParameters = {
	resource: 'event',
	operation: 'send',
	eventType: '={{ $json.event }}',
	userId: '={{ $json.uid }}',
	eventProperties: '={{ $json.props }}',
	options: { batchSize: BATCH_SIZE },
};
const autoMapParameters = {
	resource: 'event',
	operation: 'send',
	mappingMode: 'autoMapInputData',
	options: { batchSize: BATCH_SIZE },
};

// Every run sends events the sink has not seen (new insert_ids), so no run is sped up by its
// deduplication.
let runNumber = 0;

function post(url, agent, body) {
	return new Promise((resolve, reject) => {
		const headers = { 'content-type': 'application/json', 'content-length': body.length };
		const request = http.request(
			`${url}/2/httpapi`,
			{ method: 'POST', agent, headers },
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

/** CPU milliseconds of this process (every thread, garbage collection included) since `before`. */
function cpuMsSince(before) {
	const { user, system } = process.cpuUsage(before);
	return (user + system) / 1000;
}

/**
 * Runs `node`'s execute measuring the process's CPU time while it runs (n8n's own work around
 * the node, before and after, is left out).
 */
function measuringCpu(node) {
	const execute = node.execute;
	const measured = Object.create(node);
	measured.cpuMs = 0;
	measured.execute = async function () {
		const before = process.cpuUsage();
		try {
			return await execute.call(this);
		} finally {
			measured.cpuMs = cpuMsSince(before);
		}
	};
	return measured;
}

/**
 * The benchmark's events, each with a 32-character insert_id no run has used: the node adds one of
 * that length to every event, so a floor sending these sends the same bytes.
 */
function eventsWithNewIds(count) {
	runNumber++;
	return eventsFor(count).map((event, i) => ({
		...event,
		insert_id: `${runNumber}-${i}`.padStart(32, '0'),
	}));
}

/** (c) the floor: the node's batches, serialized beforehand, posted one after another over keep-alive. */
async function floor(count, url) {
	const { apiKey } = customCredentials(url);
	const events = eventsWithNewIds(count);
	const bodies = [];
	for (let start = 0; start < events.length; start += BATCH_SIZE) {
		const batch = events.slice(start, start + BATCH_SIZE);
		bodies.push(Buffer.from(JSON.stringify({ api_key: apiKey, events: batch })));
	}
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const before = process.cpuUsage();
	const started = performance.now();
	for (const body of bodies) await post(url, agent, body);
	const ms = performance.now() - started;
	const cpuMs = cpuMsSince(before);
	agent.destroy();
	return { ms, cpuMs, requests: bodies.length };
}

/**
 * (f): (c)'s batches through n8n's request helper, one at a time; (g) as many at once as the node
 * sends; (h) as (g), serializing each batch just before posting it. The stub node reports its
 * posting time.
 */
async function floorThroughN8n(count, url, inFlight = 1, serializeWhilePosting = false) {
	const items = eventsWithNewIds(count);
	const result = await runAmplitude({
		items,
		parameters: autoMapParameters,
		credentials: customCredentials(url),
		node: new (postThroughN8n(inFlight, serializeWhilePosting))(),
		executionId: `bench-${runNumber}`,
	});
	if (result.status !== 'success') throw new Error(`run failed: ${result.error?.message}`);
	return result.output[0].json;
}

/**
 * A node run through n8n's engine; its time is the node's execution time as n8n records it, its
 * CPU time the process's while the node's execute runs.
 */
async function throughEngine(url, parameters, nodeInstance, items) {
	runNumber++;
	const node = measuringCpu(nodeInstance);
	const result = await runAmplitude({
		items,
		parameters,
		credentials: customCredentials(url),
		node,
		executionId: `bench-${runNumber}`,
	});
	if (result.status !== 'success') throw new Error(`run failed: ${result.error?.message}`);
	const task = result.run.data.resultData.runData.Amplitude[0];
	if (task.data.main[0].length !== items.length)
		throw new Error(`expected ${items.length} output items`);
	return { ms: task.executionTime, cpuMs: node.cpuMs, requests: undefined };
}

const scenarios = {
	a: (count, url) => throughEngine(url, expressionParameters, new Amplitude(), itemsFor(count)),
	b: (count, url) => throughEngine(url, autoMapParameters, new Amplitude(), eventsFor(count)),
	c: floor,
	f: (count, url) => floorThroughN8n(count, url),
	g: (count, url) => floorThroughN8n(count, url, MAX_INGESTION_REQUESTS_IN_FLIGHT),
	h: (count, url) => floorThroughN8n(count, url, MAX_INGESTION_REQUESTS_IN_FLIGHT, true),
	d: (count, url) =>
		throughEngine(url, expressionParameters, new ReadParametersOnly(), itemsFor(count)),
	e: (count, url) =>
		throughEngine(
			url,
			{ url: `${url}/2/httpapi`, apiKey: customCredentials(url).apiKey },
			new RequestPerItem(),
			eventsFor(count),
		),
};

module.exports = { scenarios, LABELS, post, autoMapParameters, eventsWithNewIds, throughEngine };
