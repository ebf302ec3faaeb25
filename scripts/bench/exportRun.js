// One Event → Export run in a process of its own, so its peak RSS is its own: a warm-up export
// (1,000 events, same variant and mode), then one measured export. Prints one JSON line.
// Usage: node scripts/bench/exportRun.js <node|floor> <items|binary> <stand-in url> <start> <end>
// n8n's binary data is in filesystem mode, as in a regular n8n.
const fs = require('node:fs');
const { runAmplitude, customCredentials, NODE_NAME } = require('../../test/support/harness');
const { useFilesystemBinaryData } = require('../../test/support/binaryData');
const { StreamToBinary, ZipToItems } = require('./exportFloor');

const [variant, mode, url, start, end] = process.argv.slice(2);
const KEYS = { apiKey: 'bench-api-key', secretKey: 'bench-secret-key' };
const WARM_UP = '20261101T00';

function run(from, to) {
	if (variant === 'node') {
		return runAmplitude({
			parameters: {
				resource: 'event',
				operation: 'export',
				start: from,
				end: to,
				options: { outputFormat: mode, maxEvents: 10_000_000 },
			},
			credentials: customCredentials(url, KEYS),
		});
	}
	const authorization = `Basic ${Buffer.from(`${KEYS.apiKey}:${KEYS.secretKey}`).toString('base64')}`;
	return runAmplitude({
		parameters: { url, start: from, end: to, authorization },
		node: mode === 'binary' ? new StreamToBinary() : new ZipToItems(),
	});
}

(async () => {
	await useFilesystemBinaryData();
	const warmUp = await run(WARM_UP, WARM_UP);
	if (warmUp.status !== 'success') throw warmUp.error;
	const baselineRss = process.memoryUsage().rss;
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await run(start, end);
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	if (result.status !== 'success') throw result.error;
	const task = result.run.data.resultData.runData[NODE_NAME][0];
	console.log(
		JSON.stringify({
			variant,
			mode,
			items: result.output.length,
			bytes: mode === 'binary' ? result.output[0].binary.data.bytes : undefined,
			executionTimeMs: task.executionTime,
			wallMs: Math.round(wallMs),
			cpuMs: Math.round((cpu.user + cpu.system) / 1000),
			baselineRss,
			peakRss,
		}),
	);
	fs.rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
