// One scenario in a process of its own, so its peak RSS is its own: a warm-up run of up to 1000
// events, then one measured run. Prints one JSON line.
// Usage: node scripts/bench/memory.js <a|b|c|d|e> <events> <sink url>
const { scenarios } = require('./scenarios');

const [scenario, countText, url] = process.argv.slice(2);
const count = Number(countText);

(async () => {
	await scenarios[scenario](Math.min(count, 1000), url);
	const baselineRss = process.memoryUsage().rss;
	await scenarios[scenario](count, url);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	console.log(JSON.stringify({ scenario, count, baselineRss, peakRss }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
