// npm run bench:cohorts: the data-lifecycle operations at scale, against the stand-in.
//
// 1. Cohort → Get Members, Output Format Binary, on a cohort of BENCH_MEMBERS (1,000,000) members:
//    peak RSS over the baseline, side by side with a floor. The stand-in runs in a process of its
//    own and serves the file as Amplitude does for a large cohort: a 302 to a storage path, gzip
//    bytes without Content-Encoding. Each scenario runs in its own process: a warm-up download of
//    10,000 members, then the measured one; peak RSS (getrusage) minus RSS after the warm-up.
//      node:  the node through n8n's engine (request, poll, the file without credentials,
//             gunzip, n8n's binary data);
//      floor: a stub node that streams the same storage URL through n8n's request helper and
//             zlib's gunzip into the same sink, n8n's binary data (filesystem mode), and no more.
//    BENCH_ROUNDS (3) rounds, the scenarios taking turns.
// 2. User → Delete of BENCH_DELETE_USERS (10,000) users: the requests the stand-in received (one
//    per 100 users) and the spacing between them, which Amplitude's rate limit (one a second)
//    sets. The stand-in answers 429 to a request less than 1000 ms after the one before, so any
//    pacing fault shows as extra requests.
//
// Internal modes: `--server` (the stand-in process), `--measure <node|floor> <url> <storage URLs>`.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { median } = require('./stats');

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const WARM_MEMBERS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DELETE_USERS = Number(process.env.BENCH_DELETE_USERS ?? 10_000);
const TARGET_MB = 150;
const MB = 1024 * 1024;
const KEYS = { apiKey: 'bench-api-key', secretKey: 'bench-secret-key' };
const BASIC = `Basic ${Buffer.from(`${KEYS.apiKey}:${KEYS.secretKey}`).toString('base64')}`;

// ---- the stand-in process --------------------------------------------------------------------

async function server() {
	const { createAmplitudeServer } = require('../../test/support/amplitude-server');
	const standIn = createAmplitudeServer({ ...KEYS, cohortJobPolls: 0 });
	standIn.cohorts.addSynthetic({ id: 'warm', size: WARM_MEMBERS });
	standIn.cohorts.addSynthetic({ id: 'bench', size: MEMBERS });
	const url = await standIn.start(0);
	console.log(`listening on ${url}`);
	process.once('SIGTERM', () => standIn.stop().then(() => process.exit(0)));
}

function startServer() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [__filename, '--server'], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.on('error', reject);
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
	});
}

/** A fresh storage URL for a cohort's file (the three steps, as a floor needs no node for them). */
async function storageUrl(url, cohortId) {
	const get = (p, init = {}) => fetch(`${url}${p}`, { headers: { Authorization: BASIC }, ...init });
	const { request_id } = await (await get(`/api/5/cohorts/request/${cohortId}`)).json();
	await get(`/api/5/cohorts/request-status/${request_id}`);
	const file = await get(`/api/5/cohorts/request/${request_id}/file`, { redirect: 'manual' });
	return file.headers.get('location');
}

// ---- one measured scenario, in its own process -------------------------------------------------

/** The floor: one streamed GET of the storage URL, gunzipped by zlib, into n8n's binary data. */
class FloorDownload {
	description = {
		displayName: 'Floor Download',
		name: 'floorDownload',
		version: 1,
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute() {
		const response = await this.helpers.httpRequest({
			url: this.getNodeParameter('url', 0),
			encoding: 'stream',
			returnFullResponse: true,
		});
		const csv = response.body.pipe(zlib.createGunzip());
		const data = await this.helpers.prepareBinaryData(csv, 'cohort.csv', 'text/csv');
		return [[{ json: { bytes: data.bytes }, binary: { data }, pairedItem: { item: 0 } }]];
	}
}

async function measure(scenario, url, warmUrl, mainUrl) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cohorts-'));
	const { runAmplitude, customCredentials } = require('../../test/support/harness');
	// n8n's binary data in filesystem mode, as a regular n8n instance has it: files stream to disk.
	const core = require('n8n-core');
	const { Container } = require(
		require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }),
	);
	await Container.get(core.BinaryDataService).init();

	const run = async (cohortId, storage) => {
		const started = Date.now();
		const result =
			scenario === 'node'
				? await runAmplitude({
						parameters: {
							resource: 'cohort',
							operation: 'getMembers',
							cohortId,
							options: { outputFormat: 'binary' },
						},
						credentials: customCredentials(url, KEYS),
					})
				: await runAmplitude({ parameters: { url: storage }, node: new FloorDownload() });
		if (result.status !== 'success') throw new Error(`${scenario}: ${result.error?.message}`);
		return { ms: Date.now() - started, bytes: result.output[0].binary.data.bytes };
	};
	await run('warm', warmUrl);
	const baselineRss = process.memoryUsage().rss;
	const { ms, bytes } = await run('bench', mainUrl);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	console.log(JSON.stringify({ scenario, baselineRss, peakRss, ms, bytes }));
}

function runMeasure(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [__filename, '--measure', ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('close', (code) => {
			const line = out.trim().split('\n').pop();
			if (code !== 0) reject(new Error(`measure ${args[0]} exited ${code}: ${out}`));
			else resolve(JSON.parse(line));
		});
	});
}

// ---- the report --------------------------------------------------------------------------------

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const range = (values, format) => `${format(Math.min(...values))} … ${format(Math.max(...values))}`;

async function memberDownload(url) {
	console.log(
		`\n1. Cohort → Get Members (binary) of ${MEMBERS.toLocaleString('en-US')} members, ${ROUNDS} rounds (${os.cpus().length} cores, Node ${process.version})`,
	);
	const results = { node: [], floor: [] };
	for (let round = 1; round <= ROUNDS; round++) {
		for (const scenario of ['floor', 'node']) {
			const urls =
				scenario === 'floor'
					? [await storageUrl(url, 'warm'), await storageUrl(url, 'bench')]
					: ['', ''];
			const result = await runMeasure([scenario, url, ...urls]);
			result.overMb = (result.peakRss - result.baselineRss) / MB;
			results[scenario].push(result);
			console.log(
				`   round ${round} ${scenario.padEnd(5)}: peak RSS ${mb(result.peakRss)}, over baseline ${result.overMb.toFixed(1)} MB, ${(result.ms / 1000).toFixed(1)} s, ${mb(result.bytes)} of CSV stored`,
			);
		}
	}
	const over = (scenario) => results[scenario].map((r) => r.overMb);
	const seconds = (scenario) => results[scenario].map((r) => r.ms / 1000);
	const nodeOver = median(over('node'));
	const floorOver = median(over('floor'));
	console.log('\n   scenario | peak RSS over baseline (median, range) | time (median, range)');
	for (const scenario of ['node', 'floor']) {
		console.log(
			`   ${scenario.padEnd(8)} | ${nodeOrFloor(scenario, over)} | ${median(seconds(scenario)).toFixed(1)} s (${range(seconds(scenario), (s) => `${s.toFixed(1)} s`)})`,
		);
	}
	console.log(
		`   node − floor: ${(nodeOver - floorOver).toFixed(1)} MB; node: ${nodeOver.toFixed(1)} MB over baseline, target ≤ ${TARGET_MB} MB: ${nodeOver <= TARGET_MB ? 'met' : 'NOT MET'}`,
	);
	return nodeOver <= TARGET_MB;
}

function nodeOrFloor(scenario, over) {
	const values = over(scenario);
	return `${median(values).toFixed(1)} MB (${range(values, (v) => v.toFixed(1))})`;
}

async function deletions() {
	console.log(
		`\n2. User → Delete of ${DELETE_USERS.toLocaleString('en-US')} users (≥ ${Math.ceil(DELETE_USERS / 100) - 1} s: one request a second)`,
	);
	process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cohorts-'));
	const { createAmplitudeServer } = require('../../test/support/amplitude-server');
	const { runAmplitude, customCredentials } = require('../../test/support/harness');
	const standIn = createAmplitudeServer(KEYS);
	const url = await standIn.start(0);
	try {
		const now = Date.now();
		standIn.seed(
			Array.from({ length: DELETE_USERS }, (_, i) => ({
				event_type: 'Open App',
				user_id: `bench-user-${i}`,
				time: now,
			})),
		);
		standIn.store.requests.length = 0;
		const started = Date.now();
		const result = await runAmplitude({
			items: Array.from({ length: DELETE_USERS }, (_, i) => ({ id: `bench-user-${i}` })),
			parameters: { resource: 'user', operation: 'delete', id: '={{ $json.id }}' },
			credentials: customCredentials(url, KEYS),
		});
		const ms = Date.now() - started;
		const requests = standIn.store.requests.filter((r) => r.path === '/api/2/deletions/users');
		const gaps = requests.slice(1).map((r, i) => r.ts - requests[i].ts);
		const scheduled = result.output.filter((item) => item.json.success === true).length;
		const throttled = requests.filter((r) => r.status === 429).length;
		const expected = Math.ceil(DELETE_USERS / 100);
		console.log(
			`   requests: ${requests.length} (the rate limit allows ${expected}: 100 users each); answered 429: ${throttled}`,
		);
		console.log(`   users scheduled: ${scheduled} of ${DELETE_USERS}; run status ${result.status}`);
		console.log(
			`   spacing between requests: min ${Math.min(...gaps)} ms, median ${median(gaps)} ms, max ${Math.max(...gaps)} ms; whole run ${(ms / 1000).toFixed(1)} s (the limit's least: ${expected - 1} s)`,
		);
		return requests.length === expected && throttled === 0 && scheduled === DELETE_USERS;
	} finally {
		await standIn.stop();
	}
}

async function main() {
	const standIn = await startServer();
	let ok;
	try {
		ok = await memberDownload(standIn.url);
	} finally {
		standIn.stop();
	}
	ok = (await deletions()) && ok;
	process.exitCode = ok ? 0 : 1;
}

const [mode, ...args] = process.argv.slice(2);
const task = mode === '--server' ? server() : mode === '--measure' ? measure(...args) : main();
task.catch((error) => {
	console.error(error);
	process.exit(1);
});
