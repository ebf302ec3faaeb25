// npm run bench: Send Event with 1,000, 10,000 and 100,000 items to the local Amplitude stand-in
// over real HTTP, side by side: (a) node with expressions, (b) node with auto-mapped input,
// (c) floor script, (d) n8n's own per-item parameter cost, (e) one request per item.
// Each scenario runs in its own process (for its own peak RSS) against a fresh stand-in process.
const { execFileSync, spawn } = require('node:child_process');
const { join } = require('node:path');
const { BATCH_SIZE } = require('./data');

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const E_MAX = Number(process.env.BENCH_E_MAX ?? 10000); // (e) takes one request per event: skipped above this
const LABELS = {
	a: '(a) node, expressions',
	b: '(b) node, auto-map',
	c: '(c) floor script',
	d: '(d) n8n parameter cost',
	e: '(e) request per item',
};

function startStandIn() {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[join(__dirname, '../../test/support/amplitude-server/cli.js'), '--port', '0'],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
	});
}

async function measure(scenario, count) {
	const standIn = await startStandIn();
	try {
		const out = execFileSync(
			process.execPath,
			[join(__dirname, 'scenario.js'), scenario, String(count), standIn.url],
			{ encoding: 'utf8', maxBuffer: 1 << 24 },
		);
		return JSON.parse(out.trim().split('\n').pop());
	} finally {
		standIn.stop();
	}
}

const mb = (bytes) => (bytes / 1048576).toFixed(0);
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

(async () => {
	const rows = [];
	const checks = [];
	for (const count of SIZES) {
		const results = {};
		for (const scenario of ['a', 'b', 'c', 'd', 'e']) {
			if (scenario === 'e' && count > E_MAX) continue;
			results[scenario] = await measure(scenario, count);
			const r = results[scenario];
			rows.push(
				`| ${count} | ${LABELS[scenario]} | ${fixed(r.ms / 1000, 3)} | ${Math.round(count / (r.ms / 1000))} | ${r.requests ?? (scenario === 'e' ? count : scenario === 'd' ? 0 : Math.ceil(count / BATCH_SIZE))} | ${mb(r.peakRss)} | ${mb(r.peakRss - r.baselineRss)} |`,
			);
		}
		const { a, b, c, d, e } = results;
		checks.push(
			`| ${count} | ${fixed(b.ms / c.ms)} | ${fixed(a.ms / (c.ms + d.ms))} | ${e ? fixed(e.ms / a.ms, 1) : 'n/a'} | ${e ? fixed(e.ms / b.ms, 1) : 'n/a'} | ${mb(b.peakRss - b.baselineRss)} |`,
		);
	}
	console.log(
		`Send Event benchmark, batch size ${BATCH_SIZE}, Node ${process.version}, ${require('node:os').cpus().length} cores\n`,
	);
	console.log(
		'| events | scenario | wall s | events/s | requests | peak RSS MB | RSS over baseline MB |',
	);
	console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
	rows.forEach((row) => console.log(row));
	console.log(
		'\n| events | b / c (target ≤ 1.5) | a / (c + d) (target ≤ 1.2) | e / a (target ≥ 10) | e / b (target ≥ 50) | (b) RSS over baseline MB (target ≤ 300 at 100k) |',
	);
	console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
	checks.forEach((row) => console.log(row));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
