// A CPU profile of one Send Event run (auto-mapped items), the warm-up and input generation left out.
// Usage: node scripts/bench/profile.js <events> <sink url> <out.cpuprofile>
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { runAmplitude, customCredentials } = require('../../test/support/harness');
const { eventsFor, BATCH_SIZE } = require('./data');
const { inspectorCall } = require('./inspector');

const [countText, url, out] = process.argv.slice(2);
const parameters = {
	resource: 'event',
	operation: 'send',
	mappingMode: 'autoMapInputData',
	options: { batchSize: BATCH_SIZE },
};

(async () => {
	const credentials = customCredentials(url);
	await runAmplitude({ items: eventsFor(1000), parameters, credentials, executionId: 'warm-up' });
	const items = eventsFor(Number(countText));
	const session = new Session();
	session.connect();
	await inspectorCall(session, 'Profiler.enable');
	await inspectorCall(session, 'Profiler.setSamplingInterval', { interval: 50 });
	await inspectorCall(session, 'Profiler.start');
	const result = await runAmplitude({ items, parameters, credentials, executionId: 'profiled' });
	const { profile } = await inspectorCall(session, 'Profiler.stop');
	writeFileSync(out, JSON.stringify(profile));
	console.log(
		'node ms',
		result.run.data.resultData.runData.Amplitude[0].executionTime,
		result.status,
	);
})();
