'use strict';
// The outbound side from a shell (cli.js hands these over):
//
// While serving, stream what the stand-in ingests to a webhook:
//   node cli.js --stream-to URL [--header "Name: value"]... [--send-users] [--event-types a,b]
//        [--time-format ms|us] [--concurrency N] [--timeout-ms N] [--retry-scale F]
// One-shot, without serving:
//   node cli.js push-events --to URL [--header "Name: value"]... (--file events.json | --count N)
//        [--concurrency N] [--timeout-ms N] [--retry-scale F]
//     POSTs each payload of the file (a JSON array, sent as they are) or N generated webhook events.
//   node cli.js sync-cohort --to URL [--header "Name: value"]... --cohort-id ID [--cohort-name N]
//        --members u1,u2|@members.json [--left u3,u4|@left.json] [--batch-size N] [--timeout-ms N]
//        [--retry-scale F]
//     Sends the members as entering the cohort, then --left as leaving it.
// One-shot commands print a summary (JSON) and exit 0 when everything was delivered.
// --retry-scale multiplies Amplitude's retry delays (0.001 turns 4 hours into 14 s).

const fs = require('node:fs');
const crypto = require('node:crypto');
const { createAmplitudeServer } = require('./index');
const { parseHeaderArg, percentile, EVENT_STREAMING, COHORT_SYNC } = require('./webhook-sender');
const { webhookEventOf } = require('./event-streaming');

const VALUE_FLAGS = {
	'--stream-to': 'url',
	'--to': 'url',
	'--event-types': 'eventTypes',
	'--time-format': 'timeFormat',
	'--concurrency': 'concurrency',
	'--timeout-ms': 'timeoutMs',
	'--retry-scale': 'retryScale',
	'--file': 'file',
	'--count': 'count',
	'--cohort-id': 'cohortId',
	'--cohort-name': 'cohortName',
	'--members': 'members',
	'--left': 'left',
	'--batch-size': 'batchSize',
};
const NUMBERS = ['concurrency', 'timeoutMs', 'retryScale', 'count', 'batchSize'];

const takesFlag = (arg) => arg in VALUE_FLAGS || arg === '--header' || arg === '--send-users';

/** Reads the flag at argv[i] into options; returns the index of the last argument it used. */
function readFlag(argv, i, options) {
	const arg = argv[i];
	if (arg === '--send-users') {
		options.sendUsers = true;
		return i;
	}
	const value = argv[i + 1];
	if (value === undefined) throw new Error(`${arg} needs a value`);
	if (arg === '--header') {
		const [name, headerValue] = parseHeaderArg(value);
		options.headers = { ...options.headers, [name]: headerValue };
	} else {
		const key = VALUE_FLAGS[arg];
		options[key] = NUMBERS.includes(key) ? Number(value) : value;
		if (NUMBERS.includes(key) && !Number.isFinite(options[key]))
			throw new Error(`${arg} needs a number, not "${value}"`);
	}
	return i + 1;
}

function policyOptions(options, base) {
	const scale = options.retryScale ?? 1;
	return {
		concurrency: options.concurrency,
		timeoutMs: options.timeoutMs,
		attemptDelaysMs: base.attemptDelaysMs.map((ms) => ms * scale),
		headers: options.headers ?? {},
		url: options.url,
	};
}

/** Serving: streams what is ingested when --stream-to was given. */
function configureServer(server, options) {
	if (!options.url) return;
	server.streaming.configure({
		...policyOptions(options, EVENT_STREAMING),
		sendUsers: options.sendUsers ?? false,
		eventTypes: options.eventTypes ? options.eventTypes.split(',').map((t) => t.trim()) : null,
		timeFormat: options.timeFormat ?? 'ms',
	});
	console.log(
		`Streaming ingested events${options.sendUsers ? ' and users' : ''} to ${options.url}`,
	);
}

function listArg(value) {
	if (!value) return [];
	if (value.startsWith('@')) return JSON.parse(fs.readFileSync(value.slice(1), 'utf8'));
	return value
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
}

/** N webhook events of made-up users, each with its own uuid. */
function generatedEvents(count, now = Date.now()) {
	return Array.from({ length: count }, (_, i) =>
		webhookEventOf(
			{
				event_type: i % 5 === 0 ? 'checkout_failed' : 'Open App',
				user_id: `user-${String((i % 50) + 1).padStart(5, '0')}`,
				device_id: `device-${String((i % 50) + 1).padStart(5, '0')}`,
				insert_id: crypto.randomUUID(),
				amplitude_id: 100_000_001 + (i % 50),
				time: now - (count - i) * 1000,
				server_received_time: now,
				uuid: crypto.randomUUID(),
			},
			{ userProperties: { plan: 'pro', seats: 12 }, eventId: i + 1 },
		),
	);
}

async function runOneShot(command, argv) {
	const options = {};
	for (let i = 0; i < argv.length; i++) {
		if (!takesFlag(argv[i])) throw new Error(`Unknown argument for ${command}: ${argv[i]}`);
		i = readFlag(argv, i, options);
	}
	if (!options.url) throw new Error(`${command} needs --to URL`);
	const server = createAmplitudeServer();
	let outbound;
	if (command === 'push-events') {
		const payloads = options.file
			? JSON.parse(fs.readFileSync(options.file, 'utf8'))
			: generatedEvents(options.count ?? 1);
		if (!Array.isArray(payloads)) throw new Error('--file must hold a JSON array of payloads');
		server.streaming.configure(policyOptions(options, EVENT_STREAMING));
		server.streaming.send(payloads);
		outbound = server.streaming;
	} else {
		if (!options.cohortId) throw new Error('sync-cohort needs --cohort-id');
		server.cohortSync.configure({
			...policyOptions(options, COHORT_SYNC),
			...(options.batchSize ? { batchSize: options.batchSize } : {}),
		});
		const cohort = {
			cohortId: options.cohortId,
			cohortName: options.cohortName ?? options.cohortId,
		};
		server.cohortSync.sync({ ...cohort, members: listArg(options.members) });
		server.cohortSync.leave({ ...cohort, users: listArg(options.left) });
		outbound = server.cohortSync;
	}
	await outbound.idle();
	const { answerMs, ...stats } = outbound.stats();
	const p95 = percentile(answerMs, 0.95);
	console.log(
		JSON.stringify(
			{
				...stats,
				p95AnswerMs: p95 === undefined ? null : Math.round(p95),
				messageIds: command === 'sync-cohort' ? outbound.deliveries.map((d) => d.key) : undefined,
			},
			null,
			2,
		),
	);
	await server.stop();
	return stats.failed === 0 && stats.pending === 0;
}

const COMMANDS = ['push-events', 'sync-cohort'];

module.exports = { COMMANDS, takesFlag, readFlag, configureServer, runOneShot, generatedEvents };
