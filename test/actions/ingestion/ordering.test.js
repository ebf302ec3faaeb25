// Requests of one Send Event run travel together (up to MAX_INGESTION_REQUESTS_IN_FLIGHT) only
// when they share no user or device: per-device order is what Amplitude relies on, and it is
// never given up for speed.
const { setTimeout: sleep } = require('node:timers/promises');

const { MAX_INGESTION_REQUESTS_IN_FLIGHT } = require('../../../dist/nodes/Amplitude/limits');
const { runAmplitude, jsonOf } = require('../../support/harness');
const { nock, HOSTS, setupNock } = require('../../support/http');

setupNock();

/** A slow HTTP V2 endpoint that records, per request, its users and what else was in flight. */
function slowIngestion() {
	const log = { requests: [], inFlight: new Set(), maxInFlight: 0, overlaps: [] };
	nock(HOSTS.us.ingestion)
		.persist()
		.post('/2/httpapi')
		.reply(async (_uri, body) => {
			const ids = new Set(body.events.map((event) => event.user_id));
			for (const other of log.inFlight) {
				log.overlaps.push([...ids].filter((id) => other.has(id)));
			}
			log.inFlight.add(ids);
			log.maxInFlight = Math.max(log.maxInFlight, log.inFlight.size);
			log.requests.push([...ids]);
			await sleep(40);
			log.inFlight.delete(ids);
			return [
				200,
				{
					code: 200,
					events_ingested: body.events.length,
					payload_size_bytes: 1,
					server_upload_time: 1,
				},
			];
		});
	return log;
}

const send = (items) =>
	runAmplitude({
		items,
		parameters: {
			resource: 'event',
			operation: 'send',
			mappingMode: 'autoMapInputData',
			options: { batchSize: 10 },
		},
	});

const events = (count, userOf) =>
	Array.from({ length: count }, (_, i) => ({
		event_type: 'e',
		user_id: userOf(i),
		event_properties: { i },
	}));

test('batches with different users go several at a time, never more than the limit', async () => {
	expect(MAX_INGESTION_REQUESTS_IN_FLIGHT).toBe(4);
	const log = slowIngestion();
	const result = await send(events(60, (i) => `user-${String(i).padStart(4, '0')}`));

	expect(result.status).toBe('success');
	expect(log.requests).toHaveLength(6);
	expect(log.maxInFlight).toBe(MAX_INGESTION_REQUESTS_IN_FLIGHT);
	expect(log.overlaps.every((shared) => shared.length === 0)).toBe(true);
	expect(jsonOf(result).every((json) => json.success)).toBe(true);
});

test('batches that share a user go one after another, in input order', async () => {
	const log = slowIngestion();
	// Every batch of 10 has user-0000 in it.
	const result = await send(
		events(40, (i) => (i % 10 === 0 ? 'user-0000' : `user-${String(i).padStart(4, '0')}`)),
	);

	expect(result.status).toBe('success');
	expect(log.maxInFlight).toBe(1);
	expect(log.requests.map((ids) => ids.find((id) => id !== 'user-0000'))).toEqual([
		'user-0001',
		'user-0011',
		'user-0021',
		'user-0031',
	]);
});

test('a batch waits for the one in flight that shares its user, not for unrelated ones', async () => {
	const log = slowIngestion();
	// Batches: A (users 0-9), B (10-19), C (user-0000 again plus 21-29).
	const userOf = (i) => (i === 20 ? 'user-0000' : `user-${String(i).padStart(4, '0')}`);
	const result = await send(events(30, userOf));

	expect(result.status).toBe('success');
	expect(log.maxInFlight).toBe(2);
	expect(log.overlaps.every((shared) => shared.length === 0)).toBe(true);
	expect(log.requests.map((ids) => ids.length)).toEqual([10, 10, 10]);
});

afterEach(() => nock.cleanAll());
