// Event → Export: GET /api/2/export on the Dashboard host, streamed; items or Amplitude's zip.
const crypto = require('node:crypto');
const http = require('node:http');
const zlib = require('node:zlib');
const { runAmplitudeInOwnProcess } = require('../../support/ownProcess');
const { runAmplitude, jsonOf, US, customCredentials } = require('../../support/harness');
const { HOSTS, nock, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	expectSecretsOnlyInAuthorization,
	missingSecretMessage,
	route,
	sequence,
	trapAllHosts,
} = require('../../support/fixtures');
const { zipBuffer } = require('../../support/amplitude-server/export-zip');
const { storedBytes } = require('../../support/binaryData');

setupNock();

const PATH = '/api/2/export';
const FAST = { retryAttempts: 2, maxRetryWait: 0 };
const exportOp = (extra = {}, options = {}) => ({
	resource: 'event',
	operation: 'export',
	start: '20261101T00',
	end: '20261101T23',
	...extra,
	options: { ...FAST, ...options },
});

const event = (n, hour = 11) => ({
	$insert_id: `insert-${n}`,
	amplitude_id: 1610447902357,
	app: 829528,
	event_type: n % 2 ? 'purchase' : 'page_view',
	event_time: `2026-11-01 ${hour}:57:13.345000`,
	server_upload_time: `2026-11-01 ${hour}:57:13.417000`,
	user_id: `user-${n}`,
	event_properties: { n },
	uuid: `dce23c5f-7e0e-47df-b6ea-${String(n).padStart(12, '0')}`,
});
const ndjson = (events) => zlib.gzipSync(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
const EVENTS = [event(1), event(2), event(3, 12), event(4, 12), event(5, 12)];
const ARCHIVE = zipBuffer([
	{ name: '829528/829528_2026-11-01_11#0.json.gz', data: ndjson(EVENTS.slice(0, 2)) },
	{ name: '829528/829528_2026-11-01_12#0.json.gz', data: ndjson(EVENTS.slice(2, 4)) },
	{ name: '829528/829528_2026-11-01_12#1.json.gz', data: ndjson(EVENTS.slice(4)) },
]);
const ZIP = { 'Content-Type': 'application/zip' };
const NO_DATA = {
	error: {
		http_code: 404,
		type: 'unspecified',
		message: 'Unspecified Error',
		metadata: { details: 'Raw data files were not found.' },
	},
};
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
const hints = (result) => result.run.data.resultData.runData.Amplitude[0].hints ?? [];

describe.each(REGIONS)('Export on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test('items: one GET with start and end as UTC hours and Basic auth; one item per event, in order', async () => {
		const seen = route(host, PATH, () => [200, ARCHIVE, ZIP]);
		const result = await runAmplitude({ parameters: exportOp(), credentials });

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		const [call] = seen.calls;
		expect(call.url).toBe(`${host}${PATH}?start=20261101T00&end=20261101T23`);
		expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		expectSecretsOnlyInAuthorization(call, credentials);
		expect(result.output).toEqual(EVENTS.map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(hints(result)).toEqual([]);
		expectNoSecrets(result.run, credentials);
	});

	test("binary: Amplitude's zip as a file, byte for byte, and what it holds", async () => {
		route(host, PATH, () => [200, ARCHIVE, ZIP]);
		const result = await runAmplitude({
			parameters: exportOp({}, { outputFormat: 'binary' }),
			credentials,
		});

		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(1);
		const [item] = result.output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			success: true,
			start: '20261101T00',
			end: '20261101T23',
			file_name: 'amplitude-export-20261101T00-20261101T23.zip',
			size_bytes: ARCHIVE.length,
			event_files: 3,
		});
		expect(Object.keys(item.binary)).toEqual(['data']);
		expect(item.binary.data).toMatchObject({
			fileName: 'amplitude-export-20261101T00-20261101T23.zip',
			mimeType: 'application/zip',
			fileExtension: 'zip',
		});
		expect((await storedBytes(item.binary.data)).equals(ARCHIVE)).toBe(true);
		expectNoSecrets(result.run, credentials);
	});

	test('404 "Raw data files were not found" is zero events: no items, or an empty zip', async () => {
		route(host, PATH, () => [404, NO_DATA]);
		const items = await runAmplitude({ parameters: exportOp(), credentials });
		expect(items.status).toBe('success');
		expect(items.output).toEqual([]);

		const binary = await runAmplitude({
			parameters: exportOp({}, { outputFormat: 'binary' }),
			credentials,
		});
		expect(binary.status).toBe('success');
		expect(binary.output[0].json).toMatchObject({ success: true, size_bytes: 22, event_files: 0 });
		expect((await storedBytes(binary.output[0].binary.data)).equals(EMPTY_ZIP)).toBe(true);
	});

	test('400 (over 4 GB) says to shorten the range', async () => {
		const body = {
			error: { http_code: 400, type: 'invalid', message: 'Export size exceeds 4GB' },
		};
		const seen = route(host, PATH, () => [400, body]);
		const result = await runAmplitude({ parameters: exportOp(), credentials });

		expect(seen.calls).toHaveLength(1);
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Amplitude answered 400: Export size exceeds 4GB [item 0]');
		expect(result.error.description).toBe(
			"Amplitude refuses an export larger than 4 GB with 400: shorten the range (Start and End), for example one day per run. A single hour over 4 GB needs Amplitude's Amazon S3 export.",
		);
		expect(result.error.httpCode).toBe('400');
	});
});

describe('errors from Amplitude', () => {
	const host = HOSTS.us.dashboard;

	test('504 says to shorten the range', async () => {
		const seen = route(host, PATH, () => [504, 'Gateway Timeout']);
		const result = await runAmplitude({ parameters: exportOp() });
		expect(seen.calls).toHaveLength(2);
		expect(result.error.message).toBe('Amplitude answered 504: Gateway Timeout [item 0]');
		expect(result.error.description).toBe(
			'Amplitude could not build the export in time. Shorten the range (Start and End), for example one day per run.',
		);
	});

	test('403: the keys or the region', async () => {
		route(host, PATH, () => [
			403,
			{
				error: {
					http_code: 403,
					type: 'unspecified',
					metadata: { details: 'Invalid API/Secret Key combination' },
				},
			},
		]);
		const result = await runAmplitude({ parameters: exportOp() });
		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toMatch(
			/^The Dashboard REST API refused the API key and secret key/,
		);
	});

	test('a 404 that is not "no data" is an error, not zero events', async () => {
		route(host, PATH, () => [404, { code: 404, error: 'Invalid request path' }]);
		const result = await runAmplitude({ parameters: exportOp() });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Amplitude answered 404: Invalid request path [item 0]');
	});

	test('429 and 5xx are retried; the answer after them is used', async () => {
		const seen = sequence(host, PATH, [
			[429, { error: 'Too many requests' }, { 'Retry-After': '0' }],
			[503, 'Service Unavailable'],
			[200, ARCHIVE, ZIP],
		]);
		const result = await runAmplitude({ parameters: exportOp({}, { retryAttempts: 3 }) });
		expect(seen.calls).toHaveLength(3);
		expect(jsonOf(result)).toEqual(EVENTS);
	});

	test('with continue on error the item fails alone, exactly { success: false, error, code }', async () => {
		sequence(host, PATH, [
			[200, ARCHIVE, ZIP],
			[400, { error: { http_code: 400, type: 'invalid', message: 'Too large' } }],
		]);
		const result = await runAmplitude({
			items: [{}, {}],
			parameters: exportOp({}, { retryAttempts: 1 }),
			continueOnFail: true,
		});
		expect(result.output.slice(0, 5).map((item) => item.pairedItem)).toEqual(
			EVENTS.map(() => ({ item: 0 })),
		);
		expect(result.output[5]).toEqual({
			json: {
				success: false,
				error: expect.stringMatching(
					/^Amplitude answered 400: Too large \[item 1\]\. Amplitude refuses an export larger than 4 GB/,
				),
				code: 400,
			},
			pairedItem: { item: 1 },
		});
	});
});

describe('an archive that is cut off or damaged fails the item, with nothing output', () => {
	const host = HOSTS.us.dashboard;
	const cut = ARCHIVE.subarray(0, ARCHIVE.length - 40);

	test.each(['items', 'binary'])('%s: a clear error and no items', async (outputFormat) => {
		route(host, PATH, () => [200, cut, ZIP]);
		const result = await runAmplitude({ parameters: exportOp({}, { outputFormat }) });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toBe(
			`Amplitude's export could not be read: the archive ends after ${cut.length} bytes (3 entries) without its end record: it was cut off [item 0]`,
		);
		expect(result.error.description).toBe(
			'Nothing was output for this item. Run it again; if it keeps failing, export a shorter range.',
		);
		expect(result.output).toEqual([]);
	});

	test('with continue on error: only the failure, no events before the cut', async () => {
		route(host, PATH, () => [200, cut, ZIP]);
		const result = await runAmplitude({ parameters: exportOp(), continueOnFail: true });
		expect(jsonOf(result)).toEqual([
			{
				success: false,
				error: expect.stringMatching(
					/^Amplitude's export could not be read: the archive ends after/,
				),
				code: null,
			},
		]);
	});

	test('an entry whose gzip is damaged names the entry', async () => {
		const damaged = zipBuffer([
			{ name: 'p/p_2026-11-01_11#0.json.gz', data: ndjson(EVENTS).subarray(0, 25) },
		]);
		route(host, PATH, () => [200, damaged, ZIP]);
		const result = await runAmplitude({ parameters: exportOp() });
		expect(result.error.message).toMatch(
			/^Amplitude's export could not be read: entry "p\/p_2026-11-01_11#0.json.gz" could not be decompressed/,
		);
	});

	test('a connection that breaks in the middle of the zip', async () => {
		const server = http.createServer((req, res) => {
			res.writeHead(200, { 'content-type': 'application/zip', 'content-length': ARCHIVE.length });
			res.write(ARCHIVE.subarray(0, 300), () => setTimeout(() => req.socket.destroy(), 20));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			const url = `http://127.0.0.1:${server.address().port}`;
			for (const outputFormat of ['items', 'binary']) {
				const result = await runAmplitude({
					parameters: exportOp({}, { outputFormat }),
					credentials: customCredentials(url),
				});
				expect(result.status).toBe('error');
				expect(result.error.name).toBe('NodeApiError');
				expect(result.error.message).toMatch(
					outputFormat === 'items'
						? /^The export download broke off after 300 bytes: .+ \[item 0\]$/
						: /^Storing the export failed: .+ \[item 0\]$/,
				);
				expect(result.output).toEqual([]);
			}
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('Max Events (items)', () => {
	test('more events than Max Events: an error, nothing output, and the rest is not downloaded', async () => {
		// 5 events, then 32 MB the node must not wait for (more than loopback sockets buffer).
		const large = zipBuffer([
			{ name: 'p/p_2026-11-01_11#0.json.gz', data: ndjson(EVENTS) },
			...Array.from({ length: 32 }, (_, i) => ({
				name: `p/filler-${i}.bin`,
				data: crypto.randomBytes(1 << 20),
			})),
		]);
		// The server sends the first megabyte, then pauses 5 s before the rest: a reader that stops
		// in time has closed the connection by then (loopback buffers can take the whole zip).
		const FIRST = 1 << 20;
		let sent = 0;
		let paused = false;
		let sentWhenClosed;
		const closed = new Promise((resolve) => (sentWhenClosed = resolve));
		const server = http.createServer((req, res) => {
			res.writeHead(200, { 'content-type': 'application/zip', 'content-length': large.length });
			res.on('close', () => sentWhenClosed(sent));
			const pump = () => {
				while (sent < large.length && !res.destroyed) {
					if (sent >= FIRST && !paused) {
						paused = true;
						return setTimeout(pump, 5000);
					}
					const chunk = large.subarray(sent, sent + 65_536);
					sent += chunk.length;
					if (!res.write(chunk)) return res.once('drain', pump);
				}
				if (sent >= large.length) res.end();
			};
			pump();
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const result = await runAmplitudeInOwnProcess({
				parameters: exportOp({}, { maxEvents: 4 }),
				credentials: customCredentials(`http://127.0.0.1:${server.address().port}`),
			});
			expectOperationError(
				result,
				'The export holds more than 4 events, the Max Events of Output Format Items (Options). Shorten the range, raise Max Events, or choose Output Format Binary (a zip file) for large exports [item 0]',
			);
			expect(result.output).toEqual([]);
			expect(await closed).toBeLessThanOrEqual(FIRST);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	test('exactly Max Events is fine', async () => {
		route(HOSTS.us.dashboard, PATH, () => [200, ARCHIVE, ZIP]);
		const result = await runAmplitude({ parameters: exportOp({}, { maxEvents: 5 }) });
		expect(jsonOf(result)).toEqual(EVENTS);
	});
});

describe('the warning for hours Amplitude may not have yet', () => {
	const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');

	test('items: an execution hint on the output', async () => {
		const seen = route(HOSTS.us.dashboard, PATH, () => [200, ARCHIVE, ZIP]);
		const result = await runAmplitude({ parameters: exportOp({ start: today, end: today }) });
		expect(seen.calls[0].query).toEqual({ start: `${today}T00`, end: `${today}T23` });
		expect(jsonOf(result)).toEqual(EVENTS);
		expect(hints(result)).toEqual([
			{
				message: expect.stringMatching(
					/^The hours from \d{8}T\d{2} on \(UTC\) ended less than 2 hours ago/,
				),
				type: 'warning',
				location: 'outputPane',
			},
		]);
	});

	test('binary: a warning field in the output item', async () => {
		route(HOSTS.us.dashboard, PATH, () => [404, NO_DATA]);
		const result = await runAmplitude({
			parameters: exportOp({ start: today, end: today }, { outputFormat: 'binary' }),
		});
		expect(result.output[0].json.warning).toMatch(
			/ended less than 2 hours ago or have not ended yet\. Amplitude makes an hour exportable about 2 hours after it ends/,
		);
	});
});

describe('input', () => {
	test('Start and End from expressions, ISO date-times converted to UTC hours; one export per item', async () => {
		const seen = route(HOSTS.us.dashboard, PATH, () => [200, ARCHIVE, ZIP]);
		const result = await runAmplitude({
			items: [
				{ from: '2026-11-01T10:30:00+02:00', to: '2026-11-01T12:00:00Z' },
				{ from: '20261102', to: '2026-11-03' },
			],
			parameters: exportOp({ start: '={{ $json.from }}', end: '={{ $json.to }}' }),
		});
		expect(seen.calls.map((call) => call.query)).toEqual([
			{ start: '20261101T08', end: '20261101T12' },
			{ start: '20261102T00', end: '20261103T23' },
		]);
		expect(result.output.map((item) => item.pairedItem.item)).toEqual([
			0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
		]);
	});

	test.each([
		[
			'a range over 365 days',
			{ start: '20250101', end: '20261231' },
			{},
			'The range 20250101T00 to 20261231T23 covers 730 days; Amplitude exports at most 365 days per request. Shorten it or split it, e.g. one export per month [item 0]',
		],
		[
			'an end before the start',
			{ start: '20261102T05', end: '20261102T04' },
			{},
			"'Start' (20261102T05) is after 'End' (20261102T04). Swap them or pick an earlier start [item 0]",
		],
		[
			'an unreadable start',
			{ start: 'last week' },
			{},
			`'Start' is not a valid date or time: "last week". Use an ISO date-time (2026-11-01T07:00:00+01:00), a date (2026-11-01 or 20261101), epoch milliseconds or an n8n date such as {{ $now }} [item 0]`,
		],
		[
			'an empty output field',
			{},
			{ outputFormat: 'binary', binaryPropertyName: ' ' },
			"'Put Output File in Field' is empty. Give a field name such as data [item 0]",
		],
	])('%s is refused before any request', async (_name, extra, options, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: exportOp(extra, options) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('a credential without a secret key is refused before any request', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: exportOp(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	});

	test('the file goes to another binary field when asked', async () => {
		route(HOSTS.us.dashboard, PATH, () => [200, ARCHIVE, ZIP]);
		const result = await runAmplitude({
			parameters: exportOp({}, { outputFormat: 'binary', binaryPropertyName: 'export' }),
			credentials: US,
		});
		expect(Object.keys(result.output[0].binary)).toEqual(['export']);
	});
});

test('Max Events: bounds and default from limits.ts; hidden for Binary', () => {
	const { Amplitude } = require('../../../dist/nodes/Amplitude/Amplitude.node');
	const { EXPORT_MAX_EVENTS } = require('../../../dist/nodes/Amplitude/limits');
	const options = new Amplitude().description.properties.find(
		(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('export'),
	);
	expect(options.options.find((o) => o.name === 'maxEvents')).toMatchObject({
		default: EXPORT_MAX_EVENTS.default,
		typeOptions: { minValue: EXPORT_MAX_EVENTS.min, maxValue: EXPORT_MAX_EVENTS.max },
		displayOptions: { hide: { outputFormat: ['binary'] } },
	});
	expect(options.options.find((o) => o.name === 'outputFormat').default).toBe('items');
});
