// Shared fixtures for the read-operation wire tests: realistic Amplitude answers (from
// shared/reference/amplitude-api.md), date helpers that follow n8n's expression time zone, secret
// checks, and nock helpers that record every request.
const { DateTime } = require('luxon');
const { getGlobalState } = require('n8n-workflow');

const { US, EU } = require('./harness');
const { nock, HOSTS, basic } = require('./http');

const REGIONS = [
	['us', US],
	['eu', EU],
];

/** A US credential whose secret key was never filled in. */
const US_WITHOUT_SECRET = { apiKey: 'us-api-key-123456', region: 'us' };
const EU_WITHOUT_SECRET = { apiKey: 'eu-api-key-123456', region: 'eu' };

// ---- Amplitude answers -------------------------------------------------------------------------

const LIST_EVENTS_BODY = {
	data: [
		{
			non_active: false,
			value: 'Add Content to Cart',
			totals: 1505645,
			deleted: false,
			flow_hidden: false,
			hidden: false,
			display: 'Add Content to Cart',
		},
		{
			non_active: true,
			value: 'page_view',
			totals: 88,
			deleted: false,
			flow_hidden: true,
			hidden: false,
			display: 'Page View',
		},
	],
};

const SEARCH_BODY = {
	matches: [
		{ user_id: 'alice@example.com', amplitude_id: 123456789 },
		{ user_id: 'alice@example.org', amplitude_id: 987654321 },
	],
	type: 'match_user_prefix',
};

const NO_MATCH_BODY = { type: 'nomatch', matches: [] };

const USER_DATA = {
	user_id: 'alice@example.com',
	canonical_amplitude_id: 123456789,
	merged_amplitude_ids: [],
	num_events: 2,
	num_sessions: 1,
	usage_time: 3600,
	first_used: '2026-10-01',
	last_used: '2026-11-01',
	purchases: 1,
	revenue: 9.99,
	platform: 'Web',
	os: 'Chrome 130',
	version: '1.4.0',
	device: 'Mac',
	device_type: 'Mac',
	carrier: null,
	country: 'Germany',
	region: 'Berlin',
	city: 'Berlin',
	dma: null,
	language: 'German',
	start_version: '1.0.0',
	device_ids: ['device-0001'],
	last_location: { lat: 52.52, lng: 13.4 },
	properties: { plan: 'pro' },
};

/** One activity event in the Export-API-like shape Amplitude returns. */
function activityEvent(n) {
	return {
		event_type: n % 2 === 0 ? 'page_view' : 'purchase',
		event_time: `2026-11-01 10:${String(n % 60).padStart(2, '0')}:00.000000`,
		$insert_id: `insert-${n}`,
		uuid: `6f1c2c1e-0000-4000-8000-${String(n).padStart(12, '0')}`,
		amplitude_id: 123456789,
		session_id: 1761991200000,
		event_properties: { n },
		user_properties: { plan: 'pro' },
		platform: 'Web',
		country: 'Germany',
		city: 'Berlin',
	};
}

function activityEvents(count, first = 0) {
	return Array.from({ length: count }, (_, index) => activityEvent(first + index));
}

const ACTIVITY_BODY = { userData: USER_DATA, events: activityEvents(2) };

const PROFILE_BODY = {
	userData: {
		recommendations: null,
		user_id: '12345',
		device_id: 'ffff-ffff-ffff-ffff',
		amp_props: {
			library: 'http/1.0',
			first_used: '2020-01-13',
			last_used: '2021-03-24',
			number_property: 12,
		},
		cohort_ids: ['cohort1', 'cohort3'],
	},
};

const SEGMENTATION_BODY = {
	data: {
		series: [
			[120, 134],
			[80, 75],
		],
		seriesLabels: [
			[0, 'United States'],
			[0, 'Germany'],
		],
		seriesCollapsed: [[{ setId: '', value: 254 }], [{ setId: '', value: 155 }]],
		xValues: ['2024-08-01', '2024-08-02'],
	},
};

const ACTIVE_USERS_BODY = {
	data: {
		series: [
			[46109, 47542],
			[42845, 42626],
		],
		seriesMeta: ['United States', 'Canada'],
		xValues: ['2017-08-14', '2017-08-15'],
	},
};

const REALTIME_BODY = {
	data: {
		xValues: ['15:00', '15:05', '15:10'],
		seriesLabels: ['Today', 'Yesterday'],
		series: [
			[123, 144, 101],
			[139, 111, 180],
		],
	},
};

// LTV: dates descend, and values are keyed by date.
const REVENUE_BODY = {
	data: {
		seriesLabels: [''],
		series: [
			{
				dates: ['2021-10-04', '2021-10-03'],
				values: {
					'2021-10-04': {
						r1d: 4.5,
						r2d: 9,
						r90d: 300.25,
						count: 40,
						paid: 12,
						total_amount: 310.75,
					},
					'2021-10-03': {
						r1d: 9.99,
						r2d: 19.98,
						r90d: 742.52,
						count: 110,
						paid: 37,
						total_amount: 781.39,
					},
				},
			},
		],
	},
};

/** Amplitude's 400 body for a bad Dashboard query (airbytehq/airbyte#46712). */
const INVALID_CHART_BODY = {
	error: {
		http_code: 400,
		type: 'invalid',
		message: 'Invalid chart definition',
		metadata: { details: 'event_type is unknown' },
	},
};

// ---- dates -------------------------------------------------------------------------------------

/** n8n's $today: midnight in the workflow time zone (n8n's default when GENERIC_TIMEZONE is unset). */
function n8nToday() {
	return DateTime.now().setZone(getGlobalState().defaultTimezone).startOf('day');
}

function yyyymmdd(dateTime) {
	return dateTime.toFormat('yyyyMMdd');
}

/** RFC 3986 encoding, as the request sends query values (parentheses and all). */
function encodeStrict(value) {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** The full URL for host+path with these query pairs, in this order. */
function urlWithQuery(host, path, pairs) {
	return `${host}${path}?${pairs.map(([key, value]) => `${key}=${encodeStrict(String(value))}`).join('&')}`;
}

// ---- secrets -----------------------------------------------------------------------------------

/** Every form of the credential's keys that must not leak: raw, base64, Basic pair, URL-encoded. */
function secretForms(credentials) {
	const values = [credentials.apiKey, credentials.secretKey, credentials.deploymentKey].filter(
		Boolean,
	);
	const forms = [...values];
	for (const value of values)
		forms.push(Buffer.from(value).toString('base64'), encodeURIComponent(value));
	if (credentials.apiKey && credentials.secretKey)
		forms.push(Buffer.from(`${credentials.apiKey}:${credentials.secretKey}`).toString('base64'));
	return forms;
}

function expectNoSecrets(value, credentials) {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const secret of secretForms(credentials)) expect(text).not.toContain(secret);
}

/** The keys appear in the Authorization header only, never in the URL, query, body or other headers. */
function expectSecretsOnlyInAuthorization(call, credentials) {
	const { authorization, ...headers } = call.headers;
	expectNoSecrets({ ...call, headers }, credentials);
}

/**
 * The run succeeded with exactly one GET to `url` (with `query`), authorized as `authorization`,
 * the keys nowhere else in the request. Returns the call.
 */
function expectOneGet(result, seen, { url, query, authorization, credentials }) {
	expect(result.status).toBe('success');
	expect(nock.isDone()).toBe(true);
	expect(seen.calls).toHaveLength(1);
	const [call] = seen.calls;
	expect(call.method).toBe('GET');
	expect(call.url).toBe(url);
	expect(call.query).toEqual(query);
	expect(call.headers.authorization).toBe(authorization);
	expectSecretsOnlyInAuthorization(call, credentials);
	return call;
}

const dashboardAuth = (credentials) => basic(credentials.apiKey, credentials.secretKey);
const profileAuth = (credentials) => `Api-Key ${credentials.secretKey}`;

// ---- nock --------------------------------------------------------------------------------------

function record(calls, req, host, uri) {
	const url = new URL(uri, host);
	const call = {
		method: req.method,
		url: `${host}${uri}`,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: req.headers,
		at: Date.now(),
	};
	calls.push(call);
	return call;
}

/**
 * Answers every GET to host+path with handler(call, index) → [status, body, headers?] (may be
 * async), for as long as the test runs, recording each request in `calls`.
 */
function route(host, path, handler) {
	const seen = { calls: [] };
	nock(host)
		.persist()
		.get(path)
		.query(true)
		.reply(async function (uri) {
			const call = record(seen.calls, this.req, host, uri);
			return await handler(call, seen.calls.length - 1);
		});
	return seen;
}

/**
 * Answers POSTs to host+path with `replies` in turn (the last one again after that), recording
 * each request's URL, headers and parsed JSON body.
 */
function routePosts(host, path, replies) {
	const seen = { calls: [] };
	nock(host)
		.persist()
		.post(path)
		.query(true)
		.reply(function (uri, body) {
			seen.calls.push({ url: `${host}${uri}`, headers: this.req.headers, body });
			return replies[Math.min(seen.calls.length, replies.length) - 1];
		});
	return seen;
}

/** Answers GETs to host+path with `replies` in turn, one each, recording the requests. */
function sequence(host, path, replies) {
	return route(host, path, (_call, index) => {
		if (index >= replies.length)
			throw new Error(`unexpected request #${index + 1} to ${host}${path}`);
		return replies[index];
	});
}

/** Catches any request to any Amplitude host, so a test can assert none was made. */
function trapAllHosts() {
	const seen = { calls: [] };
	const hosts = new Set([...Object.values(HOSTS.us), ...Object.values(HOSTS.eu)]);
	for (const host of hosts) {
		nock(host)
			.persist()
			.intercept(() => true, 'GET')
			.query(true)
			.reply(function (uri) {
				record(seen.calls, this.req, host, uri);
				return [200, {}];
			});
	}
	return seen;
}

// ---- messages ----------------------------------------------------------------------------------

const missingSecretMessage = (api, itemIndex = 0) =>
	`The ${api} API needs the project's secret key, and the credential has none. Add the Secret Key (Amplitude: Settings → Projects → your project → General) to the Amplitude API credential [item ${itemIndex}]`;

// ---- assertions --------------------------------------------------------------------------------

/** The run stopped with a NodeOperationError with exactly this message, naming the item. */
function expectOperationError(result, message, itemIndex = 0) {
	expect(result.status).toBe('error');
	expect(result.error.name).toBe('NodeOperationError');
	expect(result.error.message).toBe(message);
	expect(result.error.message.endsWith(`[item ${itemIndex}]`)).toBe(true);
	expect(result.error.context.itemIndex).toBe(itemIndex);
}

module.exports = {
	expectOneGet,
	REGIONS,
	US_WITHOUT_SECRET,
	EU_WITHOUT_SECRET,
	LIST_EVENTS_BODY,
	SEARCH_BODY,
	NO_MATCH_BODY,
	USER_DATA,
	ACTIVITY_BODY,
	activityEvents,
	PROFILE_BODY,
	SEGMENTATION_BODY,
	ACTIVE_USERS_BODY,
	REALTIME_BODY,
	REVENUE_BODY,
	INVALID_CHART_BODY,
	n8nToday,
	urlWithQuery,
	yyyymmdd,
	secretForms,
	expectNoSecrets,
	expectSecretsOnlyInAuthorization,
	dashboardAuth,
	profileAuth,
	route,
	routePosts,
	sequence,
	trapAllHosts,
	expectOperationError,
	missingSecretMessage,
};
