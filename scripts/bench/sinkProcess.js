// The minimal sink (sink.js) in a process of its own, for the benchmarks that post to it.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

/** Starts sink.js on a free port: resolves to its URL and a stop function. */
function startSink() {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(__dirname, 'sink.js'), '--port', '0'], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`sink exited with ${code}`)));
	});
}

/** Runs `run(url)` against a fresh sink, stopped afterwards. */
async function withSink(run) {
	const sink = await startSink();
	try {
		return await run(sink.url);
	} finally {
		sink.stop();
	}
}

/** The sink's counts since the last reset, which starts it afresh. */
async function resetSink(url) {
	const response = await fetch(`${url}/reset`, { method: 'POST' });
	return await response.json();
}

module.exports = { withSink, resetSink };
