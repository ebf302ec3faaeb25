// The streamed, authenticated GET (transport/stream.ts), run inside n8n's engine by a probe node
// with the Amplitude credential: redirects are fetched without credentials, gzip is undone
// whether or not Content-Encoding says so, error answers are read and retried.
const zlib = require('node:zlib');
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { loadContext } = require('../../dist/nodes/Amplitude/transport');
const { amplitudeStreamGet } = require('../../dist/nodes/Amplitude/transport/stream');
const { runAmplitude, customCredentials } = require('../support/harness');
const { recordSleeps } = require('../support/sleeps');
const { nock, HOSTS, setupNock, rawCaptureServer, RESET } = require('../support/http');
const { REGIONS, dashboardAuth, expectNoSecrets, secretForms } = require('../support/fixtures');

setupNock();

const STORAGE = 'https://amplitude-cohort-downloads.s3.us-west-2.amazonaws.com';
const PATH = '/api/5/cohorts/request/r-1/file';
const CSV = '"amplitude_id","user_id"\n"550106004607","user_one@example.com"\n';

/** Streams `path` with amplitudeStreamGet and outputs what came back, the body read to the end. */
class StreamProbe extends Amplitude {
	constructor() {
		super();
		this.description = {
			...this.description,
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
		};
	}

	async execute() {
		const context = await loadContext.call(this);
		const answer = await amplitudeStreamGet.call(
			this,
			context,
			{ api: 'dashboard', path: this.getNodeParameter('path', 0), gunzip: true },
			{ maxAttempts: 3, maxWaitMs: 1000 },
		);
		if (!answer.ok)
			return [[{ json: { ok: false, ...answer.response, redirected: answer.redirected } }]];
		const chunks = [];
		for await (const chunk of answer.body) chunks.push(chunk);
		const text = Buffer.concat(chunks).toString('utf8');
		return [[{ json: { ok: true, statusCode: answer.statusCode, text } }]];
	}
}

async function stream(credentials, path = PATH) {
	const result = await runAmplitude({ parameters: { path }, credentials, node: new StreamProbe() });
	expect(result.status).toBe('success');
	return result.output[0].json;
}

/** Records every request to host+path: its headers and full URL. */
function record(host, path, reply) {
	const calls = [];
	nock(host)
		.get(path)
		.query(true)
		.reply(function (uri) {
			calls.push({ url: `${host}${uri}`, headers: this.req.headers });
			return typeof reply === 'function' ? reply(calls.length - 1) : reply;
		});
	return calls;
}

describe.each(REGIONS)('streamed GET on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test('a 200 body arrives whole, asked for with the Dashboard auth', async () => {
		const calls = record(host, PATH, [200, CSV, { 'Content-Type': 'text/csv' }]);
		expect(await stream(credentials)).toEqual({ ok: true, statusCode: 200, text: CSV });
		expect(calls).toHaveLength(1);
		expect(calls[0].headers.authorization).toBe(dashboardAuth(credentials));
	});

	test('Content-Encoding: gzip is undone', async () => {
		record(host, PATH, [200, zlib.gzipSync(CSV), { 'Content-Encoding': 'gzip' }]);
		expect((await stream(credentials)).text).toBe(CSV);
	});

	test('a gzip body without Content-Encoding (a stored .gz file) is undone too', async () => {
		record(host, PATH, [200, zlib.gzipSync(CSV), { 'Content-Type': 'application/octet-stream' }]);
		expect((await stream(credentials)).text).toBe(CSV);
	});

	test('a 302 to a storage host is fetched without the Authorization header or any key', async () => {
		const location = `${STORAGE}/cohorts/r-1.csv.gz?X-Amz-Expires=60&X-Amz-Signature=abc123`;
		const api = record(host, PATH, [302, '', { Location: location }]);
		const storage = record(STORAGE, '/cohorts/r-1.csv.gz', [200, zlib.gzipSync(CSV)]);

		expect(await stream(credentials)).toEqual({ ok: true, statusCode: 200, text: CSV });
		expect(api[0].headers.authorization).toBe(dashboardAuth(credentials));
		expect(storage).toHaveLength(1);
		expect(storage[0].url).toBe(location);
		expect(storage[0].headers.authorization).toBeUndefined();
		expectNoSecrets(storage[0], credentials);
		expect(nock.isDone()).toBe(true);
	});

	test('a relative Location on the API host is fetched without credentials as well', async () => {
		record(host, PATH, [302, '', { Location: '/files/r-1.csv' }]);
		const target = record(host, '/files/r-1.csv', [200, CSV]);
		expect((await stream(credentials)).text).toBe(CSV);
		expect(target[0].headers.authorization).toBeUndefined();
	});

	test('an error answer is read and parsed, whatever its Content-Type', async () => {
		const body = { error: { http_code: 404, type: 'not_found', message: 'No such request' } };
		record(host, PATH, [404, JSON.stringify(body), { 'Content-Type': 'text/html' }]);
		expect(await stream(credentials)).toEqual({
			ok: false,
			statusCode: 404,
			headers: expect.any(Object),
			body,
			redirected: false,
		});
	});

	test("the storage host's refusal says it came after the redirect", async () => {
		record(host, PATH, [302, '', { Location: `${STORAGE}/cohorts/r-1.csv.gz` }]);
		const xml = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
		record(STORAGE, '/cohorts/r-1.csv.gz', [403, xml]);
		const json = await stream(credentials);
		expect(json).toMatchObject({ ok: false, statusCode: 403, body: xml, redirected: true });
	});
});

test('5xx and 429 answers are retried with backoff, then the body streams', async () => {
	const sleeps = recordSleeps();
	try {
		const statuses = [503, 429, 200];
		const seen = [];
		nock(HOSTS.us.dashboard)
			.get(PATH)
			.times(3)
			.reply(() => {
				const status = statuses[seen.length];
				seen.push(status);
				return [status, status === 200 ? CSV : ''];
			});
		const json = await stream(REGIONS[0][1]);
		expect(json).toEqual({ ok: true, statusCode: 200, text: CSV });
		expect(seen).toEqual([503, 429, 200]);
		expect(sleeps.waits).toHaveLength(2);
	} finally {
		sleeps.restore();
	}
});

test('retries stop after the policy attempts with the last error answer', async () => {
	const sleeps = recordSleeps();
	try {
		nock(HOSTS.us.dashboard).get(PATH).times(3).reply(503, { error: 'busy' });
		const json = await stream(REGIONS[0][1]);
		expect(json).toMatchObject({ ok: false, statusCode: 503, body: { error: 'busy' } });
		expect(sleeps.waits).toHaveLength(2);
		expect(nock.isDone()).toBe(true);
	} finally {
		sleeps.restore();
	}
});

test('a dropped connection is an answer with status 0 and no secret in its text', async () => {
	const sleeps = recordSleeps();
	const server = await rawCaptureServer(() => RESET);
	try {
		const credentials = customCredentials(server.url);
		const json = await stream(credentials);
		expect(json.ok).toBe(false);
		expect(json.statusCode).toBe(0);
		expect(typeof json.failure).toBe('string');
		for (const secret of secretForms(credentials)) expect(json.failure).not.toContain(secret);
		expect(server.requests).toHaveLength(3);
	} finally {
		sleeps.restore();
		await server.stop();
	}
});

test('a large gzip body without Content-Encoding streams through whole', async () => {
	const rows = Array.from({ length: 100_000 }, (_, i) => `"${100000000 + i}","user-${i}"\n`).join(
		'',
	);
	record(HOSTS.us.dashboard, PATH, [200, zlib.gzipSync(rows)]);
	const json = await stream(REGIONS[0][1]);
	expect(json.text.length).toBe(rows.length);
	expect(json.text).toBe(rows);
});
