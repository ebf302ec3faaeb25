#!/usr/bin/env node
'use strict';
// Runs the stand-in from a shell:
//   node test/support/amplitude-server/cli.js [--port 18081] [--host 127.0.0.1]
//        [--api-key K] [--secret-key S] [--min-id-length N] [--project-id N] [--seed]
//        [--dashboard-concurrency 5] [--dashboard-latency-ms 100]
// Prints "Amplitude stand-in listening on http://127.0.0.1:PORT" and stops on SIGINT/SIGTERM.
// --seed stores the demo events and holds the demo saved chart (demo-data.js).
// Webhooks (event streaming while serving, and the one-shot push-events and sync-cohort
// commands): see outbound-cli.js.

const { createAmplitudeServer } = require('./index');
const { demoEvents, DEMO_CHARTS } = require('./demo-data');
const outbound = require('./outbound-cli');

const FLAGS = {
	'--port': 'port',
	'--host': 'host',
	'--api-key': 'apiKey',
	'--secret-key': 'secretKey',
	'--min-id-length': 'minIdLength',
	'--dashboard-concurrency': 'dashboardConcurrency',
	'--dashboard-latency-ms': 'dashboardLatencyMs',
	'--project-id': 'projectId',
};

function parseArgs(argv) {
	const args = { port: 18081, host: '127.0.0.1', seed: false, outbound: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--seed') args.seed = true;
		else if (outbound.takesFlag(arg)) i = outbound.readFlag(argv, i, args.outbound);
		else if (FLAGS[arg] && argv[i + 1] !== undefined) args[FLAGS[arg]] = argv[++i];
		else throw new Error(`Unknown or incomplete argument ${arg}`);
	}
	args.port = Number(args.port);
	for (const name of ['minIdLength', 'projectId', 'dashboardConcurrency', 'dashboardLatencyMs'])
		if (args[name] !== undefined) args[name] = Number(args[name]);
	return args;
}

async function main() {
	const [command, ...rest] = process.argv.slice(2);
	if (outbound.COMMANDS.includes(command))
		return process.exit((await outbound.runOneShot(command, rest)) ? 0 : 1);
	const args = parseArgs(process.argv.slice(2));
	const server = createAmplitudeServer({ ...args, charts: args.seed ? DEMO_CHARTS : {} });
	const url = await server.start(args.port, args.host);
	outbound.configureServer(server, args.outbound);
	if (args.seed) server.seed(demoEvents(Date.now()));
	console.log(`Amplitude stand-in listening on ${url}`);
	const shutdown = () => server.stop().then(() => process.exit(0));
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
