// This build's Send Event (auto-mapped, scenario (b)) against another build's, taking turns in one
// process against one fresh minimal sink, so a slow spell of the machine falls on both alike.
// Prints the medians of the per-round ratios this / other, for the node's time as n8n records it
// and for the process's CPU time while the node runs.
//   npm run build
//   git worktree add /tmp/other <commit> && ln -s "$PWD/node_modules" /tmp/other/ && (cd /tmp/other && npm run build)
//   node scripts/bench/compareBuilds.js /tmp/other/dist [events, default 10000] [rounds, default 41]
const { resolve } = require('node:path');
const { runAmplitude, customCredentials } = require('../../test/support/harness');
const { eventsFor } = require('./data');
const { autoMapParameters } = require('./scenarios');
const { withSink } = require('./sinkProcess');

const [otherDist, countText = '10000', roundsText = '41'] = process.argv.slice(2);
if (!otherDist)
	throw new Error('Usage: node scripts/bench/compareBuilds.js <other dist> [events] [rounds]');
const COUNT = Number(countText);
const ROUNDS = Number(roundsText);
const nodeOf = (dist) => require(resolve(dist, 'nodes/Amplitude/Amplitude.node')).Amplitude;
const builds = { this: nodeOf(resolve(__dirname, '../../dist')), other: nodeOf(otherDist) };

let runNumber = 0;
/** One run of a build's node: its time as n8n records it and the CPU time while it executes. */
async function run(url, build, count) {
	const node = new builds[build]();
	const execute = node.execute;
	let cpuMs = 0;
	node.execute = async function () {
		const before = process.cpuUsage();
		try {
			return await execute.call(this);
		} finally {
			const { user, system } = process.cpuUsage(before);
			cpuMs = (user + system) / 1000;
		}
	};
	const reset = async () => await (await fetch(`${url}/reset`, { method: 'POST' })).json();
	await reset();
	// A new execution ID per run: new insert_ids, so the sink's deduplication never helps.
	const result = await runAmplitude({
		items: eventsFor(count),
		parameters: autoMapParameters,
		credentials: customCredentials(url),
		node,
		executionId: `compare-${++runNumber}`,
	});
	const sunk = await reset();
	if (result.status !== 'success' || sunk.events !== count || sunk.duplicates !== 0) {
		throw new Error(`${build}: run ${result.status}, the sink got ${JSON.stringify(sunk)}`);
	}
	return { ms: result.run.data.resultData.runData.Amplitude[0].executionTime, cpuMs };
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

withSink(async (url) => {
	for (const build of ['this', 'other']) {
		for (let warmUp = 0; warmUp < 3; warmUp++) await run(url, build, Math.min(COUNT, 10000));
	}
	const rounds = [];
	for (let round = 0; round < ROUNDS; round++) {
		const results = {};
		// Alternate which build goes first.
		for (const build of round % 2 ? ['this', 'other'] : ['other', 'this'])
			results[build] = await run(url, build, COUNT);
		rounds.push(results);
	}
	const ratio = (field) => median(rounds.map((each) => each.this[field] / each.other[field]));
	const of = (build, field) => median(rounds.map((each) => each[build][field])).toFixed(0);
	console.log(
		`${COUNT} events, ${ROUNDS} rounds: this / other ${ratio('ms').toFixed(3)} (time), ${ratio('cpuMs').toFixed(3)} (CPU); ` +
			`median ms ${of('this', 'ms')} and ${of('other', 'ms')}, CPU ms ${of('this', 'cpuMs')} and ${of('other', 'cpuMs')}`,
	);
}).catch((error) => {
	console.error(error);
	process.exit(1);
});
