// The benchmark's minimal Amplitude sink, in a process of its own: it accepts HTTP V2 and Batch
// requests, checks the API key and that every event has an event type and a user or device ID,
// deduplicates on insert_id + device_id, counts, and answers as Amplitude does. Nothing else, so
// the time a run takes is the sender's, not the server's. The node and the floor both post here.
//
//   node scripts/bench/sink.js [--port 0] [--api-key local-api-key]
//   prints "listening on http://127.0.0.1:PORT"; GET /stats gives the counts; POST /reset gives
//   them and starts afresh (counts and deduplication memory), so the sink's heap stays the same
//   size from run to run and no run pays for a garbage collection of the runs before it.
const http = require('node:http');

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const index = args.indexOf(`--${name}`);
	return index >= 0 ? args[index + 1] : fallback;
};
const API_KEY = option('api-key', 'local-api-key');
const PORT = Number(option('port', '0'));

const seen = new Set();
const stats = { requests: 0, events: 0, duplicates: 0, rejected: 0 };

function answer(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

function ingest(body, res) {
	let request;
	try {
		request = JSON.parse(body);
	} catch {
		return answer(res, 400, { code: 400, error: 'Invalid JSON request body' });
	}
	if (request.api_key !== API_KEY) return answer(res, 400, { code: 400, error: 'Invalid API key' });
	const events = request.events;
	if (!Array.isArray(events) || events.length === 0) {
		return answer(res, 400, {
			code: 400,
			error: 'Request missing required field',
			missing_field: 'events',
		});
	}
	const missing = [];
	events.forEach((event, index) => {
		if (typeof event.event_type !== 'string' || !(event.user_id || event.device_id))
			missing.push(index);
	});
	if (missing.length > 0) {
		stats.rejected += missing.length;
		return answer(res, 400, {
			code: 400,
			error: 'Invalid field values on some events',
			events_with_missing_fields: { event_type: missing },
		});
	}
	for (const event of events) {
		const key = `${event.insert_id}\u0000${event.device_id ?? event.user_id}`;
		if (event.insert_id !== undefined && seen.has(key)) stats.duplicates++;
		else {
			if (event.insert_id !== undefined) seen.add(key);
			stats.events++;
		}
	}
	answer(res, 200, {
		code: 200,
		events_ingested: events.length,
		payload_size_bytes: body.length,
		server_upload_time: Date.now(),
	});
}

const server = http.createServer((req, res) => {
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', () => {
		if (req.method === 'GET' && req.url === '/stats') return answer(res, 200, stats);
		if (req.method === 'POST' && req.url === '/reset') {
			answer(res, 200, { ...stats });
			seen.clear();
			for (const key of Object.keys(stats)) stats[key] = 0;
			return;
		}
		if (req.method === 'POST' && (req.url === '/2/httpapi' || req.url === '/batch')) {
			stats.requests++;
			return ingest(Buffer.concat(chunks).toString('utf8'), res);
		}
		answer(res, 404, { code: 404, error: 'Invalid request path' });
	});
});
server.keepAliveTimeout = 60_000;
server.listen(PORT, '127.0.0.1', () => {
	console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
