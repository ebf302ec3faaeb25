// Stand-ins for the benchmark's reference scenarios, run in the Amplitude node's place.
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { loadContext } = require('../../dist/nodes/Amplitude/transport/index');

/** (d) n8n's own cost: the node's description, reading the same parameters per item, sending nothing. */
class ReadParametersOnly extends Amplitude {
	async execute() {
		const items = this.getInputData();
		const output = new Array(items.length);
		for (let i = 0; i < items.length; i++) {
			const json = {
				event_type: this.getNodeParameter('eventType', i),
				user_id: this.getNodeParameter('userId', i),
				device_id: this.getNodeParameter('deviceId', i, ''),
				event_properties: this.getNodeParameter('eventProperties', i, ''),
				user_properties: this.getNodeParameter('userProperties', i, ''),
				additional: this.getNodeParameter('additionalFields', i, {}),
			};
			output[i] = { json, pairedItem: { item: i } };
		}
		return [output];
	}
}

/** (e) what the HTTP Request node costs today: one this.helpers.httpRequest per item. */
class RequestPerItem {
	description = {
		displayName: 'Request Per Item',
		name: 'requestPerItem',
		version: 1,
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
		],
	};

	async execute() {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0);
		const apiKey = this.getNodeParameter('apiKey', 0);
		const output = [];
		for (let i = 0; i < items.length; i++) {
			const body = await this.helpers.httpRequest({
				method: 'POST',
				url,
				json: true,
				body: { api_key: apiKey, events: [items[i].json] },
			});
			output.push({ json: body, pairedItem: { item: i } });
		}
		return [output];
	}
}

/**
 * (f) the floor through n8n: the same pre-serialized batches as (c), posted one after another
 * through n8n's request helper with the Amplitude credential (which adds the api_key), from
 * inside n8n's engine; (g) the same with `inFlight` requests at once, as many as the node sends
 * (execute runs with n8n's context as `this`, so the count comes from here); (h) as (g), but each
 * batch is serialized (one JSON.stringify, as the node does) just before it is posted, within
 * the timed part. Only the posting is timed; the first output item carries the time.
 */
function postThroughN8n(inFlight, serializeWhilePosting = false) {
	return class PostThroughN8n extends Amplitude {
		async execute() {
			const items = this.getInputData();
			// The credential loaded once and handed to every request, as the node does.
			const { credentials, loaded } = await loadContext.call(this);
			const batchSize = this.getNodeParameter('options', 0, {}).batchSize;
			const serialize = (batch) =>
				Buffer.from(JSON.stringify({ events: batch.map((item) => item.json) }));
			const batches = [];
			for (let start = 0; start < items.length; start += batchSize) {
				const batch = items.slice(start, start + batchSize);
				batches.push(serializeWhilePosting ? batch : serialize(batch));
			}
			const before = process.cpuUsage();
			const started = performance.now();
			let next = 0;
			const postInTurn = async () => {
				while (next < batches.length) {
					const batch = batches[next++];
					await post(serializeWhilePosting ? serialize(batch) : batch);
				}
			};
			const post = async (body) =>
				await this.helpers.httpRequestWithAuthentication.call(
					this,
					'amplitudeApi',
					{
						method: 'POST',
						url: `${credentials.ingestionUrl}/2/httpapi`,
						body,
						headers: { 'Content-Type': 'application/json' },
						json: true,
						// As the node does: no redirect handling around each request.
						disableFollowRedirect: true,
					},
					{ credentialsDecrypted: loaded },
				);
			await Promise.all(Array.from({ length: inFlight }, postInTurn));
			const ms = performance.now() - started;
			const cpu = process.cpuUsage(before);
			const timing = { ms, cpuMs: (cpu.user + cpu.system) / 1000, requests: batches.length };
			return [items.map((_, i) => ({ json: i === 0 ? timing : {}, pairedItem: { item: i } }))];
		}
	};
}

module.exports = { ReadParametersOnly, RequestPerItem, postThroughN8n };
