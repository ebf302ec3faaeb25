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
