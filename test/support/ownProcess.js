// runAmplitude in a Node process of its own, without nock or jest: for the tests that need the
// whole way to a loopback server to be real sockets (a jest worker shares Node's http module
// between test files, and an HTTP interceptor left there would read every answer in full).
const { execFile } = require('node:child_process');

/** Resolves to { status, output, error: { name, message, context } | undefined }. */
function runAmplitudeInOwnProcess(options) {
	return new Promise((resolve, reject) => {
		const child = execFile(
			process.execPath,
			[__filename],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) return reject(new Error(`${error.message}\n${stderr}`));
				resolve(JSON.parse(stdout));
			},
		);
		child.stdin.end(JSON.stringify(options));
	});
}

if (require.main === module) {
	const { runAmplitude } = require('./harness');
	let input = '';
	process.stdin.on('data', (chunk) => (input += chunk));
	process.stdin.on('end', async () => {
		const result = await runAmplitude(JSON.parse(input));
		const { error } = result;
		process.stdout.write(
			JSON.stringify({
				status: result.status,
				output: result.output,
				error: error && { name: error.name, message: error.message, context: error.context },
			}),
		);
	});
}

module.exports = { runAmplitudeInOwnProcess };
