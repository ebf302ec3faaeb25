#!/usr/bin/env node
'use strict';
// The node in the real n8n editor, offline: `n8n start` with the packed package installed as a
// community package and a credential for a local Amplitude stand-in; the owner account is made
// through the REST API, then Debian's Chromium (driven by playwright-core from the e2e cache)
// logs in, finds Amplitude in the node panel, checks its resources, actions and credential form,
// configures Send Event and executes it from the editor; the stand-in must receive the event.
// Then the Amplitude Trigger: its production URL and its setup notice in the node's panel.
// Screenshots of every step go to $E2E_ARTIFACTS/browser (default <repo>/e2e-artifacts/browser),
// with the page's HTML beside the screenshot of a failed step.
// Usage: npm run build && node scripts/e2e/browser-e2e.js
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const { createAmplitudeServer } = require(path.join(e2e.REPO, 'test/support/amplitude-server'));
const { chromium, selectors } = require(
	path.join(e2e.CACHE, 'playwright/node_modules/playwright-core'),
);

const { API_KEY, SECRET_KEY } = e2e;
const CREDENTIAL_NAME = 'Amplitude (local stand-in)';
// The resources and actions the editor must list: those the built node describes.
const { Amplitude } = require(path.join(e2e.REPO, 'dist/nodes/Amplitude/Amplitude.node'));
const { properties } = new Amplitude().description;
const RESOURCES = properties.find((p) => p.name === 'resource').options.map((o) => o.name);
const ACTION_COUNT = properties
	.filter((p) => p.name === 'operation')
	.reduce((count, p) => count + p.options.length, 0);
const SEND_ACTION = /^send\b/i; // the Event resource's send action, whatever its exact title
const TRIGGER_ACTION = 'On new Amplitude event'; // how n8n's node panel lists the Amplitude Trigger
const STEP_TIMEOUT = 30_000;
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const SHOTS = path.join(e2e.ARTIFACTS, 'browser');
const results = [];
let shot = 0;

async function main() {
	const t0 = Date.now();
	fs.rmSync(SHOTS, { recursive: true, force: true });
	fs.mkdirSync(SHOTS, { recursive: true });
	const tmp = e2e.tempDir('amplitude-browser-');
	const server = createAmplitudeServer({ apiKey: API_KEY, secretKey: SECRET_KEY });
	let n8n, editor, browser;
	try {
		n8n = await e2e.createN8n({ label: 'browser' });
		const url = await server.start(0);
		await n8n.installPackage(await e2e.packRepo(tmp));
		await n8n.importCredentials([
			e2e.standInCredential({
				id: 'e2eBrowserCred01',
				name: CREDENTIAL_NAME,
				apiKey: API_KEY,
				secretKey: SECRET_KEY,
				url,
			}),
		]);
		editor = await n8n.start();
		e2e.log(`n8n editor at ${editor.url} (${Date.now() - t0} ms so far)`);
		await e2e.setupOwner(editor.url);

		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
			executablePath: '/usr/bin/chromium',
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
		});
		const page = browser.pages()[0] ?? (await browser.newPage());
		page.setDefaultTimeout(STEP_TIMEOUT);
		await runSteps(page, editor.url, server, url);
		await triggerSteps(page, editor.url);
	} finally {
		await browser?.close();
		await editor?.stop();
		await server.stop();
	}
	const failed = results.filter((ok) => !ok).length;
	console.log(
		`\nbrowser e2e finished in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`,
	);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed || results.length === 0 ? 1 : 0;
}

/** Runs one named step with a screenshot afterwards; later steps are skipped once one fails. */
async function step(page, name, fn) {
	if (results.includes(false)) return void console.log(`skip ${name}`);
	const t = Date.now();
	let ok = true;
	try {
		await fn();
	} catch (err) {
		ok = false;
		console.log(`FAIL ${name}: ${err.message.split('\n')[0]}`);
	}
	const file = path.join(
		SHOTS,
		`${String(++shot).padStart(2, '0')}-${name.replace(/\W+/g, '-').toLowerCase()}.png`,
	);
	await page.waitForTimeout(400); // let animations settle before the screenshot
	await page.screenshot({ path: file }).catch(() => {});
	if (!ok) fs.writeFileSync(file.replace(/\.png$/, '.html'), await page.content().catch(() => ''));
	if (ok) console.log(`ok   ${name} (${Date.now() - t} ms)`);
	results.push(ok);
}

async function runSteps(page, url, server, standInUrl) {
	const { store } = server;
	await step(page, 'sign in', async () => {
		await page.goto(`${url}/signin`);
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(e2e.OWNER.email);
		await page.getByTestId('password').locator('input').fill(e2e.OWNER.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
	});

	await step(
		page,
		'credential test: a send-only key passes, a wrong one fails, both keys pass',
		async () => {
			// What the credential form's test button posts for a credential not saved yet, sent from the
			// page itself (its session cookie, and the browser ID n8n ties that cookie to).
			const test = async (keys) => {
				const credentials = {
					id: '',
					name: 'Amplitude test',
					type: e2e.CREDENTIAL_TYPE,
					data: {
						region: 'custom',
						ingestionUrl: standInUrl,
						dashboardUrl: standInUrl,
						profileUrl: standInUrl,
						...keys,
					},
				};
				const { status, body } = await page.evaluate(async (payload) => {
					const response = await fetch('/rest/credentials/test', {
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							'browser-id': localStorage.getItem('n8n-browserId') ?? '',
						},
						body: JSON.stringify({ credentials: payload }),
					});
					return { status: response.status, body: await response.text() };
				}, credentials);
				assert.equal(status, 200, `POST /rest/credentials/test: ${status} ${body}`);
				return JSON.parse(body).data;
			};
			assert.deepEqual(await test({ apiKey: API_KEY }), {
				status: 'OK',
				message: 'Connection successful!',
			});
			const wrong = await test({ apiKey: 'e2e-wrong-key-0000000000' });
			assert.equal(wrong.status, 'Error');
			assert.match(wrong.message, /did not accept the API key/);
			assert.deepEqual(await test({ apiKey: API_KEY, secretKey: SECRET_KEY }), {
				status: 'OK',
				message: 'Connection successful!',
			});
			assert.equal(
				(await test({ apiKey: API_KEY, secretKey: 'e2e-wrong-secret-000' })).status,
				'Error',
			);
			assert.equal(store.events.length, 0, 'the credential tests wrote no event');
			server.reset();
		},
	);

	await step(page, 'new workflow with a manual trigger', async () => {
		await page.goto(`${url}/workflow/new`);
		await page.getByTestId('canvas-add-button').click();
		// n8n labels it "Trigger manually" in its list of triggers and "Manual Trigger" among
		// search results; which of the two shows depends on whether the search has applied yet.
		await pickFromNodePanel(page, 'manual', /^(Trigger manually|Manual Trigger)$/);
		await closeNdv(page);
	});

	await step(page, 'Amplitude in the node panel', async () => {
		await page.getByTestId('node-creator-plus-button').click();
		await pickFromNodePanel(page, 'Amplitude', 'Amplitude');
	});

	await step(page, `${RESOURCES.length} resources and ${ACTION_COUNT} actions`, async () => {
		const panel = page.getByTestId('node-creator').locator('aside').last(); // the node's details, beside the search list
		await panel.getByText(/^Actions \(\d+\)$/).waitFor();
		const text = await panel.innerText();
		for (const resource of RESOURCES)
			assert.match(text, new RegExp(`${resource} Actions`, 'i'), `resource ${resource} is listed`);
		const actions = await panel
			.getByTestId('item-iterator-item')
			.getByTestId('node-creator-item-name')
			.allInnerTexts();
		assert.equal(
			actions.length,
			ACTION_COUNT,
			`${ACTION_COUNT} actions (got ${actions.length}: ${actions.join(' | ')})`,
		);
		e2e.log(`actions: ${actions.join(' | ')}`);
	});

	await step(page, 'send action opens with the stand-in credential', async () => {
		await clickPanelItem(page, SEND_ACTION);
		await page.getByTestId('ndv').waitFor();
		await page.getByTestId('node-credentials-select').waitFor();
	});

	await step(page, 'credential form: API Key, Secret Key, Region', async () => {
		await page.getByTestId('node-credentials-select').click();
		await page.getByTestId('node-credentials-select-item-new').click();
		const modal = page.getByTestId('credential-edit-dialog');
		await modal.waitFor();
		await modal.getByText('API Key').first().waitFor();
		const text = await modal.innerText();
		for (const label of ['API Key', 'Secret Key', 'Region'])
			assert.ok(text.includes(label), `field "${label}" is shown`);
	});

	await step(page, 'configure Send Event', async () => {
		await page.keyboard.press('Escape'); // closes the credential form (and, in 2.41, the node view too)
		await page.getByTestId('credential-edit-dialog').waitFor({ state: 'hidden' });
		if (!(await page.getByTestId('ndv').isVisible()))
			await page.getByTestId('canvas-node').last().dblclick();
		await selectCredential(page, CREDENTIAL_NAME);
		await fillParameter(page, 'eventType', 'e2e_browser_event');
		await fillParameter(page, 'userId', 'browser-user-1');
	});

	await step(page, 'execute from the editor; the stand-in received the event', async () => {
		await page.getByTestId('ndv').getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await output.getByTestId('node-run-status-success').waitFor();
		assert.match(await output.innerText(), /\b1 item\b/, 'the output panel shows one item');
		const event = store.events.find((e) => e.event_type === 'e2e_browser_event');
		assert.ok(event, `the stand-in has the event (it has ${store.events.length} events)`);
		assert.equal(event.user_id, 'browser-user-1');
	});
}

/** The Amplitude Trigger in a new workflow: its production URL and its setup notice. */
async function triggerSteps(page, url) {
	await step(page, 'Amplitude Trigger: the production URL and the setup notice', async () => {
		await page.goto(`${url}/workflow/new`);
		await page.getByTestId('canvas-add-button').click();
		await pickFromNodePanel(page, 'Amplitude', 'Amplitude');
		await clickPanelItem(page, TRIGGER_ACTION);
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		const productionToggle = ndv.getByText('Production URL', { exact: true });
		if (!(await productionToggle.isVisible()))
			await ndv.getByText('Webhook URLs', { exact: true }).click();
		await productionToggle.click();
		const production = ndv.getByText(/\/webhook\/[0-9a-f-]{36}\/amplitude$/);
		await production.waitFor();
		assert.ok((await production.innerText()).startsWith(`${url}/webhook/`), 'the production URL');
		const text = await ndv.innerText();
		for (const expected of [
			'Data → Catalog → Destinations → Event Streaming → Webhook',
			'X-Amplitude-Webhook-Secret',
			'Without a credential, this webhook accepts any caller',
		])
			assert.ok(text.includes(expected), `the panel shows "${expected}"`);
	});
}

/** Types `search` into the open node panel and clicks the entry called `name`. */
async function pickFromNodePanel(page, search, name) {
	await page.getByTestId('node-creator-search-bar').fill(search);
	await clickPanelItem(page, name);
}

async function clickPanelItem(page, name) {
	const names = page
		.getByTestId('node-creator-item-name')
		.getByText(name, { exact: typeof name === 'string' });
	await page.getByTestId('item-iterator-item').filter({ has: names }).first().click();
}

async function closeNdv(page) {
	const close = page.getByTestId('ndv-close-button');
	if (await close.isVisible()) await close.click();
}

async function selectCredential(page, name) {
	const select = page.getByTestId('node-credentials-select');
	if ((await select.locator('input').inputValue()) === name) return;
	await select.click();
	await page
		.locator('[data-test-id^="node-credentials-select-item-"]')
		.filter({ hasText: name })
		.first()
		.click();
}

async function fillParameter(page, name, value) {
	const input = page
		.getByTestId(`parameter-input-${name}`)
		.locator('input, textarea, [contenteditable="true"]')
		.first();
	await input.click();
	await input.fill(value);
	await page.keyboard.press('Tab');
}

e2e.exitOnSignals();
main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
