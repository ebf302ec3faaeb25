// The node's own work in Send Event (auto-mapped items), apart from n8n's request helper: the
// transport answers every request at once as Amplitude would, so nothing goes over the network
// and what is measured is validation, bodies, insert_ids, order and outputs, through n8n's engine.
// Prints the CPU time per 1000 events of the node's execute (median of the runs after 5 warm-up
// ones); with --profile, where it goes instead: each function's share of self time, from a CPU
// profile (the profiler's own cost would be in the CPU time, so that is not printed then).
//   npm run build && node scripts/bench/ownWork.js [events, default 10000] [runs, default 35] [--profile]
const { Session } = require('node:inspector');
const transport = require('../../dist/nodes/Amplitude/transport/index');
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { autoMapParameters, throughEngine } = require('./scenarios');
const { eventsFor } = require('./data');
const { inspectorCall } = require('./inspector');
const { median } = require('./stats');

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const COUNT = Number(args[0] ?? 10000);
const RUNS = Number(args[1] ?? 35);
const PROFILE = process.argv.includes('--profile');
const WARM_UP = 5;
// Nothing listens here: a request that reached the network would fail the run.
const NO_SERVER = 'http://127.0.0.1:9';

// Amplitude's success answer. events_ingested is the batch size, not a count: counting the
// events of each body would add its parsing to the time measured.
transport.amplitudeRequest = async (_context, request) => ({
	statusCode: 200,
	headers: {},
	body: {
		code: 200,
		events_ingested: autoMapParameters.options.batchSize,
		payload_size_bytes: request.body.length,
		server_upload_time: 1,
	},
});

/** Self time per function (name, file and line) in a profile, added into `totals`. */
function addSelfTimes(profile, totals) {
	const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	profile.samples.forEach((id, i) => {
		const { functionName, url, lineNumber } = frames.get(id);
		const file = url.split('/').slice(-2).join('/');
		const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
		totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i]);
	});
}

/** The node, its execute profiled when `profiling`, the profile's self times added into `totals`. */
function profiledNode(session, profiling, totals) {
	const node = new Amplitude();
	if (!profiling) return node;
	const execute = node.execute;
	node.execute = async function () {
		await inspectorCall(session, 'Profiler.start');
		try {
			return await execute.call(this);
		} finally {
			addSelfTimes((await inspectorCall(session, 'Profiler.stop')).profile, totals);
		}
	};
	return node;
}

(async () => {
	const session = new Session();
	session.connect();
	if (PROFILE) {
		await inspectorCall(session, 'Profiler.enable');
		await inspectorCall(session, 'Profiler.setSamplingInterval', { interval: 100 });
	}
	const cpuMs = [];
	const selfTimes = new Map();
	for (let run = 0; run < WARM_UP + RUNS; run++) {
		const measured = run >= WARM_UP;
		const node = profiledNode(session, PROFILE && measured, selfTimes);
		const result = await throughEngine(NO_SERVER, autoMapParameters, node, eventsFor(COUNT));
		if (measured) cpuMs.push(result.cpuMs);
	}
	if (!PROFILE) {
		const perThousand = (median(cpuMs) / COUNT) * 1000;
		console.log(
			`${COUNT} events, ${RUNS} runs: the node's own CPU ${perThousand.toFixed(2)} ms per 1000 events (median)`,
		);
		return;
	}
	console.log(
		`${COUNT} events, ${RUNS} runs profiled (without --profile: the CPU per event); share of self time:`,
	);
	// The profiler's own stop call is left out of the shares.
	const parts = [...selfTimes].filter(([key]) => !key.startsWith('dispatch '));
	const total = parts.reduce((sum, [, micros]) => sum + micros, 0);
	parts.sort((x, y) => y[1] - x[1]);
	for (const [key, micros] of parts.slice(0, 20)) {
		console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`);
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
