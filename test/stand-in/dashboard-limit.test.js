'use strict';
// The Dashboard concurrency limit (dashboardConcurrency, dashboardLatencyMs): requests over the
// limit get a 429, the others are answered after the latency, and the stats say what happened.

const { useServer, getApi, sendEvents, event } = require('./helpers');

const limited = useServer({ dashboardConcurrency: 2, dashboardLatencyMs: 150 });

test('requests beyond the limit in flight get a 429; the rest are answered', async () => {
	const answers = await Promise.all(
		Array.from({ length: 5 }, () => getApi(limited.url, '/api/2/events/list')),
	);

	expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429, 429]);
	expect(answers.find((a) => a.status === 429).json).toEqual({
		code: 429,
		error: 'Too many concurrent requests for this project',
	});
	expect(limited.server.dashboardLimit.stats()).toEqual({
		concurrency: 2,
		inFlight: 0,
		peak: 2,
		refused: 3,
	});
	const statuses = limited.server.store.requests.map((r) => r.status).sort();
	expect(statuses).toEqual([200, 200, 429, 429, 429]);
});

test('once a request is answered its slot is free again', async () => {
	for (let i = 0; i < 4; i++) {
		expect((await getApi(limited.url, '/api/2/events/list')).status).toBe(200);
	}
});

test('ingestion is not limited, even while the Dashboard slots are taken', async () => {
	const reads = [1, 2].map(() => getApi(limited.url, '/api/2/events/list'));
	const sent = await sendEvents(limited.url, [event()]);
	expect(limited.server.dashboardLimit.stats().inFlight).toBe(2);
	expect(sent.status).toBe(200);
	expect((await Promise.all(reads)).map((r) => r.status)).toEqual([200, 200]);
});
