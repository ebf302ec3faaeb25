// Stand-ins for the benchmark's reference scenarios, run in the Amplitude node's place.
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');

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

module.exports = { ReadParametersOnly, RequestPerItem };
