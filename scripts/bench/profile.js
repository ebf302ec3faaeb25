// A CPU profile of one Send Event run (auto-mapped items), the warm-up and input generation left out.
// Usage: node scripts/bench/profile.js <events> <sink url> <out.cpuprofile>
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { runAmplitude, customCredentials } = require('../../test/support/harness');
const { eventsFor, BATCH_SIZE } = require('./data');

const [countText, url, out] = process.argv.slice(2);
const parameters = {
	resource: 'event',
	operation: 'send',
	mappingMode: 'autoMapInputData',
	options: { batchSize: BATCH_SIZE },
};
const post = (session, method, params) =>
	new Promise((resolve, reject) =>
		session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
	);

(async () => {
	const credentials = customCredentials(url);
	await runAmplitude({ items: eventsFor(1000), parameters, credentials, executionId: 'warm-up' });
	const items = eventsFor(Number(countText));
	const session = new Session();
	session.connect();
	await post(session, 'Profiler.enable');
	await post(session, 'Profiler.setSamplingInterval', { interval: 50 });
	await post(session, 'Profiler.start');
	const result = await runAmplitude({ items, parameters, credentials, executionId: 'profiled' });
	const { profile } = await post(session, 'Profiler.stop');
	writeFileSync(out, JSON.stringify(profile));
	console.log(
		'node ms',
		result.run.data.resultData.runData.Amplitude[0].executionTime,
		result.status,
	);
})();
