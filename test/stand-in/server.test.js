'use strict';

const path = require('node:path');
const { spawn } = require('node:child_process');
const { createAmplitudeServer } = require('../support/amplitude-server');
const { API_KEY, useServer, sendEvents, getApi, basic, event } = require('./helpers');

const ctx = useServer();

describe('server lifecycle and bookkeeping', () => {
	test('start() resolves the loopback base URL; url reflects it', () => {
		expect(ctx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(ctx.server.url).toBe(ctx.url);
	});

	test('servers in one process keep separate state', async () => {
		const other = createAmplitudeServer({ apiKey: 'other-key' });
		const otherUrl = await other.start();
		try {
			other.faults.set([{ kind: 'status', status: 500 }]);
			expect((await sendEvents(ctx.url, [event()])).status).toBe(200);
			expect((await sendEvents(otherUrl, [event()])).status).toBe(500);
			expect(ctx.server.store.events).toHaveLength(1);
			expect(other.store.events).toHaveLength(0);
		} finally {
			await other.stop();
		}
		expect(other.url).toBeNull();
	});

	test('store.requests logs method, path, headers, size, body and status', async () => {
		await sendEvents(ctx.url, [event()]);
		await getApi(ctx.url, '/api/2/events/list');
		const [post, get] = ctx.server.store.requests;
		expect(post).toMatchObject({
			method: 'POST',
			path: '/2/httpapi',
			status: 200,
			ts: ctx.clock.now,
			bodyBytes: expect.any(Number),
		});
		expect(JSON.parse(post.body).api_key).toBe(API_KEY);
		expect(post.headers['content-type']).toBe('application/json');
		expect(get).toMatchObject({ method: 'GET', path: '/api/2/events/list', status: 200 });
	});

	test('reset() empties the store and the faults', async () => {
		ctx.server.faults.set([{ kind: 'status', status: 500, path: '/batch' }]);
		await sendEvents(ctx.url, [event(), event()]);
		ctx.server.reset();
		expect(ctx.server.store).toMatchObject({
			events: [],
			identifies: [],
			groupIdentifies: [],
			duplicates: 0,
			requests: [],
		});
		expect((await sendEvents(ctx.url, [event()], { path: '/batch' })).status).toBe(200);
	});

	test('seed() stores valid events without HTTP and throws on invalid ones', () => {
		expect(ctx.server.seed([event(), event()])).toHaveLength(2);
		expect(() => ctx.server.seed([event({ time: 'soon' })])).toThrow(/invalid events/);
	});

	test('wrong methods and unknown paths answer 404', async () => {
		const res = await fetch(`${ctx.url}/2/httpapi`);
		expect([res.status, await res.json()]).toEqual([
			404,
			{ code: 404, error: 'Invalid request path' },
		]);
		expect(
			(
				await fetch(`${ctx.url}/api/2/users`, {
					method: 'POST',
					headers: { Authorization: basic() },
				})
			).status,
		).toBe(404);
	});

	test('stop() also ends requests waiting in a slow fault', async () => {
		const server = createAmplitudeServer({ apiKey: API_KEY });
		const url = await server.start();
		server.faults.set([{ kind: 'slow', delayMs: 60_000 }]);
		const pending = expect(sendEvents(url, [event()])).rejects.toThrow();
		await new Promise((resolve) => setTimeout(resolve, 50));
		await server.stop();
		await pending;
	});
});

describe('cli.js', () => {
	const CLI = path.join(__dirname, '../support/amplitude-server/cli.js');

	function runCli(args) {
		const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		const url = new Promise((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk) => {
				out += chunk;
				const match = /Amplitude stand-in listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
				if (match) resolve(match[1]);
			});
			child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
		});
		const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		return { child, url, exited };
	}

	test('prints its URL, serves with the given keys and demo data, and stops on SIGTERM', async () => {
		const { child, url, exited } = runCli([
			'--port',
			'0',
			'--api-key',
			'cli-key',
			'--secret-key',
			'cli-secret',
			'--seed',
		]);
		try {
			const base = await url;
			const list = await getApi(base, '/api/2/events/list', {}, basic('cli-key', 'cli-secret'));
			expect(list.json.data.map((e) => e.value)).toEqual(['Open App', 'Purchase', 'Sign Up']);
			const res = await fetch(`${base}/2/httpapi`, {
				method: 'POST',
				body: JSON.stringify({ api_key: 'cli-key', events: [event()] }),
			});
			expect(res.status).toBe(200);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	});

	test('defaults to local-api-key / local-secret-key and stops on SIGINT', async () => {
		const { child, url, exited } = runCli(['--port', '0']);
		try {
			const res = await getApi(
				await url,
				'/api/2/events/list',
				{},
				basic('local-api-key', 'local-secret-key'),
			);
			expect(res.json).toEqual({ data: [] });
		} finally {
			child.kill('SIGINT');
		}
		expect(await exited).toBe(0);
	});
});
