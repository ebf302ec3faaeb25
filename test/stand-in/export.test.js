'use strict';
// The stand-in's Export API: a real zip of what it received, by upload hour.

const zlib = require('node:zlib');
const { T0, useServer, sendEvents, getApi, basic, event } = require('./helpers');

const HOUR = 3_600_000;
const ctx = useServer({ projectId: 829528, exportPartitionSize: 2 });

/** A minimal reader for the tests: local headers in order (the stand-in writes sizes in them). */
function readZip(buffer) {
	const entries = [];
	let at = 0;
	while (buffer.readUInt32LE(at) === 0x04034b50) {
		const method = buffer.readUInt16LE(at + 8);
		const size = buffer.readUInt32LE(at + 18);
		const nameLength = buffer.readUInt16LE(at + 26);
		const extraLength = buffer.readUInt16LE(at + 28);
		const name = buffer.toString('utf8', at + 30, at + 30 + nameLength);
		const start = at + 30 + nameLength + extraLength;
		entries.push({ name, method, data: buffer.subarray(start, start + size) });
		at = start + size;
	}
	expect(buffer.readUInt32LE(buffer.length - 22)).toBe(0x06054b50);
	expect(buffer.readUInt16LE(buffer.length - 12)).toBe(entries.length);
	return entries;
}

async function exportZip(start, end, authorization = basic()) {
	const res = await fetch(`${ctx.url}/api/2/export?start=${start}&end=${end}`, {
		headers: { Authorization: authorization },
	});
	return {
		status: res.status,
		type: res.headers.get('content-type'),
		body: Buffer.from(await res.arrayBuffer()),
	};
}

/** Sends events while the stand-in's clock says `at` (their upload time). */
async function sendAt(at, events) {
	ctx.clock.now = at;
	expect((await sendEvents(ctx.url, events)).status).toBe(200);
}

test('a zip of STORED gzip files, named <app>/<app>_<date>_<H>#<n>.json.gz, by upload hour, in partitions', async () => {
	await sendAt(T0 + 5 * HOUR + 60_000, [event({ user_id: 'user-00001' }), event(), event()]);
	await sendAt(T0 + 6 * HOUR, [event({ event_type: 'Purchase', time: T0 - 86_400_000 })]);

	const res = await exportZip('20240801T00', '20240801T23');
	expect(res.status).toBe(200);
	expect(res.type).toBe('application/zip');
	const entries = readZip(res.body);
	expect(entries.map((e) => [e.name, e.method])).toEqual([
		['829528/829528_2024-08-01_5#0.json.gz', 0],
		['829528/829528_2024-08-01_5#1.json.gz', 0],
		['829528/829528_2024-08-01_6#0.json.gz', 0],
	]);
	const lines = entries.map((e) => zlib.gunzipSync(e.data).toString('utf8'));
	expect(lines.every((text) => text.endsWith('\n'))).toBe(true);
	const events = lines.flatMap((text) =>
		text
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line)),
	);
	expect(events.map((e) => e.event_type)).toEqual(['Open App', 'Open App', 'Open App', 'Purchase']);
	const [first, , , late] = events;
	expect(Object.keys(first)).toHaveLength(55);
	expect(first).toMatchObject({
		app: 829528,
		user_id: 'user-00001',
		amplitude_id: 100000001,
		event_id: 1,
		data_type: 'event',
		library: 'http/2.0',
		session_id: -1,
		event_time: '2024-08-01 00:00:00.000000',
		server_upload_time: '2024-08-01 05:01:00.000000',
		uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
	});
	// Selected by when it arrived, not when it happened.
	expect(late).toMatchObject({
		event_time: '2024-07-31 00:00:00.000000',
		server_upload_time: '2024-08-01 06:00:00.000000',
	});
});

test('start and end are hours, both included', async () => {
	await sendAt(T0 + 5 * HOUR, [event()]);
	await sendAt(T0 + 7 * HOUR, [event()]);
	expect(readZip((await exportZip('20240801T05', '20240801T05')).body)).toHaveLength(1);
	expect(readZip((await exportZip('20240801T06', '20240801T07')).body)).toHaveLength(1);
	expect(readZip((await exportZip('20240801T05', '20240801T07')).body)).toHaveLength(2);
});

test('no events in the range: 404 "Raw data files were not found."', async () => {
	await sendAt(T0 + 5 * HOUR, [event()]);
	const res = await getApi(ctx.url, '/api/2/export', { start: '20240802T00', end: '20240802T23' });
	expect(res.status).toBe(404);
	expect(res.json).toEqual({
		error: {
			http_code: 404,
			type: 'unspecified',
			message: 'Unspecified Error',
			metadata: { details: 'Raw data files were not found.' },
		},
	});
});

test.each([
	['a date without the hour', { start: '20240801', end: '20240801T23' }],
	['an impossible hour', { start: '20240801T24', end: '20240801T23' }],
	['end before start', { start: '20240802T00', end: '20240801T23' }],
	['over 365 days', { start: '20230801T00', end: '20240801T00' }],
])('400 for %s', async (_name, query) => {
	const res = await getApi(ctx.url, '/api/2/export', query);
	expect(res.status).toBe(400);
	expect(res.json.error).toMatchObject({ http_code: 400, type: 'invalid' });
});

test('Basic auth like every Dashboard endpoint', async () => {
	expect(
		(await exportZip('20240801T00', '20240801T01', basic('test-api-key', 'wrong'))).status,
	).toBe(403);
});

describe('an export over exportMaxBytes', () => {
	const small = useServer({ exportMaxBytes: 100 });
	test('400 with Amplitude’s envelope', async () => {
		small.clock.now = T0;
		await sendEvents(small.url, [event(), event()]);
		const res = await getApi(small.url, '/api/2/export', {
			start: '20240801T00',
			end: '20240801T00',
		});
		expect(res.status).toBe(400);
		expect(res.json.error.metadata.details).toBe(
			'The export is larger than 4GB. Shorten the time range.',
		);
	});
});
