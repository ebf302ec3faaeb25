// npm run bench: Send Event with 1,000, 10,000 and 100,000 items, side by side against the same
// minimal sink (scripts/bench/sink.js, a process of its own): (a) the node with expressions,
// (b) the node with auto-mapped items, (c) the floor script, (d) n8n's own per-item parameter
// cost, (e) one request per item, (f) the floor's batches posted through n8n's request helper one
// at a time, (g) the same as many at once as the node sends, (h) as (g), serializing each batch
// as it posts it (what any node pays to serialize and send the items). Times come from timing.js (the
// scenarios take turns in one process), peak memory from memory.js (one process per scenario).
// BENCH_SIZES=1000,10000 limits the sizes; BENCH_E_MAX (default 10000) the sizes (e) runs at.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { cpus } = require('node:os');
const { BATCH_SIZE } = require('./data');
const { LABELS } = require('./scenarios');
const { withSink } = require('./sinkProcess');
const { median } = require('./stats');

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const E_MAX = Number(process.env.BENCH_E_MAX ?? 10000);
// Rounds per size: many where runs are short and noisy, few where (d) alone takes 40 s.
const ROUNDS = {
	1000: { main: 15, slow: 5 },
	10000: { main: 31, slow: 3 },
	100000: { main: 11, slow: 1 },
};

function node(script, args) {
	const out = execFileSync(process.execPath, [join(__dirname, script), ...args], {
		encoding: 'utf8',
		maxBuffer: 1 << 24,
	});
	return out
		.trim()
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line));
}

const mb = (bytes) => (bytes / 1048576).toFixed(0);
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

(async () => {
	const timeRows = [];
	const ratioRows = [];
	const memoryRows = [];
	for (const count of SIZES) {
		const rounds = ROUNDS[count] ?? ROUNDS[10000];
		const plan = ['c', 'b', 'f', 'g', 'h', 'a'].map((scenario) => `${scenario}:${rounds.main}`);
		plan.push(`d:${rounds.slow}`);
		if (count <= E_MAX) plan.push(`e:${rounds.slow}`);
		const runs = await withSink((url) => node('timing.js', [String(count), url, ...plan]));
		const by = (scenario) => runs.filter((run) => run.scenario === scenario);
		const medianMs = (scenario) => median(by(scenario).map((run) => run.ms));
		for (const scenario of ['a', 'b', 'c', 'f', 'g', 'h', 'd', 'e']) {
			const own = by(scenario);
			if (own.length === 0) continue;
			const times = own.map((run) => run.ms);
			const requests =
				scenario === 'e' ? count : scenario === 'd' ? 0 : Math.ceil(count / BATCH_SIZE);
			const cpuPerThousand = (median(own.map((run) => run.cpuMs)) / count) * 1000;
			timeRows.push(
				`| ${count} | ${LABELS[scenario]} | ${own.length} | ${fixed(medianMs(scenario) / 1000, 3)} | ${fixed(Math.min(...times) / 1000, 3)}–${fixed(Math.max(...times) / 1000, 3)} | ${Math.round(count / (medianMs(scenario) / 1000))} | ${requests} | ${fixed(cpuPerThousand, 1)} |`,
			);
		}
		// Ratios paired by round: the scenarios of a round ran one right after the other.
		const pairedWith = (floorScenario, scenario = 'b') =>
			by(scenario).map(
				(run) => run.ms / by(floorScenario).find((other) => other.round === run.round).ms,
			);
		const range = (ratios) =>
			`${fixed(median(ratios))} (${fixed(Math.min(...ratios))}–${fixed(Math.max(...ratios))})`;
		const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(medianMs);
		ratioRows.push(
			`| ${count} | ${range(pairedWith('c'))} | ${range(pairedWith('f'))} | ${range(pairedWith('g'))} | ${range(pairedWith('c', 'g'))} | ${range(pairedWith('c', 'h'))} | ${range(pairedWith('h'))} | ${fixed(a / (c + d))} | ${fixed(e / a, 1)} | ${fixed(e / b, 1)} |`,
		);
		for (const scenario of ['b', 'a', 'c']) {
			const [usage] = await withSink((url) => node('memory.js', [scenario, String(count), url]));
			memoryRows.push(
				`| ${count} | ${LABELS[scenario]} | ${mb(usage.peakRss)} | ${mb(usage.peakRss - usage.baselineRss)} |`,
			);
		}
	}
	console.log(
		`Send Event benchmark, batch size ${BATCH_SIZE}, Node ${process.version}, ${cpus().length} cores\n`,
	);
	console.log(
		'| events | scenario | runs | median s | min–max s | events/s | requests | CPU ms per 1000 events |',
	);
	console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
	timeRows.forEach((row) => console.log(row));
	console.log(
		'\n| events | b / c, median of rounds (range) | b / f | b / g | g / c | h / c | b / h | a / (c + d) | e / a | e / b |',
	);
	console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
	ratioRows.forEach((row) => console.log(row));
	console.log('\n| events | scenario | peak RSS MB | RSS over baseline MB |');
	console.log('| ---: | --- | ---: | ---: |');
	memoryRows.forEach((row) => console.log(row));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
