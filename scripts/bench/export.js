// npm run bench:export: Event → Export against the local stand-in (scripts/bench/exportStandIn.js,
// a process of its own that builds the zips), each run beside a floor into the same sink
// (scripts/bench/exportFloor.js), every run in a process of its own (exportRun.js):
//   binary: 1,000,000 events streamed into n8n's binary data (filesystem mode); peak RSS over the
//           baseline after a warm-up. Target: at most 150 MB.
//   items:  100,000 events as items; node time = n8n's executionTime of the step. Target: ≤ 2 s.
// BENCH_ROUNDS (default 2) rounds of each; BENCH_ITEMS / BENCH_BINARY change the event counts.
const { execFileSync, spawn } = require('node:child_process');
const { join } = require('node:path');
const { cpus } = require('node:os');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const BINARY = Number(process.env.BENCH_BINARY ?? 1_000_000);
const RANGES = { items: ['20261101T01', '20261101T01'], binary: ['20261101T02', '20261101T11'] };
const TARGETS = { binaryOverMb: 150, itemsMs: 2000 };
const AUTH = `Basic ${Buffer.from('bench-api-key:bench-secret-key').toString('base64')}`;

const mb = (bytes) => bytes / 1024 / 1024;
const fixed = (n, digits = 1) => n.toFixed(digits);

function startStandIn() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(__dirname, 'exportStandIn.js')], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, BENCH_ITEMS: String(ITEMS), BENCH_BINARY: String(BINARY) },
		});
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
	});
}

/** Has the stand-in build (and keep) each zip once, so the runs measure only the download. */
async function buildZips(url) {
	const sizes = {};
	for (const [mode, [start, end]] of Object.entries({
		warmUp: ['20261101T00', '20261101T00'],
		...RANGES,
	})) {
		const started = Date.now();
		const res = await fetch(`${url}/api/2/export?start=${start}&end=${end}`, {
			headers: { authorization: AUTH },
		});
		if (res.status !== 200) throw new Error(`stand-in export ${mode}: ${res.status}`);
		sizes[mode] = (await res.arrayBuffer()).byteLength;
		console.log(
			`  stand-in built the ${mode} zip: ${fixed(mb(sizes[mode]))} MB in ${fixed((Date.now() - started) / 1000)} s`,
		);
	}
	return sizes;
}

function run(variant, mode, url) {
	const out = execFileSync(
		process.execPath,
		[join(__dirname, 'exportRun.js'), variant, mode, url, ...RANGES[mode]],
		{ encoding: 'utf8', maxBuffer: 1 << 24 },
	);
	return JSON.parse(
		out
			.trim()
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.pop(),
	);
}

(async () => {
	console.log(
		`Event → Export benchmark: Node ${process.version}, ${cpus().length} cores, ${ROUNDS} rounds; setting up the stand-in (about 2 minutes for a million events) …`,
	);
	const standIn = await startStandIn();
	try {
		const sizes = await buildZips(standIn.url);
		const rows = { binary: [], items: [] };
		for (let round = 1; round <= ROUNDS; round++) {
			for (const mode of ['binary', 'items']) {
				const floor = run('floor', mode, standIn.url);
				const node = run('node', mode, standIn.url);
				const expected = mode === 'binary' ? 1 : ITEMS;
				for (const r of [floor, node]) {
					if (r.items !== expected)
						throw new Error(`${r.variant} ${mode}: ${r.items} items, not ${expected}`);
					if (mode === 'binary' && r.bytes !== sizes.binary)
						throw new Error(`${r.variant}: stored ${r.bytes} bytes, not ${sizes.binary}`);
				}
				rows[mode].push({ round, floor, node });
			}
		}

		console.log(
			`\nbinary: ${BINARY.toLocaleString('en')} events, a ${fixed(mb(sizes.binary))} MB zip, into n8n's binary data (filesystem)`,
		);
		console.log(
			'  round | floor: peak RSS over baseline | node: peak RSS over baseline | node / floor | node wall, CPU',
		);
		for (const { round, floor, node } of rows.binary) {
			const over = (r) => mb(r.peakRss - r.baselineRss);
			console.log(
				`  ${round}     | ${fixed(over(floor)).padStart(7)} MB (peak ${fixed(mb(floor.peakRss), 0)} MB)  | ${fixed(over(node)).padStart(7)} MB (peak ${fixed(mb(node.peakRss), 0)} MB) | ${fixed(over(node) / Math.max(over(floor), 0.1), 2).padStart(5)}        | ${node.wallMs} ms, ${node.cpuMs} ms (floor ${floor.wallMs} ms, ${floor.cpuMs} ms)`,
			);
		}
		console.log(
			`\nitems: ${ITEMS.toLocaleString('en')} events, a ${fixed(mb(sizes.items))} MB zip, one item per event`,
		);
		console.log(
			'  round | floor: node time | node: node time | node / floor | node CPU (floor CPU), peak RSS over baseline node (floor)',
		);
		for (const { round, floor, node } of rows.items) {
			console.log(
				`  ${round}     | ${String(floor.executionTimeMs).padStart(7)} ms       | ${String(node.executionTimeMs).padStart(7)} ms      | ${fixed(node.executionTimeMs / floor.executionTimeMs, 2).padStart(5)}        | ${node.cpuMs} ms (${floor.cpuMs} ms), ${fixed(mb(node.peakRss - node.baselineRss), 0)} MB (${fixed(mb(floor.peakRss - floor.baselineRss), 0)} MB)`,
			);
		}
		const worstOver = Math.max(
			...rows.binary.map(({ node }) => mb(node.peakRss - node.baselineRss)),
		);
		const worstMs = Math.max(...rows.items.map(({ node }) => node.executionTimeMs));
		console.log(
			`\ntargets: binary peak RSS over baseline ≤ ${TARGETS.binaryOverMb} MB: ${worstOver <= TARGETS.binaryOverMb ? 'met' : 'MISSED'} (worst ${fixed(worstOver)} MB); items ≤ ${TARGETS.itemsMs} ms of node time: ${worstMs <= TARGETS.itemsMs ? 'met' : 'MISSED'} (worst ${worstMs} ms)`,
		);
	} finally {
		standIn.stop();
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
