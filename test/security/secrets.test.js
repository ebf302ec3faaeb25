// The API key and secret key (and their base64 forms) must never appear in an output item, an
// error (message, description, stack, anything n8n stores with the execution) or a log line.
// The runs happen in a process of their own (leakProbe.js), so every byte it prints is checked,
// n8n's debug log included, whatever jest does with consoles.
const { execFile } = require('node:child_process');
const { join } = require('node:path');

const KEYS = {
	apiKey: 'apikey-3f9c2e71d4',
	secretKey: 'secret-8b1e44a7c9',
	deploymentKey: 'deploy-5d2b8e0f61',
};
const FORMS = [
	KEYS.apiKey,
	KEYS.secretKey,
	KEYS.deploymentKey,
	Buffer.from(`${KEYS.apiKey}:${KEYS.secretKey}`).toString('base64'),
	Buffer.from(KEYS.apiKey).toString('base64'),
	Buffer.from(KEYS.secretKey).toString('base64'),
	Buffer.from(KEYS.deploymentKey).toString('base64'),
];

let printed;
let runs;
beforeAll(async () => {
	printed = await new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[join(__dirname, 'leakProbe.js'), KEYS.apiKey, KEYS.secretKey, KEYS.deploymentKey],
			{ maxBuffer: 1 << 28 },
			(error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}\n${stderr}`)),
		);
	});
	runs = printed
		.split('\n')
		.filter((line) => line.startsWith('{"operation"'))
		.map((line) => JSON.parse(line));
}, 120_000);

function expectNoSecrets(text) {
	for (const form of FORMS) expect(text).not.toContain(form);
}

test('every operation ran in every case, with and without continue on error', () => {
	expect(runs).toHaveLength(25 * 4 * 2);
	const byCase = (name) => runs.filter((run) => run.case === name);
	expect(byCase('succeeds').every((run) => run.status === 'success')).toBe(true);
	expect(
		byCase('is refused')
			.filter((run) => !run.continueOnFail)
			.every((run) => run.status === 'error'),
	).toBe(true);
	expect(
		byCase('cannot connect')
			.filter((run) => !run.continueOnFail)
			.every((run) => /Could not reach Amplitude/.test(run.error.message)),
	).toBe(true);
});

test.each(['succeeds', 'is refused', 'meets a server error', 'cannot connect'])(
	'no key in outputs, errors or run data when an operation %s',
	(name) => {
		const text = runs
			.filter((run) => run.case === name)
			.map((run) => JSON.stringify(run))
			.join('\n');
		expect(text.length).toBeGreaterThan(0);
		expectNoSecrets(text);
	},
);

test("no key in anything the process printed, n8n's debug log included", () => {
	expect(printed).toMatch(/Running node "Amplitude" finished with error/);
	expectNoSecrets(printed);
});

test('the check can see a leak', () => {
	expect(() => expectNoSecrets(`x ${FORMS[2]} y`)).toThrow();
});
