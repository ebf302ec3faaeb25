// nock setup shared by the wire tests: no real network, and every request recorded.
const nock = require('nock');

const HOSTS = {
	us: {
		ingestion: 'https://api2.amplitude.com',
		dashboard: 'https://amplitude.com',
		profile: 'https://profile-api.amplitude.com',
		experiment: 'https://api.lab.amplitude.com',
	},
	eu: {
		ingestion: 'https://api.eu.amplitude.com',
		dashboard: 'https://analytics.eu.amplitude.com',
		experiment: 'https://api.lab.eu.amplitude.com',
	},
};

function basic(apiKey, secretKey) {
	return `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}`;
}

/**
 * Intercepts one request (or `times` of them, each answered with `reply`) and records what arrived:
 * method, full URL, path, query, headers and the raw body. `reply` is [status, body, headers?].
 */
function expectRequest(host, method, path, reply, times = 1) {
	const seen = { calls: [] };
	nock(host)
		.intercept(path, method)
		.query(true)
		.times(times)
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

/** What `reply` returns for the loopback server to drop the connection without answering. */
const RESET = Symbol('reset the connection');

/**
 * A loopback server that keeps every request's raw body bytes (nock hands bodies over parsed)
 * and answers each with `reply(path)`: [status, body], or drops the connection for RESET (real
 * sockets: nock's emulated resets leak unhandled socket errors across test files). Call stop()
 * when done.
 */
async function rawCaptureServer(reply) {
	const http = require('node:http');
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({
				method: req.method,
				path: req.url,
				headers: req.headers,
				raw: Buffer.concat(chunks),
			});
			const answer = reply(req.url);
			if (answer === RESET) {
				req.socket.destroy();
				return;
			}
			const [status, body] = answer;
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			res.writeHead(status, {
				'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
			});
			res.end(text);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	nock.enableNetConnect('127.0.0.1');
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		requests,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { nock, HOSTS, basic, expectRequest, setupNock, rawCaptureServer, RESET };
