#!/usr/bin/env node
'use strict';
// `npm run demo`: the example workflows in examples/ run through the real n8n (2.41.1 on Node 24,
// installed once into a cache by scripts/e2e/setup-n8n.sh) with this package installed as a
// community package, and a readable summary of what every Amplitude step returned.
//
//   Local (default): against the Amplitude stand-in (test/support/amplitude-server), offline.
//   Real Amplitude:  AMPLITUDE_API_KEY=… [AMPLITUDE_SECRET_KEY=…] [AMPLITUDE_REGION=us|eu]
//                    [AMPLITUDE_DEPLOYMENT_KEY=…] npm run demo
//                    (only this script reads the environment, to build the n8n credential).
//                    Without a secret key only the sending examples run; on the EU region the
//                    User Profile step is left out (Amplitude has no profile API there); without a
//                    deployment key (AMPLITUDE_DEPLOYMENT_KEY) the Experiment example (13) is left
//                    out. AMPLITUDE_CHART_ID=<chart ID or address> is the saved chart 07 reads;
//                    without it that step is left out.
//
// Order: 01–03 send events, identify users and groups; then 04–07 read it all back, 08–10 turn a
// CRM list into a cohort, the cohort into a sheet, and CRM deletions into deletion requests (on real
// Amplitude only with DEMO_LIFECYCLE=1, and AMPLITUDE_PROJECT_ID for the cohort upload), 11 exports
// yesterday's raw events (the stand-in also holds 7 events it received yesterday), 12 records a
// release and an annotation, 13 branches on experiment variants; then the examples that start with
// the Amplitude Trigger (14) run in a started n8n (demo-trigger.js). Exits 1 when a workflow fails
// or an Amplitude step returns an item with success: false. Node 20 or later.
// Options (environment): DEMO_READ_RETRIES (real Amplitude: how often to retry the user lookup while
// new data is not yet searchable, 30 s apart; default 6), N8N_E2E_CACHE (where n8n is installed),
// DEMO_TRIGGER=0 (leave out the Amplitude Trigger example, which starts n8n: about 45 s).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { describeAnalytics } = require('./demo-analytics');
const { describeMore, describeFollowers } = require('./demo-summaries');

const REPO = path.resolve(__dirname, '..');
const CACHE =
	process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache/n8n-nodes-amplitude-e2e');
const N8N_VERSION = '2.41.1';
const WRITERS = ['01-send-events', '02-identify-users', '03-identify-groups'];
// Cohorts, user mapping and deletions (08–10) change a real project for good (a new cohort,
// mappings, deletion requests that email every org admin): on real Amplitude only with DEMO_LIFECYCLE=1.
const LIFECYCLE = ['08-crm-list-to-cohort', '09-cohort-to-sheet', '10-delete-user-from-crm'];
const PROFILE_NODE_TYPE = 'getProfile';
const EXPERIMENT_EXAMPLE = '13-variant-branch';
const DEMO_DEPLOYMENT_KEY = 'demo-deployment-key';
const t0 = Date.now();

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (line = '') => console.log(line);
const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function fail(message) {
	console.error(`\ndemo: ${message}`);
	process.exit(1);
}

/** Runs a command; its output is shown (visible) or kept and shown only if it fails. */
function runCommand(cmd, args, { visible = true } = {}) {
	return new Promise((resolve, reject) => {
		// Visible: progress (stderr) on screen; stdout (the setup script's cache path) is not shown.
		const child = spawn(cmd, args, {
			cwd: REPO,
			stdio: ['ignore', visible ? 'ignore' : 'pipe', visible ? 'inherit' : 'pipe'],
		});
		let output = '';
		child.stdout?.on('data', (d) => (output += d));
		child.stderr?.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${output.slice(-4000)}`)),
		);
	});
}

function settings() {
	const apiKey = (process.env.AMPLITUDE_API_KEY ?? '').trim();
	const secretKey = (process.env.AMPLITUDE_SECRET_KEY ?? '').trim();
	const region = (process.env.AMPLITUDE_REGION ?? 'us').trim().toLowerCase() || 'us';
	if (!apiKey) {
		if (secretKey || process.env.AMPLITUDE_REGION)
			say(
				'demo: AMPLITUDE_SECRET_KEY / AMPLITUDE_REGION are ignored without AMPLITUDE_API_KEY; using the local stand-in.',
			);
		return { real: false, region: 'us', secretKey: true, deploymentKey: DEMO_DEPLOYMENT_KEY };
	}
	if (!['us', 'eu'].includes(region)) fail(`AMPLITUDE_REGION must be us or eu, not "${region}"`);
	const projectId = Number(process.env.AMPLITUDE_PROJECT_ID ?? 0) || undefined;
	const deploymentKey = (process.env.AMPLITUDE_DEPLOYMENT_KEY ?? '').trim();
	return {
		real: true,
		apiKey,
		secretKey,
		region,
		projectId,
		deploymentKey,
		lifecycle: process.env.DEMO_LIFECYCLE === '1',
	};
}

async function ensureBuilt() {
	if (fs.existsSync(path.join(REPO, 'dist/nodes/Amplitude/Amplitude.node.js'))) return;
	say('dist/ is missing: building the package (npm run build, about 10 s) …');
	const started = Date.now();
	await runCommand('npm', ['run', 'build', '--silent'], { visible: false });
	say(`built in ${seconds(Date.now() - started)}.`);
}

async function ensureN8n() {
	const installed =
		fs.existsSync(path.join(CACHE, '.installed')) &&
		fs.existsSync(path.join(CACHE, 'n8n/node_modules/n8n/bin/n8n'));
	if (!installed) {
		say(`First run: installing n8n ${N8N_VERSION} and Node 24 into ${CACHE}`);
		say(
			'with npm (about 3 GB). This takes 4 to 6 minutes and happens once; later runs take about 20 s.',
		);
	}
	const started = Date.now();
	await runCommand('bash', [path.join(REPO, 'scripts/e2e/setup-n8n.sh'), '--no-chromium'], {
		visible: !installed,
	});
	if (!installed) say(`n8n installed in ${seconds(Date.now() - started)}.\n`);
}

function loadExamples(config) {
	const dir = path.join(REPO, 'examples');
	const files = fs
		.readdirSync(dir)
		.filter((f) => /^\d\d-.*\.json$/.test(f))
		.sort();
	if (files.length === 0) fail(`no example workflows in ${dir}`);
	return files.map((file, i) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		const name = file.slice(0, -5);
		const notes = [];
		const chartId = (process.env.AMPLITUDE_CHART_ID ?? '').trim();
		const savedCharts = workflow.nodes.filter((n) => n.parameters?.operation === 'savedChart');
		if (config.real && chartId) for (const node of savedCharts) node.parameters.chartId = chartId;
		else if (config.real) {
			for (const node of dropNodes(workflow, (n) => savedCharts.includes(n)))
				notes.push(
					`"${node}" left out: set AMPLITUDE_CHART_ID to a chart of your project to read it`,
				);
		}
		if (config.region === 'eu') {
			const dropped = dropNodes(
				workflow,
				(n) => n.parameters?.resource === 'user' && n.parameters?.operation === PROFILE_NODE_TYPE,
			);
			for (const node of dropped)
				notes.push(`"${node}" left out: Amplitude has no User Profile API in the EU region`);
		}
		return {
			name,
			file,
			workflow: { ...workflow, id: `demoWorkflow${String(i + 1).padStart(4, '0')}`, active: false },
			notes,
			reads: !WRITERS.includes(name),
		};
	});
}

/** Removes matching nodes and every connection to or from them; returns their names. */
function dropNodes(workflow, match) {
	const names = workflow.nodes.filter(match).map((n) => n.name);
	if (names.length === 0) return names;
	workflow.nodes = workflow.nodes.filter((n) => !names.includes(n.name));
	for (const name of names) delete workflow.connections[name];
	for (const outputs of Object.values(workflow.connections)) {
		for (const [type, lists] of Object.entries(outputs))
			outputs[type] = lists.map((list) => (list ?? []).filter((c) => !names.includes(c.node)));
	}
	return names;
}

// ---------------------------------------------------------------------------------------------
// What each Amplitude step returned, in a line or a few.

const labelText = (label) =>
	Array.isArray(label)
		? String(label[label.length - 1])
		: label === undefined || label === null
			? ''
			: String(label);
const num = (n) =>
	typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(2)) : String(n);
const list = (values, max = 6) =>
	values.length > max
		? `${values.slice(0, max).join(', ')}, … (${values.length} in all)`
		: values.join(', ');
const sum = (values) => values.reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0);

function rowsOf(chart) {
	const labels = chart.series_labels ?? chart.series_meta ?? [];
	const rows = [];
	(chart.series ?? []).forEach((points, s) =>
		(points ?? []).forEach((value, i) =>
			rows.push({
				date: chart.x_values?.[i],
				series_label: labelText(labels[s]) || String(s),
				value: typeof value === 'object' && value ? value.value : value,
			}),
		),
	);
	return rows;
}

function rowLines(rows, max = 3) {
	return rows
		.slice(0, max)
		.map((r) => `    ${r.date}  ${r.series_label.padEnd(14)} ${num(r.value)}`)
		.concat(rows.length > max ? [`    … ${rows.length - max} more`] : []);
}

function describeChart(p, items) {
	const report = describeAnalytics(p, items);
	if (report) return report;
	const rowsMode = p.options?.outputFormat === 'rows';
	const what = {
		eventSegmentation: `Event segmentation '${p.eventType}' (${p.metric ?? 'uniques'}${p.groupBy ? ` by ${p.groupBy}` : ''})`,
		activeUsers: `${p.metric === 'new' ? 'New' : 'Active'} users`,
		realtimeActiveUsers: 'Realtime active users',
		revenue: `Revenue LTV (${['ARPU', 'ARPPU', 'total revenue', 'paying users'][Number(p.metric ?? 0)] ?? p.metric})`,
	}[p.operation];
	if (rowsMode) {
		const rows = items.map((i) => i.json);
		const labels = [...new Set(rows.map((r) => r.series_label))];
		const types = [...new Set(rows.map((r) => typeof r.value))].join('/');
		return [
			`${what}: ${plural(rows.length, 'row')} (output format rows; values are ${types || 'none'}), series ${list(labels)}; first rows:`,
			...rowLines(rows),
		];
	}
	const chart = items[0]?.json ?? {};
	const days = chart.x_values ?? [];
	const span = days.length ? `${days[0]} … ${days[days.length - 1]}` : 'no data points';
	if (p.operation === 'realtimeActiveUsers') {
		const [today = [], yesterday = []] = chart.series ?? [];
		const last = today.length - 1;
		const peak = today.reduce((best, v, i) => (v > today[best] ? i : best), 0);
		return [
			`${what}: ${plural(today.length, '5-minute bucket')} over the last 24 hours (${span}); latest bucket ${days[last] ?? '?'}: ${num(today[last] ?? 0)} active (yesterday then: ${num(yesterday[last] ?? 0)}); busiest: ${num(today[peak] ?? 0)} at ${days[peak] ?? '?'}`,
		];
	}
	if (p.operation === 'revenue') {
		const labels = (chart.series_labels ?? []).map(labelText);
		const total = (label) => sum(chart.series?.[labels.indexOf(label)] ?? []);
		const lines = [
			`${what}: ${plural(labels.length, 'series', 'series')} (${list(labels, 8)}) over ${plural(days.length, 'day')} (${span})`,
		];
		if (labels.includes('total_amount'))
			lines.push(
				`    cohorts: ${num(total('count'))} users, ${num(total('paid'))} paying, total_amount ${num(total('total_amount'))}`,
			);
		return lines;
	}
	if (p.operation === 'activeUsers') {
		return [
			`${what}: ${days.map((d, i) => `${d.slice(5)} ${num(chart.series?.[0]?.[i])}`).join(' | ') || 'no data'}`,
		];
	}
	const labels = (chart.series_labels ?? []).map(labelText);
	const totals = (chart.series_collapsed ?? []).map(
		(c, i) => `${labels[i] || i} ${num(c?.[0]?.value ?? '?')}`,
	);
	return [
		`${what}: ${plural(chart.series?.length ?? 0, 'series', 'series')} over ${plural(days.length, 'day')} (${span})${totals.length ? `; whole range: ${list(totals)}` : ''}; first rows:`,
		...rowLines(rowsOf(chart)),
	];
}

function describeWrite(p, items, what, noun) {
	if (p.options?.dryRun) {
		const first = items[0]?.json.payload;
		return [
			`${what}: ${plural(items.length, 'item')}, dry run: nothing sent; first payload ${JSON.stringify(first)}`,
		];
	}
	const ok = items.filter((i) => i.json.success === true);
	const failed = items.length - ok.length;
	const requests = new Set(
		ok.map((i) =>
			JSON.stringify([
				i.json.events_ingested,
				i.json.payload_size_bytes,
				i.json.server_upload_time,
				i.json.code,
			]),
		),
	);
	let line = `${what}: ${plural(items.length, 'item')}, ${ok.length} ${noun}`;
	if (p.operation === 'send') {
		const ingested = [...requests]
			.map((r) => JSON.parse(r)[0])
			.filter((n) => typeof n === 'number');
		line += ` in ${plural(requests.size, 'request')}${ingested.length ? ` (events_ingested ${ingested.join(' + ')})` : ''}`;
		line += p.mappingMode === 'autoMapInputData' ? ', auto-mapped' : ', fields defined below';
	} else if (ok.length) {
		line += ` (${ok[0].json.code} ${ok[0].json.message})`;
	}
	if (failed)
		line += `; ${failed} FAILED: ${items.find((i) => i.json.success !== true).json.error}`;
	return [line];
}

/** Counts of a field's values: "12 applied, 1 skipped". */
function tally(jsons, field) {
	const counts = new Map();
	for (const json of jsons) counts.set(json[field], (counts.get(json[field]) ?? 0) + 1);
	return [...counts].map(([value, n]) => `${n} ${value}`).join(', ');
}

/** Cohorts, user mapping and deletions (08–10). */
function describeLifecycle(key, name, items) {
	const jsons = items.map((i) => i.json);
	const ok = jsons.filter((j) => j.success !== false);
	const failed = jsons.length - ok.length;
	const failures = failed
		? `; ${failed} FAILED: ${jsons.find((j) => j.success === false).error}`
		: '';
	switch (key) {
		case 'cohort/getMany':
			return [
				`${name}: ${plural(jsons.length, 'cohort')}: ${list(
					jsons.map((c) => `${c.name} (${c.id}, ${num(c.size)} users)`),
					4,
				)}`,
			];
		case 'cohort/getMembers': {
			const file = items[0]?.binary && Object.values(items[0].binary)[0];
			if (file) {
				return [
					`${name}: ${jsons[0].file_name}, ${num(file.bytes ?? jsons[0].bytes)} bytes of CSV streamed into n8n's binary data (request ${jsons[0].request_id})`,
				];
			}
			const first = jsons[0]
				? Object.entries(jsons[0])
						.map(([k, v]) => `${k}=${v}`)
						.join(' ')
				: '';
			return [
				`${name}: ${plural(jsons.length, 'member')}, one item each${first ? `; first: ${first}` : ''}`,
			];
		}
		case 'cohort/upload':
			return [
				`${name}: ${plural(jsons.length, 'item')} → cohort ${ok[0]?.cohort_id ?? '?'}: ${tally(ok, 'status')}${failures}`,
			];
		case 'cohort/updateMembership':
			return [
				`${name}: ${plural(jsons.length, 'change')} (${tally(ok, 'action')}): ${tally(ok, 'status')}${failures}`,
			];
		case 'user/map': {
			const unmapped = ok.filter((j) => j.unmap).length;
			return [`${name}: ${ok.length - unmapped} mapped, ${unmapped} unmapped${failures}`];
		}
		case 'user/delete': {
			const jobs = [...new Set(ok.map((j) => `${j.day} (${j.status})`))];
			return [
				`${name}: ${plural(ok.length, 'user')} scheduled for deletion in job ${jobs.join(', ') || 'none'}${failures}`,
			];
		}
		case 'user/getDeletionJobs':
			return [
				`${name}: ${plural(jsons.length, 'job')}${jsons.length ? ': ' : ''}${jsons.map((j) => `${j.day} ${j.status} (${plural(j.amplitude_ids.length, 'user')})`).join(', ')}`,
			];
		default:
			return [
				`${name}: ${jsons.map((j) => `Amplitude ID ${j.amplitude_id} taken out of the job of ${j.day}`).join('; ')}${failures}`,
			];
	}
}

function describe(node, items) {
	const p = node.parameters ?? {};
	const first = items[0]?.json ?? {};
	const key = `${p.resource}/${p.operation}`;
	switch (key) {
		case 'event/send':
			return describeWrite(p, items, node.name, 'delivered');
		case 'user/identify':
			return describeWrite(p, items, node.name, 'identified');
		case 'group/identify':
			return describeWrite(p, items, node.name, 'identified');
		case 'user/search': {
			const matches = first.matches ?? [];
			const ids = matches.map((m) => m.amplitude_id);
			return [
				`User search '${p.user}': ${plural(matches.length, 'match', 'matches')}${ids.length ? `, Amplitude ID ${list(ids.map(String), 3)}` : ''} (${first.type})`,
			];
		}
		case 'user/getActivity': {
			const events = first.events ?? [];
			const u = first.user_data ?? {};
			const latest = events[0]
				? `; latest: ${events[0].event_type} at ${events[0].event_time}`
				: '';
			return [
				`User activity of ${u.canonical_amplitude_id ?? '?'} (${u.user_id ?? 'no user ID'}): ${plural(events.length, 'event')}${latest}`,
				`    user_data: ${num(u.num_events ?? 0)} events, ${num(u.num_sessions ?? 0)} sessions, ${num(u.purchases ?? 0)} purchases, revenue ${num(u.revenue ?? 0)}, first used ${u.first_used ?? '?'}, country ${u.country ?? '?'}`,
			];
		}
		case 'user/getProfile': {
			const props = Object.entries(first.amp_props ?? {}).map(
				([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`,
			);
			return [
				`User profile of ${first.user_id} (device ${first.device_id}): ${plural(props.length, 'user property', 'user properties')}: ${list(props, 8)}; cohorts: ${(first.cohort_ids ?? []).join(', ') || 'none'}`,
			];
		}
		case 'cohort/getMany':
		case 'cohort/getMembers':
		case 'cohort/upload':
		case 'cohort/updateMembership':
		case 'user/map':
		case 'user/delete':
		case 'user/getDeletionJobs':
		case 'user/cancelDeletion':
			return describeLifecycle(key, node.name, items);
		case 'event/list': {
			const events = first.events ?? [];
			return [
				`List events: ${plural(events.length, 'event type')}: ${list(
					events.map((e) => `${e.value} (${num(e.totals)})`),
					8,
				)}`,
			];
		}
		default:
			if (p.resource === 'analytics') return describeChart(p, items);
			return describeMore(node, items) ?? [`${node.name}: ${plural(items.length, 'item')}`];
	}
}

/** Summary lines for a workflow run, and whether any Amplitude item failed. */
function summarize(example, run, nodeType) {
	const lines = [];
	let failedItems = 0;
	const runData = run?.data?.resultData?.runData ?? {};
	for (const node of example.workflow.nodes.filter((n) => n.type === nodeType)) {
		const tasks = runData[node.name];
		const items = tasks?.[tasks.length - 1]?.data?.main?.[0];
		if (!items) {
			lines.push(`${node.name}: did not run`);
			continue;
		}
		failedItems += items.filter((i) => i.json.success === false).length;
		try {
			lines.push(...describe(node, items));
		} catch (error) {
			lines.push(`${node.name}: ${plural(items.length, 'item')} (${error.message})`);
		}
	}
	lines.push(...describeFollowers(example.workflow, runData));
	return { lines, failedItems };
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 20) fail(`Node 20 or later is needed (this is ${process.version})`);
	const config = settings();
	await ensureBuilt();
	await ensureN8n();

	const e2e = require('./e2e/n8n');
	const { demoTriggerExamples } = require('./demo-trigger');
	e2e.exitOnSignals();
	const all = loadExamples(config);
	const examples = all.filter((x) => !e2e.startsWithTrigger(x.workflow));
	const triggered = all.filter((x) => e2e.startsWithTrigger(x.workflow));

	let server;
	let credential;
	let demoEvents;
	if (config.real) {
		credential = {
			id: 'demoAmplitude01',
			name: 'Amplitude account',
			type: e2e.CREDENTIAL_TYPE,
			data: {
				apiKey: config.apiKey,
				secretKey: config.secretKey,
				deploymentKey: config.deploymentKey,
				region: config.region,
				...(config.projectId ? { projectId: config.projectId } : {}),
			},
		};
		say(
			`Amplitude demo against REAL Amplitude (${config.region.toUpperCase()} region): this sends ${'320 events'}, identifies 5 users and 3 groups${config.secretKey ? ', and records a release and an annotation on your charts' : ''} in your project.`,
		);
	} else {
		const { createAmplitudeServer } = require(path.join(REPO, 'test/support/amplitude-server'));
		const demoData = require(path.join(REPO, 'test/support/amplitude-server/demo-data'));
		demoEvents = demoData.demoEvents;
		server = createAmplitudeServer({
			apiKey: 'demo-api-key',
			secretKey: 'demo-secret-key',
			charts: demoData.DEMO_CHARTS,
			deploymentKey: DEMO_DEPLOYMENT_KEY,
		});
		const url = await server.start(0, '127.0.0.1');
		credential = e2e.standInCredential({
			id: 'demoAmplitude01',
			name: 'Amplitude account',
			apiKey: 'demo-api-key',
			secretKey: 'demo-secret-key',
			deploymentKey: DEMO_DEPLOYMENT_KEY,
			url,
		});
		say(
			`Amplitude demo: the examples/ workflows in n8n ${N8N_VERSION}, against the local Amplitude stand-in at ${url}`,
		);
		say(
			'(set AMPLITUDE_API_KEY, AMPLITUDE_SECRET_KEY and AMPLITUDE_REGION to run them against your Amplitude project)',
		);
	}

	const tmp = e2e.tempDir('amplitude-demo-');
	let failures = 0;
	let skipped = 0;
	try {
		const n8n = await e2e.createN8n({
			label: 'demo',
			extraEnv: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn' },
		});
		const tarball = await e2e.packRepo(tmp);
		await n8n.installPackage(tarball);
		const workflows = examples.map((x) => e2e.useCredential(x.workflow, credential));
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows(workflows);
		say(
			`n8n ready: ${path.basename(tarball)} installed as a community package, ${plural(examples.length, 'workflow')} imported (${seconds(Date.now() - t0)} so far)\n`,
		);

		const writers = examples.filter((x) => !x.reads);
		let readers = examples.filter((x) => x.reads);
		if (config.real && !config.lifecycle) {
			for (const x of readers.filter((r) => LIFECYCLE.includes(r.name)))
				say(
					`${x.name}: skipped on real Amplitude (it makes a cohort, maps user IDs or requests deletions); set DEMO_LIFECYCLE=1 (and AMPLITUDE_PROJECT_ID for 08) to run it`,
				);
			readers = readers.filter((r) => !LIFECYCLE.includes(r.name));
		}
		if (config.real && config.secretKey && !config.deploymentKey) {
			say(`${EXPERIMENT_EXAMPLE}: skipped, evaluating flags needs AMPLITUDE_DEPLOYMENT_KEY`);
			readers = readers.filter((x) => x.name !== EXPERIMENT_EXAMPLE);
		}
		if (config.real && !config.secretKey && readers.length) {
			for (const x of readers)
				say(`${x.name}: skipped, reading from Amplitude needs AMPLITUDE_SECRET_KEY`);
			readers = [];
		}

		const report = (x, b) => {
			const time =
				b.data?.startedAt && b.data?.stoppedAt
					? ` in ${seconds(Date.parse(b.data.stoppedAt) - Date.parse(b.data.startedAt))}`
					: '';
			const ok = b.status === 'success';
			say(
				`${ok ? '✔' : '✘'} ${x.workflow.name ?? x.name}  (examples/${x.file})${ok ? time : ` FAILED: ${b.error ?? b.status}`}`,
			);
			for (const note of x.notes) say(`    note: ${note}`);
			// n8n's execute-batch keeps no run data of a failed workflow: its error is all there is.
			const { lines, failedItems } = b.data
				? summarize(x, b.data, e2e.NODE_TYPE)
				: { lines: [], failedItems: 0 };
			for (const line of lines) say(line.startsWith('    ') ? line : `  • ${line}`);
			if (!ok || failedItems) failures += 1;
			say();
		};
		const runPhase = async (list) => {
			if (!list.length) return {};
			const batch = await n8n.executeBatch(list.map((x) => x.workflow.id));
			return batch.byId;
		};

		say('Sending (01–03) …\n');
		const written = await runPhase(writers);
		for (const x of writers) report(x, written[x.workflow.id] ?? { status: 'missing' });

		if (readers.length && failures) {
			say(
				`Reading back skipped: sending failed, so ${readers.map((x) => x.name).join(', ')} would read incomplete data.\n`,
			);
			skipped += readers.length;
		} else if (readers.length) {
			if (server) {
				// What the stand-in received yesterday, for the nightly export (11): real Amplitude
				// exports by the time it received events, and 01–03 sent theirs just now.
				const yesterday = Date.now() - 24 * 3_600_000;
				server.seed(demoEvents(yesterday), { receivedAt: yesterday });
			}
			say(
				'Reading back (04–07), the data lifecycle (08–10), export, releases and experiments (11–13) …\n',
			);
			let read = await runPhase(readers);
			// Real Amplitude makes new users searchable after a delay: retry the lookups that found no one.
			const retries = Number(process.env.DEMO_READ_RETRIES ?? 6);
			for (let attempt = 1; config.real && attempt <= retries; attempt++) {
				const waiting = readers.filter(
					(x) =>
						read[x.workflow.id]?.status !== 'success' &&
						/amplitude id/i.test(read[x.workflow.id]?.error ?? ''),
				);
				if (!waiting.length) break;
				say(
					`  ${waiting.map((x) => x.name).join(', ')}: the user is not searchable yet (new data takes a minute or two in Amplitude); retrying in 30 s (${attempt}/${retries}) …`,
				);
				await new Promise((r) => setTimeout(r, 30_000));
				Object.assign(read, await runPhase(waiting));
			}
			for (const x of readers) report(x, read[x.workflow.id] ?? { status: 'missing' });
		}

		failures += await demoTriggerExamples({ examples: triggered, n8n, config, credential, say });

		if (server) {
			const { store } = server;
			const reads = store.requests.filter((r) => r.method === 'GET').length;
			say(
				`The stand-in received ${plural(store.events.length, 'event')}, ${plural(store.identifies.length, 'identify', 'identifies')}, ${plural(store.groupIdentifies.length, 'group identify', 'group identifies')} and ${plural(reads, 'read request')}; it holds ${plural(server.cohorts.all.size, 'cohort')}, ${plural(store.aliases.size, 'user mapping')} and ${plural(server.deletions.jobs.size, 'deletion job')}.`,
			);
		}
	} finally {
		await server?.stop();
	}
	const total = seconds(Date.now() - t0);
	if (failures) {
		say(
			`${plural(failures, 'workflow')} failed${skipped ? `, ${skipped} skipped` : ''} (${total}). N8N_LOG_LEVEL=info shows n8n's own log.`,
		);
		process.exitCode = 1;
	} else {
		say(
			`All ${plural(all.length, 'workflow')} succeeded in ${total}. Import examples/*.json into your n8n to run them yourself.`,
		);
	}
}

main().catch((error) => {
	console.error(`\ndemo failed: ${error.stack ?? error}`);
	process.exit(1);
});
