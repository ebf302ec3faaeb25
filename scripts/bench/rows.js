// npm run bench:rows: the rows output (Options → Output Format: Rows) of a 365-day daily chart with
// 1,000 group-by values, 365,000 rows, through n8n's engine, side by side with two floors
// (rowsScenarios.js): the same rows built by a minimal node from the same answer, and as many
// trivial items from a minimal node. The chart comes from chartServer.js, a process of its own.
// Times: every scenario warmed up once at full size, then the scenarios take turns, round after
// round, in one process (so a slow spell of the machine falls on all alike); ratios are medians of
// the per-round ratios. Memory: one process per scenario, peak RSS over the RSS after a small
// warm-up and a garbage collection. Target for the node's scenarios: at most 1 s and 300 MB.
// BENCH_ROUNDS (default 7), BENCH_DAYS (365) and BENCH_GROUPS (1000) change the run.
const { execFileSync, spawn } = require('node:child_process');
const { median } = require('./stats');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SIZE = {
	days: Number(process.env.BENCH_DAYS ?? 365),
	groups: Number(process.env.BENCH_GROUPS ?? 1000),
};
const WARM_UP = { days: 7, groups: 10 };
const TARGET = { seconds: 1, megabytes: 300 };
const ORDER = ['t', 'f', 's', 'v'];

const mb = (bytes) => bytes / 1048576;
const fixed = (value, digits = 3) => value.toFixed(digits);

async function timing(url) {
	const { runScenario } = require('./rowsScenarios');
	for (const scenario of ORDER) await runScenario(scenario, SIZE, url);
	for (let round = 1; round <= ROUNDS; round++) {
		for (const scenario of ORDER) {
			const result = await runScenario(scenario, SIZE, url);
			console.log(JSON.stringify({ scenario, round, ...result }));
		}
	}
}

async function memory(scenario, url) {
	const { runScenario } = require('./rowsScenarios');
	await runScenario(scenario, WARM_UP, url);
	global.gc();
	const baselineRss = process.memoryUsage().rss;
	await runScenario(scenario, SIZE, url);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	console.log(JSON.stringify({ scenario, baselineRss, peakRss }));
}

function startServer() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [`${__dirname}/chartServer.js`], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`chart server exited with ${code}`)));
	});
}

function child(args, flags = []) {
	return execFileSync(process.execPath, [...flags, __filename, ...args], {
		encoding: 'utf8',
		maxBuffer: 1 << 24,
		env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
	})
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line));
}

async function main() {
	const { LABELS } = require('./rowsScenarios');
	const server = await startServer();
	let runs;
	let memoryRows;
	try {
		runs = child(['--timing', server.url]);
		memoryRows = ORDER.map(
			(scenario) => child(['--memory', scenario, server.url], ['--expose-gc'])[0],
		);
	} finally {
		server.stop();
	}
	const rows = SIZE.days * SIZE.groups;
	console.log(
		`Rows output of a ${SIZE.days}-day daily chart with ${SIZE.groups} group-by values (${rows.toLocaleString('en')} rows), through n8n's engine; ${ROUNDS} rounds, Node ${process.version}\n`,
	);
	console.log('| scenario | runs | median run s | min–max run s | median node s | rows/s (run) |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
	const by = (scenario) => runs.filter((run) => run.scenario === scenario);
	for (const scenario of ORDER) {
		const own = by(scenario);
		const ms = own.map((run) => run.ms);
		console.log(
			`| ${LABELS[scenario]} | ${own.length} | ${fixed(median(ms) / 1000)} | ${fixed(Math.min(...ms) / 1000)}–${fixed(Math.max(...ms) / 1000)} | ${fixed(median(own.map((run) => run.nodeMs)) / 1000)} | ${Math.round(rows / (median(ms) / 1000))} |`,
		);
	}
	const ratio = (a, b) => {
		const perRound = by(a).map(
			(run) => run.ms / by(b).find((other) => other.round === run.round).ms,
		);
		return `${fixed(median(perRound), 2)} (${fixed(Math.min(...perRound), 2)}–${fixed(Math.max(...perRound), 2)})`;
	};
	console.log('\n| node scenario | / (f) same rows, plain loops | / (t) trivial items |');
	console.log('| --- | ---: | ---: |');
	for (const scenario of ['s', 'v'])
		console.log(`| ${LABELS[scenario]} | ${ratio(scenario, 'f')} | ${ratio(scenario, 't')} |`);

	console.log('\n| scenario | peak RSS MB | RSS over baseline MB |');
	console.log('| --- | ---: | ---: |');
	for (const row of memoryRows)
		console.log(
			`| ${LABELS[row.scenario]} | ${fixed(mb(row.peakRss), 0)} | ${fixed(mb(row.peakRss - row.baselineRss), 0)} |`,
		);

	console.log(
		`\nTarget for the node (at most ${TARGET.seconds} s per run, ${TARGET.megabytes} MB over baseline):`,
	);
	for (const scenario of ['s', 'v']) {
		const seconds = median(by(scenario).map((run) => run.ms)) / 1000;
		const worst = Math.max(...by(scenario).map((run) => run.ms)) / 1000;
		const over = mb(
			memoryRows.find((row) => row.scenario === scenario).peakRss -
				memoryRows.find((row) => row.scenario === scenario).baselineRss,
		);
		const met = seconds <= TARGET.seconds && over <= TARGET.megabytes;
		console.log(
			`  ${LABELS[scenario]}: median ${fixed(seconds)} s (slowest ${fixed(worst)} s), ${fixed(over, 0)} MB: ${met ? 'met' : 'MISSED'}`,
		);
	}
}

const [mode, ...rest] = process.argv.slice(2);
const run =
	mode === '--timing' ? timing(rest[0]) : mode === '--memory' ? memory(rest[0], rest[1]) : main();
run.catch((error) => {
	console.error(error);
	process.exit(1);
});
