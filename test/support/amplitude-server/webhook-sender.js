'use strict';
// The outbound side: POSTs webhook deliveries the way Amplitude's destinations do
// (shared/reference/amplitude-api-more.md §8), with their retries.
//
//   Headers: Content-Type: application/json, User-Agent: Amplitude/Webhook/1.0, plus at most 5
//   custom headers.
//   Success is a 2xx answer within `timeoutMs`. A slower answer counts as a failure (the request
//   is abandoned, so the receiver may still act on it: that is how duplicates arise).
//   Event streaming (EVENT_STREAMING): within one attempt, 5xx and 429 get up to 3 quick retries,
//   100 ms doubling with 50 % jitter, given up after 4 s; then 9 more attempts over 4 hours
//   whatever the error (1 + 9 = 10 deliveries at most).
//   Cohort syncs (COHORT_SYNC): a batch not answered 2xx within 2 s is sent again, 8 more times,
//   1 s doubling (over two minutes at the end).
// Amplitude documents no per-request timeout for event streaming; the stand-in uses the 2 s it
// documents for cohorts. Every delay can be set (tests shrink them).
//
//   const sender = createWebhookSender({ concurrency: 20 });
//   sender.send({ url, headers, body, policy, kind, key }) -> delivery record (settles later)
//   await sender.idle(); sender.deliveries; sender.stats(); sender.stop();

const http = require('node:http');
const https = require('node:https');

const USER_AGENT = 'Amplitude/Webhook/1.0';
const MAX_CUSTOM_HEADERS = 5;
const MINUTE = 60_000;

const EVENT_STREAMING = {
	timeoutMs: 2000,
	quickRetries: { max: 3, baseMs: 100, budgetMs: 4000 },
	// 9 more attempts spread over 4 hours (Amplitude publishes the count and the window only).
	attemptDelaysMs: [1, 2, 5, 10, 20, 30, 45, 60, 66].map((minutes) => minutes * MINUTE),
};

const COHORT_SYNC = {
	timeoutMs: 2000,
	quickRetries: { max: 0, baseMs: 0, budgetMs: 0 },
	attemptDelaysMs: [1, 2, 4, 8, 16, 32, 64, 128].map((seconds) => seconds * 1000),
};

/** Custom headers as Amplitude's destination form takes them: at most 5 names and values. */
function checkCustomHeaders(headers = {}) {
	const entries = Object.entries(headers);
	if (entries.length > MAX_CUSTOM_HEADERS)
		throw new Error(
			`Amplitude takes at most ${MAX_CUSTOM_HEADERS} custom headers, not ${entries.length}`,
		);
	for (const [name, value] of entries) {
		if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
			throw new Error(`"${name}" is not a header name`);
		if (typeof value !== 'string') throw new Error(`header ${name}: the value must be a string`);
	}
	return headers;
}

/** Parses "Name: value" (the CLI's --header). */
function parseHeaderArg(text) {
	const colon = text.indexOf(':');
	if (colon < 1) throw new Error(`--header needs "Name: value", not "${text}"`);
	return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

function createWebhookSender({ concurrency = 20, random = Math.random } = {}) {
	const deliveries = [];
	const queue = [];
	const timers = new Set();
	const agents = {
		'http:': new http.Agent({ keepAlive: true, maxSockets: concurrency }),
		'https:': new https.Agent({ keepAlive: true, maxSockets: concurrency }),
	};
	let inFlight = 0;
	let stopped = false;
	let waiters = [];

	const busy = () => inFlight > 0 || queue.length > 0 || timers.size > 0;
	function settleIdle() {
		if (busy()) return;
		for (const resolve of waiters) resolve();
		waiters = [];
	}

	function later(ms, fn) {
		const timer = setTimeout(() => {
			timers.delete(timer);
			fn();
		}, ms);
		timers.add(timer);
	}

	/** One HTTP request: { status, ms } or { error: 'timeout' | message, ms }. */
	function post(delivery) {
		const started = performance.now();
		return new Promise((resolve) => {
			const url = new URL(delivery.url);
			const client = url.protocol === 'https:' ? https : http;
			let done = false;
			const finish = (result) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				resolve({ ...result, ms: performance.now() - started });
			};
			const request = client.request(
				url,
				{
					method: 'POST',
					agent: agents[url.protocol],
					headers: {
						...delivery.headers,
						'Content-Type': 'application/json',
						'User-Agent': USER_AGENT,
						'Content-Length': Buffer.byteLength(delivery.body),
					},
				},
				(response) => {
					response.resume();
					response.on('end', () => finish({ status: response.statusCode }));
					response.on('error', (error) => finish({ error: error.message }));
				},
			);
			const timer = setTimeout(() => {
				finish({ error: 'timeout' });
				request.destroy();
			}, delivery.policy.timeoutMs);
			request.on('error', (error) => finish({ error: error.code ?? error.message }));
			request.end(delivery.body);
		});
	}

	const ok = (result) => result.status >= 200 && result.status < 300;
	const quickRetryable = (result) => result.status >= 500 || result.status === 429;

	/** One attempt: a request, and its quick retries for 5xx and 429. */
	async function attempt(delivery) {
		const { quickRetries } = delivery.policy;
		const attemptStart = performance.now();
		let wait = quickRetries.baseMs;
		for (let quick = 0; ; quick++) {
			const result = await post(delivery);
			delivery.requests.push({ attempt: delivery.attempts, quick, ...result });
			if (ok(result) || !quickRetryable(result) || quick >= quickRetries.max) return result;
			const jittered = wait * (0.5 + random() * 0.5);
			if (performance.now() - attemptStart + jittered > quickRetries.budgetMs) return result;
			await new Promise((resolve) => later(jittered, resolve));
			wait *= 2;
		}
	}

	function pump() {
		while (!stopped && inFlight < concurrency && queue.length > 0) {
			const delivery = queue.shift();
			inFlight += 1;
			delivery.attempts += 1;
			attempt(delivery).then((result) => {
				inFlight -= 1;
				const delay = delivery.policy.attemptDelaysMs[delivery.attempts - 1];
				if (ok(result)) delivery.state = 'delivered';
				else if (delay === undefined || stopped) delivery.state = 'failed';
				else later(delay, () => enqueue(delivery));
				pump();
				settleIdle();
			});
		}
	}

	function enqueue(delivery) {
		if (stopped) return;
		queue.push(delivery);
		pump();
	}

	/**
	 * Queues one delivery. body: the JSON value to send; policy: EVENT_STREAMING or COHORT_SYNC
	 * with any field overridden; kind and key are kept on the record for tests and reports.
	 */
	function send({ url, headers = {}, body, policy = EVENT_STREAMING, kind = 'event', key }) {
		if (!url) throw new Error('send: no destination URL');
		const delivery = {
			id: deliveries.length + 1,
			kind,
			key,
			url,
			headers: checkCustomHeaders(headers),
			body: JSON.stringify(body),
			policy,
			attempts: 0,
			requests: [],
			state: 'pending',
		};
		deliveries.push(delivery);
		enqueue(delivery);
		return delivery;
	}

	/** Resolves once nothing is queued, in flight or waiting for a retry. */
	function idle() {
		if (stopped || !busy()) return Promise.resolve();
		return new Promise((resolve) => waiters.push(resolve));
	}

	function stats() {
		const requests = deliveries.flatMap((d) => d.requests);
		const count = (state) => deliveries.filter((d) => d.state === state).length;
		return {
			deliveries: deliveries.length,
			delivered: count('delivered'),
			failed: count('failed'),
			pending: count('pending'),
			requests: requests.length,
			retries: requests.length - deliveries.filter((d) => d.requests.length > 0).length,
			timeouts: requests.filter((r) => r.error === 'timeout').length,
			statuses: requests.reduce((all, r) => {
				const label = r.status ?? r.error;
				all[label] = (all[label] ?? 0) + 1;
				return all;
			}, {}),
			answerMs: requests.filter((r) => r.status !== undefined).map((r) => r.ms),
		};
	}

	/** Drops what is queued or waiting and closes the connections; idle() resolves at once. */
	function stop() {
		stopped = true;
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		queue.length = 0;
		for (const agent of Object.values(agents)) agent.destroy();
		for (const delivery of deliveries) if (delivery.state === 'pending') delivery.state = 'failed';
		for (const resolve of waiters) resolve();
		waiters = [];
	}

	return { send, idle, stats, stop, deliveries };
}

const POLICY_OPTIONS = ['timeoutMs', 'attemptDelaysMs', 'quickRetries'];

/**
 * One configurable webhook destination (event streaming or cohort syncs): configure(options)
 * with url, headers, concurrency and policy overrides (plus the caller's own settings, kept in
 * `config`); push(body, kind, key) sends to it. reset() drops the destination and its deliveries.
 */
function createDestination({ name, basePolicy, concurrency: defaultConcurrency, defaults = {} }) {
	let sender = createWebhookSender();
	const destination = {
		config: null,
		configure(options) {
			if (!options?.url) throw new Error(`${name}.configure: url is required`);
			sender.stop();
			sender = createWebhookSender({ concurrency: options.concurrency ?? defaultConcurrency });
			const overrides = POLICY_OPTIONS.filter((key) => options[key] !== undefined);
			destination.config = {
				...defaults,
				...options,
				policy: { ...basePolicy, ...Object.fromEntries(overrides.map((k) => [k, options[k]])) },
			};
		},
		push(body, kind, key) {
			const { config } = destination;
			if (!config) throw new Error(`${name}: call configure({ url }) first`);
			return sender.send({
				url: config.url,
				headers: config.headers,
				body,
				policy: config.policy,
				kind,
				key,
			});
		},
		idle: () => sender.idle(),
		stats: () => sender.stats(),
		get deliveries() {
			return sender.deliveries;
		},
		reset() {
			sender.stop();
			sender = createWebhookSender();
			destination.config = null;
		},
		stop: () => sender.stop(),
	};
	return destination;
}

/** The nearest-rank percentile (p from 0 to 1) of stats().answerMs; undefined when there is none. */
function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)];
}

module.exports = {
	createWebhookSender,
	percentile,
	createDestination,
	checkCustomHeaders,
	parseHeaderArg,
	EVENT_STREAMING,
	COHORT_SYNC,
	USER_AGENT,
	MAX_CUSTOM_HEADERS,
};
