// nock setup shared by the wire tests: no real network, and every request recorded.
const nock = require('nock');

const HOSTS = {
	us: {
		ingestion: 'https://api2.amplitude.com',
		dashboard: 'https://amplitude.com',
		profile: 'https://profile-api.amplitude.com',
	},
	eu: {
		ingestion: 'https://api.eu.amplitude.com',
		dashboard: 'https://analytics.eu.amplitude.com',
	},
};

function basic(apiKey, secretKey) {
	return `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}`;
}

/**
 * Intercepts one request and records what arrived: method, full URL, path, query, headers and the
 * raw body. `reply` is [status, body, headers?].
 */
function expectRequest(host, method, path, reply) {
	const seen = { calls: [] };
	nock(host)
		.intercept(path, method)
		.query(true)
		.reply(function (uri, body) {
			const url = new URL(uri, host);
			seen.calls.push({
				method: this.req.method,
				url: `${host}${uri}`,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: this.req.headers,
				body,
			});
			return reply;
		});
	return seen;
}

function setupNock() {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}

module.exports = { nock, HOSTS, basic, expectRequest, setupNock };
