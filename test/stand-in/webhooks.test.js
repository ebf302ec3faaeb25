'use strict';
// The stand-in's outbound side: event streaming and cohort syncs to a webhook, with Amplitude's
// headers, payloads and retries (webhook-sender.js, event-streaming.js, cohort-sync.js).
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { API_KEY, T0, useServer, sendEvents, postForm, event } = require('./helpers');
const { USER_AGENT, EVENT_STREAMING } = require('../support/amplitude-server/webhook-sender');
const { amplitudeTime } = require('../support/amplitude-server/event-streaming');

const ctx = useServer();
const CLI = path.join(__dirname, '../support/amplitude-server/cli.js');
// Retry delays that keep the tests short; the shape (count, order) is Amplitude's.
const FAST = { attemptDelaysMs: [20, 20, 20], quickRetries: { max: 3, baseMs: 5, budgetMs: 4000 } };

/**
 * A webhook receiver: records every request and answers with answer(request, index) →
 * { status, delayMs } (default 200 at once).
 */
async function receiver(answer = () => ({ status: 200 })) {
	const requests = [];
	let inFlight = 0;
	const seen = { maxInFlight: 0 };
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const request = {
				headers: req.headers,
				body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
			};
			requests.push(request);
			inFlight += 1;
			seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
			const { status = 200, delayMs = 0 } = answer(request, requests.length - 1);
			setTimeout(() => {
				inFlight -= 1;
				if (!res.destroyed) res.writeHead(status).end('{}');
			}, delayMs);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook/abc/amplitude`,
		requests,
		seen,
		stop: () =>
			new Promise((resolve) => {
				server.close(resolve);
				server.closeAllConnections();
			}),
	};
}

let sink;
afterEach(async () => {
	await sink?.stop();
	sink = undefined;
});

describe('event streaming', () => {
	test('each ingested event is POSTed once, alone, with Amplitude headers and up to 5 custom headers', async () => {
		sink = await receiver();
		ctx.server.streaming.configure({
			url: sink.url,
			headers: { 'X-Amplitude-Webhook-Secret': 's3cret-value-123456', 'X-Extra': '1' },
		});
		await sendEvents(ctx.url, [
			event({ insert_id: 'a' }),
			event({ insert_id: 'b', user_id: 'user-beta' }),
		]);
		await ctx.server.streaming.idle();
		expect(sink.requests).toHaveLength(2);
		for (const { headers } of sink.requests) {
			expect(headers['content-type']).toBe('application/json');
			expect(headers['user-agent']).toBe(USER_AGENT);
			expect(USER_AGENT).toBe('Amplitude/Webhook/1.0');
			expect(headers['x-amplitude-webhook-secret']).toBe('s3cret-value-123456');
			expect(headers['x-extra']).toBe('1');
		}
		expect(sink.requests.map((r) => r.body.$insert_id)).toEqual(['a', 'b']);
		expect(ctx.server.streaming.stats()).toMatchObject({
			deliveries: 2,
			delivered: 2,
			requests: 2,
		});
	});

	test('the payload: export format, webhook times, uuid of the stored event, user properties as strings', async () => {
		sink = await receiver();
		ctx.server.streaming.configure({ url: sink.url });
		await sendEvents(ctx.url, [
			event({
				insert_id: 'ins-1',
				device_id: 'device-1',
				time: T0 + 1234,
				event_properties: { cart_value: 129.5 },
				user_properties: { $set: { plan: 'pro', seats: 12, beta: true } },
				platform: 'Web',
			}),
		]);
		await ctx.server.streaming.idle();
		const [{ body }] = sink.requests;
		const stored = ctx.server.store.events[0];
		expect(body).toMatchObject({
			uuid: stored.uuid,
			$insert_id: 'ins-1',
			event_type: 'Open App',
			user_id: 'user-alpha',
			device_id: 'device-1',
			amplitude_id: stored.amplitude_id,
			event_time: '2024-08-01 00:00:01.234',
			client_event_time: '2024-08-01 00:00:01.234',
			server_received_time: amplitudeTime(ctx.clock.now),
			event_properties: { cart_value: 129.5 },
			user_properties: { plan: 'pro', seats: '12', beta: 'true' },
			platform: 'Web',
			data_type: 'event',
			event_id: 1,
			session_id: -1,
		});
		expect(body.uuid).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('microsecond times, the destination event filter, and duplicates Amplitude itself drops', async () => {
		sink = await receiver();
		ctx.server.streaming.configure({ url: sink.url, timeFormat: 'us', eventTypes: ['Purchase'] });
		await sendEvents(ctx.url, [
			event({ event_type: 'Purchase', insert_id: 'p1', time: T0 }),
			event({ event_type: 'Open App', insert_id: 'o1' }),
			event({ event_type: 'Purchase', insert_id: 'p1', time: T0 }), // deduplicated at ingestion
		]);
		await ctx.server.streaming.idle();
		expect(sink.requests.map((r) => [r.body.event_type, r.body.event_time])).toEqual([
			['Purchase', '2024-08-01 00:00:00.000000'],
		]);
	});

	test('Send Users: each identify is POSTed as a user update without event type', async () => {
		sink = await receiver();
		ctx.server.streaming.configure({ url: sink.url, sendEvents: false, sendUsers: true });
		await postForm(ctx.url, '/identify', {
			api_key: API_KEY,
			identification: JSON.stringify({
				user_id: 'user-alpha',
				country: 'Germany',
				user_properties: { $set: { plan: 'enterprise', seats: 40 } },
			}),
		});
		await sendEvents(ctx.url, [event()]);
		await ctx.server.streaming.idle();
		expect(sink.requests.map((r) => r.body)).toEqual([
			{
				user_id: 'user-alpha',
				country: 'Germany',
				user_properties: { plan: 'enterprise', seats: '40' },
			},
		]);
	});

	test('a custom payload (like a FreeMarker template) replaces the body', async () => {
		sink = await receiver();
		ctx.server.streaming.configure({
			url: sink.url,
			payload: (input) => ({
				external_id: input.user_id,
				name: input.event_type,
				time: input.event_time,
			}),
		});
		await sendEvents(ctx.url, [event({ time: T0 })]);
		await ctx.server.streaming.idle();
		expect(sink.requests[0].body).toEqual({
			external_id: 'user-alpha',
			name: 'Open App',
			time: '2024-08-01 00:00:00.000',
		});
	});

	test('send() POSTs a given list as it is, one request each', async () => {
		sink = await receiver();
		ctx.server.streaming.configure({ url: sink.url });
		const list = [{ uuid: 'u1', event_type: 'a' }, { uuid: 'u2', event_type: 'b' }, [1, 2]];
		ctx.server.streaming.send(list);
		await ctx.server.streaming.idle();
		expect(sink.requests.map((r) => r.body)).toEqual(list);
		expect(ctx.server.streaming.deliveries.map((d) => d.key)).toEqual(['u1', 'u2', undefined]);
	});

	test('more than 5 custom headers is refused, as in Amplitude', () => {
		const headers = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`X-H${n}`, 'v']));
		ctx.server.streaming.configure({ url: 'http://127.0.0.1:9/x', headers });
		expect(() => ctx.server.streaming.send([{}])).toThrow('at most 5 custom headers');
	});

	test('without configure(), ingesting streams nothing', async () => {
		expect((await sendEvents(ctx.url, [event()])).status).toBe(200);
		expect(ctx.server.streaming.deliveries).toEqual([]);
		expect(() => ctx.server.streaming.send([{}])).toThrow('configure');
	});

	test('5xx: up to 3 quick retries within the attempt, then the next attempt', async () => {
		sink = await receiver((_, i) => ({ status: i < 5 ? 503 : 200 }));
		ctx.server.streaming.configure({ url: sink.url, ...FAST });
		ctx.server.streaming.send([{ uuid: 'r1' }]);
		await ctx.server.streaming.idle();
		const [delivery] = ctx.server.streaming.deliveries;
		expect(delivery.state).toBe('delivered');
		expect(delivery.requests.map((r) => [r.attempt, r.quick, r.status])).toEqual([
			[1, 0, 503],
			[1, 1, 503],
			[1, 2, 503],
			[1, 3, 503],
			[2, 0, 503],
			[2, 1, 200],
		]);
	});

	test('a 4xx is not retried quickly, but at the next attempt ("regardless of the error")', async () => {
		sink = await receiver((_, i) => ({ status: i === 0 ? 401 : 200 }));
		ctx.server.streaming.configure({ url: sink.url, ...FAST });
		ctx.server.streaming.send([{ uuid: 'r2' }]);
		await ctx.server.streaming.idle();
		expect(ctx.server.streaming.deliveries[0].requests.map((r) => [r.attempt, r.status])).toEqual([
			[1, 401],
			[2, 200],
		]);
	});

	test('a slow answer is abandoned and sent again: the receiver sees the event twice', async () => {
		sink = await receiver((_, i) => ({ delayMs: i === 0 ? 400 : 0 }));
		ctx.server.streaming.configure({ url: sink.url, ...FAST, timeoutMs: 150 });
		ctx.server.streaming.send([{ uuid: 'slow' }]);
		await ctx.server.streaming.idle();
		const [delivery] = ctx.server.streaming.deliveries;
		expect(delivery.requests.map((r) => r.error ?? r.status)).toEqual(['timeout', 200]);
		expect(sink.requests.map((r) => r.body.uuid)).toEqual(['slow', 'slow']);
		expect(ctx.server.streaming.stats()).toMatchObject({ timeouts: 1, retries: 1, delivered: 1 });
	});

	test('after the last attempt the delivery fails; 1 + 9 attempts by default', async () => {
		expect(EVENT_STREAMING.attemptDelaysMs).toHaveLength(9);
		expect(EVENT_STREAMING.attemptDelaysMs.reduce((a, b) => a + b)).toBeLessThanOrEqual(
			4 * 3_600_000,
		);
		sink = await receiver(() => ({ status: 400 }));
		ctx.server.streaming.configure({ url: sink.url, ...FAST });
		ctx.server.streaming.send([{ uuid: 'never' }]);
		await ctx.server.streaming.idle();
		expect(ctx.server.streaming.deliveries[0]).toMatchObject({ state: 'failed', attempts: 4 });
		expect(sink.requests).toHaveLength(4);
	});

	test('at most `concurrency` deliveries are in flight', async () => {
		sink = await receiver(() => ({ delayMs: 30 }));
		ctx.server.streaming.configure({ url: sink.url, concurrency: 3 });
		ctx.server.streaming.send(Array.from({ length: 12 }, (_, i) => ({ uuid: `c${i}` })));
		await ctx.server.streaming.idle();
		expect(sink.requests).toHaveLength(12);
		expect(sink.seen.maxInFlight).toBe(3);
	});

	test('reset() drops the destination and what was pending', async () => {
		sink = await receiver(() => ({ delayMs: 200 }));
		ctx.server.streaming.configure({ url: sink.url });
		ctx.server.streaming.send([{ uuid: 'x' }]);
		ctx.server.reset();
		expect(ctx.server.streaming.deliveries).toEqual([]);
		await sendEvents(ctx.url, [event()]);
		await ctx.server.streaming.idle();
		expect(ctx.server.streaming.deliveries).toEqual([]);
	});
});

describe('cohort syncs', () => {
	test('the first sync sends every member as entering, in batches, in the documented shape', async () => {
		sink = await receiver();
		ctx.server.cohortSync.configure({ url: sink.url, batchSize: 2, headers: { 'X-S': 'v' } });
		const ids = ctx.server.cohortSync.sync({
			cohortId: '7khm89cz',
			cohortName: 'Churn risk',
			members: ['u1', { user_id: 'u2', user_properties: { plan: 'pro' } }, 'u3'],
		});
		await ctx.server.cohortSync.idle();
		expect(ids).toHaveLength(2);
		expect(ids[0]).toMatch(/^[0-9a-f-]{36}::enter::0$/);
		expect(ids[1]).toBe(ids[0].replace('::0', '::1'));
		const bodies = sink.requests.map((r) => r.body);
		expect(bodies).toEqual([
			{
				cohort_name: 'Churn risk',
				cohort_id: '7khm89cz',
				in_cohort: true,
				computed_time: String(Math.floor(ctx.clock.now / 1000)),
				message_id: ids[0],
				users: [{ user_id: 'u1' }, { user_id: 'u2', user_properties: { plan: 'pro' } }],
			},
			expect.objectContaining({ message_id: ids[1], users: [{ user_id: 'u3' }] }),
		]);
		expect(sink.requests[0].headers).toMatchObject({ 'user-agent': USER_AGENT, 'x-s': 'v' });
	});

	test('later syncs send only who entered and who left', async () => {
		sink = await receiver();
		ctx.server.cohortSync.configure({ url: sink.url });
		ctx.server.cohortSync.sync({ cohortId: 'c1', members: ['u1', 'u2'] });
		ctx.server.cohortSync.sync({ cohortId: 'c1', members: ['u2', 'u3'] });
		ctx.server.cohortSync.sync({ cohortId: 'c1', members: ['u2', 'u3'] });
		await ctx.server.cohortSync.idle();
		expect(
			sink.requests.map((r) => [r.body.in_cohort, r.body.users.map((u) => u.user_id)]),
		).toEqual([
			[true, ['u1', 'u2']],
			[true, ['u3']],
			[false, ['u1']],
		]);
		expect(sink.requests[2].body.message_id).toMatch(/::exit::0$/);
	});

	test('a batch not answered in time, or not 2xx, is sent again with the same message_id', async () => {
		sink = await receiver((_, i) => (i === 0 ? { delayMs: 300 } : i === 1 ? { status: 500 } : {}));
		ctx.server.cohortSync.configure({ url: sink.url, timeoutMs: 100, attemptDelaysMs: [10, 10] });
		const [id] = ctx.server.cohortSync.sync({ cohortId: 'c2', members: ['u1'] });
		await ctx.server.cohortSync.idle();
		expect(sink.requests.map((r) => r.body)).toEqual([
			sink.requests[0].body,
			sink.requests[0].body,
			sink.requests[0].body,
		]);
		expect(sink.requests[0].body.message_id).toBe(id);
		expect(ctx.server.cohortSync.deliveries[0].requests.map((r) => r.error ?? r.status)).toEqual([
			'timeout',
			500,
			200,
		]);
	});

	test('leave() sends the given users as leaving and forgets them', async () => {
		sink = await receiver();
		ctx.server.cohortSync.configure({ url: sink.url });
		ctx.server.cohortSync.sync({ cohortId: 'c4', members: ['u1', 'u2'] });
		const [exitId] = ctx.server.cohortSync.leave({ cohortId: 'c4', users: ['u2'] });
		ctx.server.cohortSync.sync({ cohortId: 'c4', members: ['u1'] }); // nothing changed since
		await ctx.server.cohortSync.idle();
		expect(exitId).toMatch(/::exit::0$/);
		expect(
			sink.requests.map((r) => [r.body.in_cohort, r.body.users.map((u) => u.user_id)]),
		).toEqual([
			[true, ['u1', 'u2']],
			[false, ['u2']],
		]);
	});

	test('sendBatch sends one given batch', async () => {
		sink = await receiver();
		ctx.server.cohortSync.configure({ url: sink.url });
		ctx.server.cohortSync.sendBatch({
			cohortId: 'c3',
			cohortName: 'C3',
			inCohort: false,
			users: ['u9'],
			messageId: 'fixed::exit::0',
		});
		await ctx.server.cohortSync.idle();
		expect(sink.requests[0].body).toMatchObject({
			in_cohort: false,
			message_id: 'fixed::exit::0',
			users: [{ user_id: 'u9' }],
		});
	});
});

describe('command line', () => {
	function run(args) {
		return new Promise((resolve) => {
			const child = spawn(process.execPath, [CLI, ...args]);
			let stdout = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stdout += d));
			child.on('close', (code) => resolve({ code, stdout }));
		});
	}

	test('push-events --count N posts N webhook events and prints the summary', async () => {
		sink = await receiver();
		const { code, stdout } = await run([
			'push-events',
			'--to',
			sink.url,
			'--count',
			'3',
			'--header',
			'X-S: v',
		]);
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toMatchObject({ deliveries: 3, delivered: 3, failed: 0 });
		expect(sink.requests).toHaveLength(3);
		expect(new Set(sink.requests.map((r) => r.body.uuid)).size).toBe(3);
		expect(sink.requests[0].headers['x-s']).toBe('v');
	});

	test('sync-cohort sends entering and leaving batches; a refusing receiver exits 1', async () => {
		sink = await receiver((request) => ({ status: request.body.in_cohort ? 200 : 401 }));
		const { code, stdout } = await run([
			'sync-cohort',
			'--to',
			sink.url,
			'--cohort-id',
			'c9',
			'--members',
			'u1,u2',
			'--left',
			'u3',
			'--retry-scale',
			'0.0001',
		]);
		expect(code).toBe(1);
		const summary = JSON.parse(stdout);
		expect(summary).toMatchObject({ deliveries: 2, delivered: 1, failed: 1 });
		expect(summary.messageIds).toEqual([
			expect.stringMatching(/::enter::0$/),
			expect.stringMatching(/::exit::0$/),
		]);
		expect(sink.requests[0].body.users.map((u) => u.user_id)).toEqual(['u1', 'u2']);
		expect(sink.requests[1].body.users.map((u) => u.user_id)).toEqual(['u3']);
		expect(sink.requests.filter((r) => r.body.in_cohort === false)).toHaveLength(9);
	});

	test('serving with --stream-to streams what it ingests', async () => {
		sink = await receiver();
		const child = spawn(process.execPath, [
			CLI,
			'--port',
			'0',
			'--stream-to',
			sink.url,
			'--header',
			'X-S: v',
		]);
		try {
			const url = await new Promise((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (d) => {
					out += d;
					const match = /listening on (http:\/\/\S+)/.exec(out);
					if (match) resolve(match[1]);
				});
				child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
			});
			await fetch(`${url}/2/httpapi`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ api_key: 'local-api-key', events: [event({ insert_id: 'cli-1' })] }),
			});
			for (let i = 0; i < 50 && sink.requests.length === 0; i++)
				await new Promise((resolve) => setTimeout(resolve, 20));
			expect(sink.requests.map((r) => [r.body.$insert_id, r.headers['x-s']])).toEqual([
				['cli-1', 'v'],
			]);
		} finally {
			child.kill('SIGTERM');
		}
	});
});
