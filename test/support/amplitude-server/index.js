'use strict';
// A local Amplitude-compatible server ("the stand-in") for tests and local workflow runs.
// One base URL serves the ingestion, Dashboard REST and User Profile hosts, told apart by path.
//
//   const server = createAmplitudeServer({ apiKey, secretKey, minIdLength: 5, now: Date.now, seed: 1, cohorts: {} });
//   const url = await server.start(0, '127.0.0.1');   // 'http://127.0.0.1:PORT'
//   server.faults.set([...rules]); server.faults.clear(); server.faults.stats();
//   server.store   // { events, identifies, groupIdentifies, duplicates, requests, users, groups }
//   server.seed(events)   // store events directly (validated; throws when invalid)
//   server.reset(); await server.stop();
//   server.streaming, server.cohortSync   // the outbound side: webhooks (event-streaming.js, cohort-sync.js)
//
// Every server keeps its own state (store, fault counters, PRNG), so many can run in one process.

const http = require('node:http');
const { readBody, decodeBody, writeResponse, json, text } = require('./http-util');
const { createStore } = require('./store');
const { createFaults } = require('./faults');
const { createIngestion, parseEventsBody } = require('./ingestion');
const { createDashboard } = require('./dashboard');
const { createProfile } = require('./profile');
const { validateEvents, DEFAULT_MIN_ID_LENGTH } = require('./validation');
const { attachOutbound } = require('./outbound');

const EVENT_PATHS = ['/2/httpapi', '/batch'];

/** 'ingestion' | 'dashboard' | 'profile' | 'other': picks the error style of fault answers. */
function familyOf(path) {
	if (path.startsWith('/api/2/')) return 'dashboard';
	if (path.startsWith('/v1/')) return 'profile';
	if (EVENT_PATHS.includes(path) || path === '/identify' || path === '/groupidentify')
		return 'ingestion';
	return 'other';
}

function createAmplitudeServer(options = {}) {
	const config = {
		apiKey: options.apiKey ?? 'local-api-key',
		secretKey: options.secretKey ?? 'local-secret-key',
		minIdLength: options.minIdLength ?? DEFAULT_MIN_ID_LENGTH,
		now: options.now ?? (() => Date.now()),
		cohorts: options.cohorts ?? {},
	};
	const storeApi = createStore();
	const outbound = attachOutbound(storeApi, config);
	const faults = createFaults({ now: config.now, seed: options.seed ?? 1 });
	const ingestion = createIngestion({ ...config, storeApi, faults });
	const dashboard = createDashboard({ ...config, storeApi });
	const profile = createProfile({ ...config, storeApi });
	const timers = new Set();
	let baseUrl = null;

	function route(ctx) {
		const { method, path } = ctx;
		if (method === 'POST' && EVENT_PATHS.includes(path)) return ingestion.handleEvents(ctx);
		if (method === 'POST' && path === '/identify') return ingestion.handleIdentify(ctx);
		if (method === 'POST' && path === '/groupidentify') return ingestion.handleGroupIdentify(ctx);
		if (dashboard.handles(method, path)) return dashboard.handle(ctx);
		if (method === 'GET' && path === '/v1/userprofile') return profile.handle(ctx);
		return path.startsWith('/v1/')
			? text(404, '')
			: json(404, { code: 404, error: 'Invalid request path' });
	}

	const sleep = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	function answerWithFault(action, req, res, record) {
		record.fault = action.kind;
		if (action.kind === 'drop') req.socket.destroy();
		else if (action.kind === 'reset') req.socket.resetAndDestroy();
		else return finish(res, record, action.response);
		record.status = 0;
	}

	function finish(res, record, response) {
		record.status = response.status;
		if (!res.destroyed) writeResponse(res, response);
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://stand-in.local');
		const record = {
			method: req.method,
			path: url.pathname,
			query: url.search,
			headers: req.headers,
			bodyBytes: 0,
			body: null,
			status: null,
			ts: config.now(),
		};
		storeApi.store.requests.push(record);
		const { raw, rawBytes, tooLarge } = await readBody(req);
		record.bodyBytes = rawBytes;
		if (tooLarge) return finish(res, record, json(413, { code: 413, error: 'Payload too large' }));
		const body = decodeBody(raw, req.headers['content-encoding']);
		record.body = body?.toString('utf8') ?? null;
		const ctx = {
			method: req.method,
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			family: familyOf(url.pathname),
			body,
			rawBytes,
			bodyBytes: body?.length ?? rawBytes,
		};
		if (EVENT_PATHS.includes(ctx.path)) {
			ctx.parsed = parseEventsBody(body);
			ctx.eventCount = Array.isArray(ctx.parsed.value?.events) ? ctx.parsed.value.events.length : 0;
		}
		const { delayMs, action } = faults.onRequest(ctx);
		if (delayMs) await sleep(delayMs);
		if (action && !action.ingestBeforeFailing) return answerWithFault(action, req, res, record);
		const response = route(ctx);
		if (action) return answerWithFault(action, req, res, record);
		finish(res, record, response);
	}

	const httpServer = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent && !res.destroyed)
				writeResponse(res, json(500, { code: 500, error: `Stand-in error: ${error.message}` }));
		});
	});

	function start(port = 0, host = '127.0.0.1') {
		return new Promise((resolve, reject) => {
			httpServer.once('error', reject);
			httpServer.listen(port, host, () => {
				httpServer.off('error', reject);
				const { port: actual } = httpServer.address();
				baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
				resolve(baseUrl);
			});
		});
	}

	function stop() {
		outbound.stop();
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		if (!httpServer.listening) return Promise.resolve();
		return new Promise((resolve) => {
			httpServer.close(() => resolve());
			httpServer.closeAllConnections();
		});
	}

	/** Stores events without HTTP (validated like /2/httpapi); returns the stored copies. */
	function seed(events) {
		const result = validateEvents(events, config.minIdLength);
		if (result.hasErrors) {
			throw new Error(
				`seed: invalid events ${JSON.stringify({ invalid: result.eventsWithInvalidFields, missing: result.eventsWithMissingFields })}`,
			);
		}
		const time = config.now();
		return result.cleaned.map((event) => storeApi.addEvent(event, time)).filter(Boolean);
	}

	function reset() {
		storeApi.reset();
		outbound.reset();
		faults.clear();
	}

	return {
		start,
		stop,
		reset,
		seed,
		faults: { set: faults.set, clear: faults.clear, stats: faults.stats },
		store: storeApi.store,
		streaming: outbound.streaming,
		cohortSync: outbound.cohortSync,
		config: { apiKey: config.apiKey, secretKey: config.secretKey, minIdLength: config.minIdLength },
		/** The base URL once started, else null. */
		get url() {
			return httpServer.listening ? baseUrl : null;
		},
	};
}

module.exports = { createAmplitudeServer };
