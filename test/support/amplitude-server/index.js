'use strict';
// A local Amplitude-compatible server ("the stand-in") for tests and local workflow runs.
// One base URL serves the ingestion, Dashboard REST, User Profile, user-mapping and Experiment
// hosts (and a storage path for large cohort files), told apart by path.
//
//   const server = createAmplitudeServer({ apiKey, secretKey, minIdLength: 5, now: Date.now, seed: 1, cohorts: {},
//     dashboardConcurrency: 5, dashboardLatencyMs: 100, projectId, exportPartitionSize, exportMaxBytes,
//     annotationCategories, deploymentKey, flags });
//   const url = await server.start(0, '127.0.0.1');   // 'http://127.0.0.1:PORT'
//   server.faults.set([...rules]); server.faults.clear(); server.faults.stats();
//   server.charts.set(id, definition)   // saved charts for /api/3/chart/{id}/csv; also the
//                                       // option charts: { id: definition } (saved-charts.js)
//   server.store   // { events, identifies, groupIdentifies, duplicates, requests, users, groups,
//                  //   annotations, annotationCategories, releases, assignments }
//   server.seed(events, { receivedAt })   // store events directly (validated; throws when invalid)
//   server.dashboardLimit.stats()   // { concurrency, inFlight, peak, refused } (see dashboard-limit.js)
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
const { createDashboardLimit } = require('./dashboard-limit');
const { createProfile } = require('./profile');
const { createSavedCharts } = require('./saved-charts');
const { createCohorts } = require('./cohorts');
const { createCohortFiles } = require('./cohort-files');
const { createPrivacy } = require('./privacy');
const { createUserMap } = require('./usermap');
const { createExport } = require('./export');
const { createAnnotations } = require('./annotations');
const { createReleases } = require('./releases');
const { createExperiment } = require('./experiment');
const { validateEvents, DEFAULT_MIN_ID_LENGTH } = require('./validation');
const { attachOutbound } = require('./outbound');
const { DEFAULT_PROJECT_ID } = require('./project');

const EVENT_PATHS = ['/2/httpapi', '/batch'];

/** 'ingestion' | 'dashboard' | 'profile' | 'other': picks the error style of fault answers. */
function familyOf(path) {
	if (/^\/api\/[235]\//.test(path)) return 'dashboard';
	if (path === '/usermap') return 'ingestion';
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
		// The project's numeric ID (cohort uploads check app_id against it).
		projectId: options.projectId ?? DEFAULT_PROJECT_ID,
		// Cohort downloads: status polls answered "in progress" before "completed", and the
		// largest cohort whose file is sent directly (larger ones redirect to the storage path).
		cohortJobPolls: options.cohortJobPolls ?? 2,
		cohortRedirectAbove: options.cohortRedirectAbove ?? 20,
		// How long one membership write takes (a concurrent write to the same cohort gets 429).
		cohortWriteMs: options.cohortWriteMs ?? 25,
		// The least time between two deletion requests.
		deletionIntervalMs: options.deletionIntervalMs ?? 1000,
	};
	const storeApi = createStore();
	const outbound = attachOutbound(storeApi, config);
	const faults = createFaults({ now: config.now, seed: options.seed ?? 1 });
	const ingestion = createIngestion({ ...config, storeApi, faults });
	const savedCharts = createSavedCharts({ ...config, initial: options.charts ?? {} });
	const dashboard = createDashboard({ ...config, storeApi, savedCharts });
	const profile = createProfile({ ...config, storeApi });
	// Export, annotations, releases and Experiment (options in each file's header comment).
	const { authError } = dashboard;
	const exportApi = createExport({
		storeApi,
		authError,
		projectId: config.projectId,
		partitionSize: options.exportPartitionSize,
		maxBytes: options.exportMaxBytes,
	});
	const annotations = createAnnotations({
		authError,
		annotationCategories: options.annotationCategories,
	});
	const releases = createReleases({ authError, now: config.now, projectId: config.projectId });
	const experiment = createExperiment({
		deploymentKey: options.deploymentKey ?? 'local-deployment-key',
		flags: options.flags,
		storeApi,
		now: config.now,
	});
	const moreApis = [exportApi, annotations, releases, experiment];
	Object.assign(storeApi.store, {
		annotations: annotations.annotations,
		annotationCategories: annotations.categories,
		releases: releases.releases,
		assignments: experiment.assignments,
	});
	const timers = new Set();
	let baseUrl = null;
	const dashboardLimit = createDashboardLimit({
		concurrency: options.dashboardConcurrency,
		latencyMs: options.dashboardLatencyMs,
		sleep: (ms) => sleep(ms),
	});
	const sleep = (ms) =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	const cohorts = createCohorts({ config, storeApi, now: config.now, sleep });
	const cohortFiles = createCohortFiles({ config, cohorts, storeApi, now: config.now });
	const privacy = createPrivacy({ config, storeApi, now: config.now });
	const userMap = createUserMap({ config, storeApi, now: config.now });

	/** The Basic-auth check of the Dashboard, for the cohort and privacy paths. */
	const dashboardAuth = (ctx, handler) =>
		authError(ctx.headers.authorization) ?? handler.handle(ctx);

	function route(ctx) {
		const { method, path } = ctx;
		if (method === 'POST' && EVENT_PATHS.includes(path)) return ingestion.handleEvents(ctx);
		if (method === 'POST' && path === '/identify') return ingestion.handleIdentify(ctx);
		if (method === 'POST' && path === '/groupidentify') return ingestion.handleGroupIdentify(ctx);
		if (dashboard.handles(method, path)) return dashboard.handle(ctx);
		if (savedCharts.handlesAdmin(path)) return savedCharts.admin(ctx);
		if (cohorts.handles(method, path)) return dashboardAuth(ctx, cohorts);
		const download = cohortFiles.handles(method, path);
		if (download === 'storage') return cohortFiles.handle(ctx);
		if (download) return dashboardAuth(ctx, cohortFiles);
		if (privacy.handles(method, path)) return dashboardAuth(ctx, privacy);
		if (method === 'POST' && path === '/usermap') return userMap.handle(ctx);
		for (const api of moreApis) if (api.handles(method, path)) return api.handle(ctx);
		if (method === 'GET' && path === '/v1/userprofile') return profile.handle(ctx);
		return path.startsWith('/v1/')
			? text(404, '')
			: json(404, { code: 404, error: 'Invalid request path' });
	}

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
		const response =
			ctx.family === 'dashboard' ? await dashboardLimit.run(() => route(ctx)) : await route(ctx);
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

	/**
	 * Stores events without HTTP (validated like /2/httpapi); returns the stored copies.
	 * `receivedAt` (epoch ms) is when they count as received (exports select by it); default now.
	 */
	function seed(events, { receivedAt } = {}) {
		const result = validateEvents(events, config.minIdLength);
		if (result.hasErrors) {
			throw new Error(
				`seed: invalid events ${JSON.stringify({ invalid: result.eventsWithInvalidFields, missing: result.eventsWithMissingFields })}`,
			);
		}
		const time = receivedAt ?? config.now();
		return result.cleaned.map((event) => storeApi.addEvent(event, time)).filter(Boolean);
	}

	function reset() {
		storeApi.reset();
		for (const api of moreApis) api.reset();
		outbound.reset();
		faults.clear();
		savedCharts.restore();
		cohorts.reset();
		cohortFiles.reset();
		privacy.reset();
		userMap.reset();
	}

	return {
		start,
		stop,
		reset,
		seed,
		charts: { set: savedCharts.set, delete: savedCharts.delete, ids: savedCharts.ids },
		faults: { set: faults.set, clear: faults.clear, stats: faults.stats },
		dashboardLimit: { stats: dashboardLimit.stats },
		store: storeApi.store,
		/** Cohorts: add({ name, members: [amplitude IDs] }), addSynthetic({ id, size }), cohorts (Map). */
		cohorts: { add: cohorts.add, addSynthetic: cohorts.addSynthetic, all: cohorts.cohorts },
		/** Deletion jobs by day, and their status now. */
		deletions: { jobs: privacy.jobs, statusOf: privacy.statusOf },
		streaming: outbound.streaming,
		cohortSync: outbound.cohortSync,
		config: {
			apiKey: config.apiKey,
			secretKey: config.secretKey,
			minIdLength: config.minIdLength,
			projectId: config.projectId,
		},
		/** The base URL once started, else null. */
		get url() {
			return httpServer.listening ? baseUrl : null;
		},
	};
}

module.exports = { createAmplitudeServer };
