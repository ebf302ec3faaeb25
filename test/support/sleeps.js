// Records the waits the node asks n8n-workflow's sleep for, and skips them, so tests check how
// long the node would wait without timing anything. The node calls sleep through the module
// object, so replacing the export reaches it.
const workflow = require('n8n-workflow');

function recordSleeps() {
	const original = Object.getOwnPropertyDescriptor(workflow, 'sleep');
	const waits = [];
	Object.defineProperty(workflow, 'sleep', {
		configurable: true,
		writable: true,
		value: async (ms) => {
			waits.push(ms);
		},
	});
	return { waits, restore: () => Object.defineProperty(workflow, 'sleep', original) };
}

module.exports = { recordSleeps };

/**
 * recordSleeps on a clock of its own: Date.now() stands still except for the sleeps the node
 * asks for, which move it on. Spacing the node keeps between requests (a rate limit) then shows
 * exactly in the request times, with no waiting and no timing.
 */
function virtualClock(start = Date.now()) {
	const originalSleep = Object.getOwnPropertyDescriptor(workflow, 'sleep');
	const originalNow = Date.now;
	const waits = [];
	let now = start;
	Object.defineProperty(workflow, 'sleep', {
		configurable: true,
		writable: true,
		value: async (ms) => {
			waits.push(ms);
			now += ms;
		},
	});
	Date.now = () => now;
	return {
		waits,
		now: () => now,
		restore: () => {
			Object.defineProperty(workflow, 'sleep', originalSleep);
			Date.now = originalNow;
		},
	};
}

module.exports.virtualClock = virtualClock;
