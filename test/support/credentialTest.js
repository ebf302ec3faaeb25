// Runs the Amplitude API credential's test the way n8n's credentials tester does (n8n 2.41.1,
// dist/services/credentials-tester.service.js, runRequestTest): a temporary node whose only
// property routes the credential's test request, run by n8n-core's own RoutingNode (which
// resolves the request's expressions over $credentials and calls the credential's authenticate),
// then the rules: `responseCode` rules on an error answer, `responseSuccessBody` rules on a
// successful one. Returns n8n's verdict, { status: 'OK' | 'Error', message }.
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { Workflow, createEmptyRunExecutionData } = require('n8n-workflow');
const { AmplitudeApi } = require('../../dist/credentials/AmplitudeApi.credentials');
const { additionalDataFor } = require('./harness');

const credentialType = new AmplitudeApi();
const TEMP_TYPE = 'test.credentialTest';

function get(object, path) {
	return path
		.split('.')
		.reduce(
			(value, key) => (value === null || value === undefined ? undefined : value[key]),
			object,
		);
}

/**
 * n8n's verdict on the credential `data`. With `onRequest`, the request is not sent: its options,
 * as the credential's authenticate leaves them, go to onRequest instead (so no network is touched).
 */
async function testCredential(data, { onRequest } = {}) {
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: TEMP_TYPE,
			version: 1,
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test.request },
					default: '',
				},
			],
		},
	};
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: TEMP_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: 'cred-1', name: 'Amplitude account' } },
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const inputData = { main: [[{ json: {} }]] };
	const additionalData = additionalDataFor(data, 'credential-test', 'internal');
	if (onRequest) {
		const { credentialsHelper } = additionalData;
		const authenticate = credentialsHelper.authenticate.bind(credentialsHelper);
		credentialsHelper.authenticate = async (...args) => {
			onRequest(await authenticate(...args));
			throw new Error('request recorded, not sent');
		};
	}
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		inputData,
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred-1',
		name: 'Amplitude account',
		type: credentialType.name,
		data,
	});
	const rules = credentialType.test.rules ?? [];
	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const answer = error.cause?.response;
		if (answer) {
			const rule = rules.find(
				(r) => r.type === 'responseCode' && r.properties.value === answer.status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			return {
				status: 'Error',
				message: answer.statusText || `Received HTTP status code: ${answer.status}`,
			};
		}
		if (error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of rules) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (get(response[0][0].json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredential };
