'use strict';
// Redis and PostgreSQL from Debian's packages, for n8n's queue mode: installed when missing, run as
// our own processes on loopback ports with their data in temporary folders, stopped (with every
// other process of the e2e run) when it exits.
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

/** Installs Debian packages, refreshing the package lists once if the first try fails. */
async function aptInstall(packages) {
	const install = () =>
		e2e.run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
			env: APT_ENV,
			timeoutMs: 600_000,
		});
	let r = await install();
	if (r.code !== 0) {
		await e2e.runOk('apt-get', ['update', '-q'], { env: APT_ENV, timeoutMs: 600_000 });
		r = await install();
	}
	if (r.code !== 0) throw new Error(`apt-get install ${packages.join(' ')}:\n${r.stderr}`);
}

function postgresBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/postgres')))
		: [];
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	return newest && path.join(root, newest, 'bin');
}

/** Installs what is missing of redis-server and PostgreSQL. */
async function ensureInstalled() {
	const missing = [];
	if (!fs.existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (missing.length === 0) return [];
	e2e.log(`installing ${missing.join(' and ')} from Debian's packages`);
	await aptInstall(missing);
	return missing;
}

async function waitFor(what, check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

/** redis-server on a free loopback port, nothing saved to disk: { host, port, stop() }. */
async function startRedis() {
	const port = await e2e.freePort();
	const dir = e2e.tempDir('redis-');
	const child = e2e.spawnGroup(
		'/usr/bin/redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ cwd: dir },
	);
	let logs = '';
	child.stdout.on('data', (d) => (logs += d));
	child.stderr.on('data', (d) => (logs += d));
	await waitFor('redis-server', () => {
		if (child.exitCode !== null) throw new Error(`redis-server exited:\n${logs}`);
		return /Ready to accept connections/.test(logs);
	});
	return { host: '127.0.0.1', port, stop: () => e2e.stopGroup(child) };
}

/**
 * PostgreSQL on a free loopback port, a fresh cluster in a temporary folder owned by the postgres
 * user (initdb refuses root), trust auth for the n8n role: { host, port, user, database, stop() }.
 */
async function startPostgres() {
	const bin = postgresBin();
	const port = await e2e.freePort();
	const dir = e2e.tempDir('postgres-');
	fs.chownSync(dir, ...postgresIds());
	const asPostgres = (cmd, args) => ['-u', 'postgres', '--', path.join(bin, cmd), ...args];
	await e2e.runOk(
		'runuser',
		asPostgres('initdb', ['-D', `${dir}/data`, '-U', 'n8n', '--auth=trust', '-E', 'UTF8']),
		{ timeoutMs: 120_000 },
	);
	const child = e2e.spawnGroup(
		'runuser',
		asPostgres('postgres', [
			'-D',
			`${dir}/data`,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'max_connections=200',
		]),
		{ cwd: dir },
	);
	let logs = '';
	child.stdout.on('data', (d) => (logs += d));
	child.stderr.on('data', (d) => (logs += d));
	await waitFor('postgres', () => {
		if (child.exitCode !== null) throw new Error(`postgres exited:\n${logs}`);
		return /ready to accept connections/.test(logs);
	});
	await e2e.runOk(
		'runuser',
		asPostgres('createdb', ['-h', dir, '-p', String(port), '-U', 'n8n', 'n8n']),
	);
	return {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		database: 'n8n',
		stop: () => e2e.stopGroup(child),
	};
}

function postgresIds() {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('no postgres user: is PostgreSQL installed?');
	const [, , uid, gid] = line.split(':');
	return [Number(uid), Number(gid)];
}

/** The environment every n8n process of one queue-mode deployment shares. */
function queueEnv({ redis, postgres, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: encryptionKey,
	};
}

module.exports = { ensureInstalled, startRedis, startPostgres, queueEnv };
