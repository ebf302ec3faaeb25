// Event → Export downloads through the streamed authenticated GET (transport/stream.ts):
// redirects are followed without the credential, error answers are read only in part.
const zlib = require('node:zlib');
const { runAmplitude, jsonOf, US, customCredentials } = require('../../support/harness');
const { HOSTS, nock, setupNock } = require('../../support/http');
const { dashboardAuth, route } = require('../../support/fixtures');
const { recordSleeps } = require('../../support/sleeps');
const { zipBuffer } = require('../../support/amplitude-server/export-zip');

setupNock();

const PATH = '/api/2/export';
const EVENTS = [
	{ event_type: 'a', uuid: '1' },
	{ event_type: 'b', uuid: '2' },
];
const ARCHIVE = zipBuffer([
	{
		name: 'p/p_2026-11-01_1#0.json.gz',
		data: zlib.gzipSync(EVENTS.map((e) => JSON.stringify(e)).join('\n')),
	},
]);
const parameters = {
	resource: 'event',
	operation: 'export',
	start: '20261101T00',
	end: '20261101T01',
	options: { retryAttempts: 1 },
};

function recordAt(host, path, reply) {
	const calls = [];
	nock(host)
		.persist()
		.get(path)
		.query(true)
		.reply(function (uri) {
			calls.push({ uri, headers: this.req.headers });
			return reply(uri);
		});
	return calls;
}

test('a redirect to another host is followed without the Authorization header', async () => {
	const target = 'https://amplitude-export.s3.amazonaws.com';
	const first = recordAt(HOSTS.us.dashboard, PATH, () => [
		302,
		'',
		{ Location: `${target}/829528/export.zip?X-Amz-Signature=abc` },
	]);
	const second = recordAt(target, '/829528/export.zip', () => [200, ARCHIVE]);
	const result = await runAmplitude({ parameters, credentials: US });

	expect(result.status).toBe('success');
	expect(jsonOf(result)).toEqual(EVENTS);
	expect(first[0].headers.authorization).toBe(dashboardAuth(US));
	expect(second).toHaveLength(1);
	expect(second[0].uri).toBe('/829528/export.zip?X-Amz-Signature=abc');
	expect(second[0].headers.authorization).toBeUndefined();
	expect(JSON.stringify(second[0].headers)).not.toContain(US.secretKey);
});

test('a relative redirect on the same host is followed without the Authorization header too', async () => {
	const calls = recordAt(HOSTS.us.dashboard, /\/(api\/2\/export|files\/export\.zip)/, (uri) =>
		uri.startsWith(PATH) ? [307, '', { Location: '/files/export.zip' }] : [200, ARCHIVE],
	);
	const result = await runAmplitude({ parameters, credentials: US });
	expect(jsonOf(result)).toEqual(EVENTS);
	expect(calls.map((call) => [call.uri.split('?')[0], call.headers.authorization])).toEqual([
		[PATH, dashboardAuth(US)],
		['/files/export.zip', undefined],
	]);
});

test('redirects stop after 5; the last answer is the error', async () => {
	const calls = recordAt(HOSTS.us.dashboard, /.*/, (uri) => [
		302,
		'',
		{ Location: `/hop${Number(/hop(\d+)/.exec(uri)?.[1] ?? 0) + 1}` },
	]);
	const result = await runAmplitude({ parameters, credentials: US });
	expect(calls).toHaveLength(6);
	expect(result.status).toBe('error');
	expect(result.error.message).toBe('Amplitude answered 302: a redirect to /hop6 [item 0]');
});

test('a huge error answer: its start is the message', async () => {
	const huge = `{"error":"${'x'.repeat(1_000_000)}"}`;
	route(HOSTS.us.dashboard, PATH, () => [400, huge]);
	const result = await runAmplitude({ parameters, credentials: US });
	expect(result.status).toBe('error');
	// Not JSON once cut, so the start of the text is the message (at most 500 characters of it).
	expect(result.error.message).toBe(
		`Amplitude answered 400: {"error":"${'x'.repeat(490)} [item 0]`,
	);
});

test('no answer at all: the request is retried, then the error says Amplitude could not be reached', async () => {
	nock.enableNetConnect('127.0.0.1');
	const sleeps = recordSleeps();
	const result = await runAmplitude({
		parameters: { ...parameters, options: { retryAttempts: 2, maxRetryWait: 0 } },
		credentials: customCredentials('http://127.0.0.1:9'),
	});
	sleeps.restore();
	expect(sleeps.waits).toEqual([0]);
	expect(result.status).toBe('error');
	expect(result.error.message).toMatch(/^Could not reach Amplitude: .*ECONNREFUSED.* \[item 0\]$/);
	expect(result.error.description).toBe(
		'The request got no answer after all retries. Check the network and the credential region or custom URLs.',
	);
});
