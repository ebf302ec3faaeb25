// Runs workflows through n8n-core's real WorkflowExecute with the built node (dist/).
// A "Test Items" source node feeds the Amplitude node the given input items, so parameters can be
// n8n expressions over them ({{ $json.x }}), exactly as in a user's workflow.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-amplitude-test-'));
// n8n-core logs node errors; tests that read the log set their own level before requiring this file.
process.env.N8N_LOG_LEVEL ??= 'silent';

const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow, createRunExecutionData } = require('n8n-workflow');
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const { AmplitudeApi } = require('../../dist/credentials/AmplitudeApi.credentials');

const NODE_TYPE = 'n8n-nodes-amplitude.amplitude';
const SOURCE_TYPE = 'test.items';
const NODE_NAME = 'Amplitude';
const credentialType = new AmplitudeApi();

/**
 * A source node that outputs the items it is made with, the very objects, as an upstream node's
 * output reaches the next node in n8n. (Items in a node parameter would be deep-copied by n8n,
 * several times over, and resolved as expressions.)
 */
class TestItems {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	constructor(items) {
		// n8n calls execute with its own context as `this`.
		this.execute = async () => [items.map((json) => ({ json }))];
	}
}

function nodeTypesWith(amplitude, items) {
	const types = { [NODE_TYPE]: amplitude, [SOURCE_TYPE]: new TestItems(items) };
	const get = (type) => {
		if (!types[type]) throw new Error(`Unknown node type ${type}`);
		return types[type];
	};
	return { getByName: get, getByNameAndVersion: get, getKnownTypes: () => ({}) };
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentials) {
		super();
		this.credentials = credentials;
		/** How many times n8n loaded (in n8n: read and decrypted) the credential. */
		this.loads = 0;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	getCredentialsProperties() {
		return credentialType.properties;
	}
	async getDecrypted() {
		this.loads++;
		return this.credentials;
	}
	async authenticate(credentials, _type, requestOptions) {
		return await credentialType.authenticate(credentials, requestOptions);
	}
	async preAuthentication() {}
	async runPreAuthentication() {}
	async getCredentials() {
		throw new Error('not used in tests');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
}

const US = { apiKey: 'us-api-key-123456', secretKey: 'us-secret-key-abcdef', region: 'us' };
const EU = { apiKey: 'eu-api-key-123456', secretKey: 'eu-secret-key-abcdef', region: 'eu' };

function customCredentials(url, keys = {}) {
	return {
		apiKey: 'local-api-key',
		secretKey: 'local-secret-key',
		...keys,
		region: 'custom',
		ingestionUrl: url,
		dashboardUrl: url,
		profileUrl: url,
		experimentUrl: url,
	};
}

/** What n8n's engine needs around a run, with the given decrypted credential data. */
function additionalDataFor(credentials, executionId = 'exec-1', mode = 'manual') {
	const url = (path) => `http://localhost:5678/${path}`;
	return {
		executionId,
		hooks: new ExecutionLifecycleHooks(mode, executionId, {}),
		credentialsHelper: new TestCredentialsHelper(credentials),
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: url('rest'),
		instanceBaseUrl: url(''),
		webhookBaseUrl: url('webhook'),
		webhookWaitingBaseUrl: url('webhook-waiting'),
		webhookTestBaseUrl: url('webhook-test'),
		formBaseUrl: url('form'),
		formWaitingBaseUrl: url('form-waiting'),
		formTestBaseUrl: url('form-test'),
	};
}

/**
 * Runs [Test Items] -> [Amplitude] and returns the Amplitude node's output items, the run status,
 * and its error (if any).
 * @param {object} options
 * @param {object} options.parameters the Amplitude node's parameters
 * @param {object[]} [options.items] input items' JSON (default: one empty item)
 * @param {object} [options.credentials] decrypted credential data (default: US)
 * @param {boolean} [options.continueOnFail]
 * @param {string} [options.executionId]
 * @param {object} [options.node] another node instance to run in the Amplitude node's place (benchmarks)
 * @param {number} [options.establishedAt] the execution context's establishedAt (else n8n sets it)
 */
async function runAmplitude({
	parameters,
	items = [{}],
	credentials = US,
	continueOnFail = false,
	executionId = 'exec-1',
	nodeName = NODE_NAME,
	node = new Amplitude(),
	establishedAt,
}) {
	const workflow = new Workflow({
		id: 'wf-1',
		name: 'test',
		active: false,
		nodeTypes: nodeTypesWith(node, items),
		connections: { Items: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: 'n0',
				name: 'Items',
				type: SOURCE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'n1',
				name: nodeName,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { amplitudeApi: { id: 'cred-1', name: 'Amplitude account' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
		],
	});
	const additionalData = additionalDataFor(credentials, executionId);
	const run =
		establishedAt === undefined
			? await new WorkflowExecute(additionalData, 'manual').run({
					workflow,
					startNode: workflow.getNode('Items'),
				})
			: await new WorkflowExecute(
					additionalData,
					'manual',
					fromStart(workflow, { version: 1, establishedAt, source: 'manual' }),
				).processRunExecutionData(workflow);
	return {
		...resultOf(run, workflow, nodeName),
		credentialLoads: additionalData.credentialsHelper.loads,
	};
}

/** Run state that starts at the Items node, with the given execution context. */
function fromStart(workflow, runtimeData) {
	return createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode('Items'), data: { main: [[{ json: {} }]] }, source: null },
			],
			runtimeData,
		},
	});
}

function resultOf(run, workflow, nodeName) {
	const task = run.data.resultData.runData[nodeName]?.at(-1);
	return {
		run,
		workflow,
		nodeName,
		status: run.status,
		output: task?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? task?.error,
	};
}

/**
 * What n8n 2.41.1 does when a user retries a failed execution (ExecutionService.retry, then
 * WorkflowRunner): a new execution ID in mode 'retry', resuming the saved run state (a JSON copy,
 * as stored) after dropping the failed node's error, so the failed node runs again on the same input.
 */
async function retryAmplitude(previous, { credentials = US, executionId = 'exec-retry' } = {}) {
	const data = JSON.parse(JSON.stringify(previous.run.data));
	delete data.resultData.error;
	const failed = data.resultData.runData[data.resultData.lastNodeExecuted];
	if (failed?.at(-1)?.error !== undefined) failed.pop();
	const additionalData = additionalDataFor(credentials, executionId, 'retry');
	const run = await new WorkflowExecute(additionalData, 'retry', data).processRunExecutionData(
		previous.workflow,
	);
	return resultOf(run, previous.workflow, previous.nodeName);
}

/**
 * A retry of an execution whose worker crashed before saving any progress: n8n stored only what
 * it created before the first node ran (the start node's stack and the execution context), so
 * every node runs again, in a new execution in mode 'retry'.
 */
async function rerunCrashed(previous, { credentials = US, executionId = 'exec-crash-retry' } = {}) {
	const data = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: previous.workflow.getNode('Items'),
					data: { main: [[{ json: {} }]] },
					source: null,
				},
			],
			runtimeData: JSON.parse(JSON.stringify(previous.run.data.executionData.runtimeData)),
		},
	});
	const additionalData = additionalDataFor(credentials, executionId, 'retry');
	const run = await new WorkflowExecute(additionalData, 'retry', data).processRunExecutionData(
		previous.workflow,
	);
	return resultOf(run, previous.workflow, previous.nodeName);
}

/** The JSON of every output item. */
function jsonOf(result) {
	return result.output.map((item) => item.json);
}

module.exports = {
	runAmplitude,
	retryAmplitude,
	rerunCrashed,
	jsonOf,
	additionalDataFor,
	US,
	EU,
	customCredentials,
	NODE_NAME,
};
