// This build's Send Event (auto-mapped, scenario (b)) against another build's, taking turns in one
// process against one fresh minimal sink, so a slow spell of the machine falls on both alike.
// Prints the medians of the per-round ratios this / other, for the node's time as n8n records it
// and for the process's CPU time while the node runs.
//   npm run build
//   git worktree add /tmp/other <commit> && ln -s "$PWD/node_modules" /tmp/other/ && (cd /tmp/other && npm run build)
//   node scripts/bench/compareBuilds.js /tmp/other/dist [events, default 10000] [rounds, default 41]
const { resolve } = require('node:path');
const { eventsFor } = require('./data');
const { autoMapParameters, throughEngine } = require('./scenarios');
const { resetSink, withSink } = require('./sinkProcess');
const { median } = require('./stats');

const [otherDist, countText = '10000', roundsText = '41'] = process.argv.slice(2);
if (!otherDist)
	throw new Error('Usage: node scripts/bench/compareBuilds.js <other dist> [events] [rounds]');
const COUNT = Number(countText);
const ROUNDS = Number(roundsText);
const nodeOf = (dist) => require(resolve(dist, 'nodes/Amplitude/Amplitude.node')).Amplitude;
const builds = { this: nodeOf(resolve(__dirname, '../../dist')), other: nodeOf(otherDist) };

/** One run of a build's node (a new execution, so new insert_ids), checked against the sink. */
async function run(url, build, count) {
	await resetSink(url);
	const result = await throughEngine(url, autoMapParameters, new builds[build](), eventsFor(count));
	const sunk = await resetSink(url);
	if (sunk.events !== count || sunk.duplicates !== 0) {
		throw new Error(
			`${build}: the sink got ${JSON.stringify(sunk)}, expected ${count} events once each`,
		);
	}
	return result;
}

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
