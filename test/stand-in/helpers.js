'use strict';
// Shared helpers for the stand-in's own tests: a server per test file with a controllable clock.

const zlib = require('node:zlib');
const { createAmplitudeServer } = require('../support/amplitude-server');

const API_KEY = 'test-api-key';
const SECRET_KEY = 'test-secret-key';
const DAY = 86_400_000;
/** 2024-08-01T00:00:00Z, a Thursday. */
const T0 = Date.UTC(2024, 7, 1);

/** Starts one server for the file (reset after each test); returns a live handle. */
function useServer(options = {}) {
	const handle = { clock: { now: T0 + 12 * 3_600_000 }, server: null, url: null };
	beforeAll(async () => {
		handle.server = createAmplitudeServer({
			apiKey: API_KEY,
			secretKey: SECRET_KEY,
			now: () => handle.clock.now,
			...options,
		});
		handle.url = await handle.server.start();
	});
	afterEach(() => {
		handle.server.reset();
		handle.clock.now = T0 + 12 * 3_600_000;
	});
	afterAll(() => handle.server.stop());
	return handle;
}

async function answer(response) {
	const body = await response.text();
	let json;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text: body, json };
}

function postJson(url, path, body, { gzip = false, headers = {} } = {}) {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	const payload = gzip ? zlib.gzipSync(raw) : raw;
	const allHeaders = {
		'Content-Type': 'application/json',
		...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
		...headers,
	};
	return fetch(url + path, { method: 'POST', headers: allHeaders, body: payload }).then(answer);
}

/** POST /2/httpapi (or another path) with the test API key. */
const sendEvents = (url, events, { path = '/2/httpapi', ...rest } = {}) =>
	postJson(url, path, { api_key: API_KEY, events, ...rest });

function postForm(url, path, fields) {
	const body = new URLSearchParams(fields).toString();
	return fetch(url + path, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body,
	}).then(answer);
}

const basic = (key = API_KEY, secret = SECRET_KEY) =>
	`Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** GET a dashboard path; objects in params are JSON-encoded like Amplitude's `e`. */
function getApi(url, path, params = {}, authorization = basic()) {
	const query = new URLSearchParams(
		Object.entries(params).map(([k, v]) => [
			k,
			typeof v === 'object' ? JSON.stringify(v) : String(v),
		]),
	);
	const headers = authorization ? { Authorization: authorization } : {};
	return fetch(`${url}${path}?${query}`, { headers }).then(answer);
}

let counter = 0;
/** A valid event; overrides win. */
const event = (overrides = {}) => ({
	event_type: 'Open App',
	user_id: 'user-alpha',
	time: T0,
	insert_id: `insert-${++counter}`,
	...overrides,
});

module.exports = {
	API_KEY,
	SECRET_KEY,
	DAY,
	T0,
	useServer,
	postJson,
	sendEvents,
	postForm,
	getApi,
	basic,
	event,
};
