// Times scenarios side by side in one process against one sink: each scenario is warmed up once
// (n8n runs in a long-lived process, so JIT-cold numbers would mostly measure V8), then the
// scenarios take turns, round after round, so a slow spell of the machine falls on all of them
// alike. Prints one JSON line per measured run, with the process's CPU time (all its threads,
// garbage collection included) while the node executes, or while the floor posts. The sink
// starts afresh before every run, and after it must hold exactly the run's events, each once.
// Usage: node scripts/bench/timing.js <events> <sink url> <scenario>:<rounds> ...
const { scenarios } = require('./scenarios');
const { resetSink } = require('./sinkProcess');

// (d) reads parameters only; every other scenario delivers each event once.
const SENDS_NOTHING = new Set(['d']);

const [countText, url, ...plan] = process.argv.slice(2);
const count = Number(countText);
const rounds = plan.map((entry) => {
	const [scenario, times] = entry.split(':');
	return { scenario, times: Number(times) };
});

(async () => {
	for (const { scenario } of rounds) await scenarios[scenario](Math.min(count, 1000), url);
	const most = Math.max(...rounds.map((entry) => entry.times));
	for (let round = 1; round <= most; round++) {
		for (const { scenario, times } of rounds) {
			if (round > times) continue;
			await resetSink(url);
			const { ms, cpuMs, requests } = await scenarios[scenario](count, url);
			const sunk = await resetSink(url);
			const expected = SENDS_NOTHING.has(scenario) ? 0 : count;
			if (sunk.events !== expected || sunk.duplicates !== 0 || sunk.rejected !== 0) {
				throw new Error(
					`${scenario} at ${count} events: the sink got ${JSON.stringify(sunk)}, expected ${expected} events once each`,
				);
			}
			console.log(JSON.stringify({ scenario, count, round, ms, cpuMs, requests }));
		}
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
