// The rows benchmark's scenarios, each (size, url) → { ms, nodeMs, rows }, all through n8n's engine
// (WorkflowExecute) with the same credential against the same chart server (chartServer.js):
//   (s) the node: Event Segmentation with Output Format rows, one item per day and group;
//   (v) the node: Saved Chart with Output Format rows (the same chart as CSV, parsed);
//   (f) the floor through n8n: a minimal node that gets the same segmentation answer through n8n's
//       request helper and builds the same rows ({date, series_label, value}) in two plain loops;
//   (t) the engine floor: a minimal node that makes as many trivial items ({json: {i}}), fetching
//       nothing.
// ms is the whole run (the engine's own work on 365,000 items included), nodeMs the node's
// execution time as n8n records it.
const { performance } = require('node:perf_hooks');
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { runAmplitude, customCredentials, NODE_NAME } = require('../../test/support/harness');

const LABELS = {
	s: '(s) node: segmentation rows',
	v: '(v) node: saved chart rows',
	f: '(f) floor: same rows, plain loops',
	t: '(t) floor: trivial items',
};

const START = '20250101';
const DAY = 86_400_000;

function endFor(days) {
	return new Date(Date.UTC(2025, 0, 1) + (days - 1) * DAY)
		.toISOString()
		.slice(0, 10)
		.replaceAll('-', '');
}

const segmentationParameters = ({ days, groups }) => ({
	resource: 'analytics',
	operation: 'eventSegmentation',
	eventType: 'Open App',
	start: START,
	end: endFor(days),
	groupBy: 'country',
	limit: groups,
	options: { outputFormat: 'rows' },
});

class RowsFloor extends Amplitude {
	async execute() {
		const { dashboardUrl } = await this.getCredentials('amplitudeApi');
		const { data } = await this.helpers.httpRequestWithAuthentication.call(this, 'amplitudeApi', {
			method: 'GET',
			url: `${dashboardUrl}/api/2/events/segmentation`,
			qs: {
				start: this.getNodeParameter('start', 0),
				end: this.getNodeParameter('end', 0),
				limit: this.getNodeParameter('limit', 0),
			},
			json: true,
		});
		const rows = [];
		for (let s = 0; s < data.series.length; s++) {
			const label = data.seriesLabels[s][1];
			const points = data.series[s];
			for (let d = 0; d < points.length; d++)
				rows.push({
					json: { date: data.xValues[d], series_label: label, value: points[d] },
					pairedItem: { item: 0 },
				});
		}
		return [rows];
	}
}

function trivialItems(count) {
	return new (class TrivialItems extends Amplitude {
		async execute() {
			const items = new Array(count);
			for (let i = 0; i < count; i++) items[i] = { json: { i }, pairedItem: { item: 0 } };
			return [items];
		}
	})();
}

const SCENARIOS = {
	s: (size) => ({ parameters: segmentationParameters(size) }),
	v: ({ days, groups }) => ({
		parameters: {
			resource: 'analytics',
			operation: 'savedChart',
			chartId: `g${groups}d${days}`,
			options: { outputFormat: 'rows' },
		},
	}),
	f: (size) => ({ parameters: segmentationParameters(size), node: new RowsFloor() }),
	t: (size) => ({
		parameters: segmentationParameters(size),
		node: trivialItems(size.days * size.groups),
	}),
};

async function runScenario(scenario, size, url) {
	const started = performance.now();
	const result = await runAmplitude({
		...SCENARIOS[scenario](size),
		credentials: customCredentials(url),
	});
	const ms = performance.now() - started;
	if (result.status !== 'success') throw new Error(`${scenario}: ${result.error?.message}`);
	const rows = result.output.length;
	if (rows !== size.days * size.groups)
		throw new Error(`${scenario}: ${rows} rows, not ${size.days * size.groups}`);
	const nodeMs = result.run.data.resultData.runData[NODE_NAME][0].executionTime;
	return { ms, nodeMs, rows };
}

module.exports = { LABELS, runScenario };
