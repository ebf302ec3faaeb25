#!/usr/bin/env node
'use strict';
// For working by hand (`npm run dev`, via scripts/dev.sh): the n8n editor with this package installed
// as a community package (re-packed on every start), a local Amplitude stand-in, a credential
// "Amplitude (local stand-in)" for it, and the examples/ workflows. State lives in $N8N_DEV_FOLDER
// (default <e2e cache>/dev-n8n) so workflows you build survive restarts. Ctrl-C stops everything.
// N8N_PORT (5678), STAND_IN_PORT (18081); N8N_DEV_LOGS=1 shows n8n's own output.
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { demoEvents } = require(path.join(e2e.REPO, 'test/support/amplitude-server/demo-data'));

const FOLDER = path.resolve(process.env.N8N_DEV_FOLDER || path.join(e2e.CACHE, 'dev-n8n'));
const PORT = Number(process.env.N8N_PORT || 5678);
const STAND_IN_PORT = Number(process.env.STAND_IN_PORT || 18081);
const API_KEY = process.env.STAND_IN_API_KEY || 'dev-api-key';
const SECRET_KEY = process.env.STAND_IN_SECRET_KEY || 'dev-secret-key';
const CREDENTIAL = { id: 'amplitudeLocal01', name: 'Amplitude (local stand-in)' };

async function main() {
	const firstRun = !fs.existsSync(path.join(FOLDER, '.n8n/database.sqlite'));
	const server = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
	const url = await server.start(STAND_IN_PORT);
	server.seed(demoEvents(Date.now())); // so the analytics and user lookups have data to show
	e2e.log(
		`Amplitude stand-in on ${url} (api key ${API_KEY}, secret key ${SECRET_KEY}), seeded with demo events`,
	);

	const n8n = await e2e.createN8n({ folder: FOLDER, port: PORT });
	const tmp = e2e.tempDir('amplitude-dev-');
	await n8n.installPackage(await e2e.packRepo(tmp));
	fs.rmSync(tmp, { recursive: true, force: true });
	await n8n.importCredentials([
		e2e.standInCredential({ ...CREDENTIAL, apiKey: API_KEY, secretKey: SECRET_KEY, url }),
	]);
	if (firstRun) await importExamples(n8n);

	const editor = await n8n.start({ echo: process.env.N8N_DEV_LOGS === '1' });
	await e2e.setupOwner(editor.url);
	let seen = 0;
	const timer = setInterval(() => {
		for (const r of server.store.requests.slice(seen))
			e2e.log(`stand-in: ${r.method} ${r.path ?? r.url} ${r.status ?? ''}`);
		seen = server.store.requests.length;
	}, 1000);
	console.log(
		`\n  n8n editor:  ${editor.url}\n  login:       ${e2e.OWNER.email} / ${e2e.OWNER.password}\n  stand-in:    ${url}\n  n8n folder:  ${FOLDER}\n  Ctrl-C to stop.\n`,
	);

	const stop = async () => {
		clearInterval(timer);
		await editor.stop();
		await server.stop();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

async function importExamples(n8n) {
	const dir = path.join(e2e.REPO, 'examples');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	const workflows = files.map((f, i) =>
		e2e.useCredential(
			{
				...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')),
				id: `devExample${String(i + 1).padStart(4, '0')}`,
				active: false,
			},
			CREDENTIAL,
		),
	);
	if (workflows.length) await n8n.importWorkflows(workflows);
	e2e.log(`imported ${workflows.length} example workflows`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
