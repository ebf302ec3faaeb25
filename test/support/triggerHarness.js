// Runs the built Amplitude Trigger (dist/) the way n8n 2.41.1 runs a production webhook
// (n8n/dist/webhooks/webhook-helpers.js executeWebhook), on n8n-core's real WebhookContext and
// WorkflowExecute, behind a real loopback HTTP server:
//   - the body is read as n8n reads it: rawBody always; application/json parsed (a body that does
//     not parse is answered 422 before the node runs), text/plain as a string, forms as objects;
//   - webhook() runs with n8n's WebhookContext (credentials, parameters, request, response);
//   - { noWebhookResponse: true } without workflow data: the node answered, no execution;
//   - no workflow data: n8n answers 200 "Webhook call received", no execution;
//   - workflow data: an execution runs on WorkflowExecute (Amplitude Trigger → Collect) and n8n
//     answers 200 as it does in responseMode onReceived (onReceivedAnswer); `failStart` answers
//     500 instead, as n8n does when it cannot create the execution;
//   - webhook() throwing: n8n answers 500.
const http = require('node:http');
const querystring = require('node:querystring');
const zlib = require('node:zlib');

const { HookContext, WebhookContext, WorkflowExecute } = require('n8n-core');
const { Workflow, createRunExecutionData } = require('n8n-workflow');
const { additionalDataFor } = require('./harness');
const { AmplitudeTrigger } = require('../../dist/nodes/Amplitude/AmplitudeTrigger.node');

const TRIGGER_TYPE = 'n8n-nodes-amplitude.amplitudeTrigger';
const COLLECT_TYPE = 'test.collect';
const TRIGGER_NAME = 'Amplitude Trigger';
const CREDENTIAL = 'amplitudeWebhookApi';
const SECRET = { headerName: 'X-Amplitude-Webhook-Secret', headerValue: 'whsec-0123456789abcdef' };

/** A node that passes its input on: the execution's second node. */
class Collect {
	description = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Passes items on',
		defaults: { name: 'Collect' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute() {
		return [this.getInputData()];
	}
}

let workflowCounter = 0;

function workflowWith(parameters, credentials, id) {
	const trigger = new AmplitudeTrigger();
	const types = { [TRIGGER_TYPE]: trigger, [COLLECT_TYPE]: new Collect() };
	const get = (type) => types[type];
	return new Workflow({
		id,
		name: 'trigger test',
		active: true,
		nodeTypes: { getByName: get, getByNameAndVersion: get, getKnownTypes: () => ({}) },
		connections: { [TRIGGER_NAME]: { main: [[{ node: 'Collect', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: `trigger-${id}`,
				name: TRIGGER_NAME,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: `hook-${id}`,
				parameters,
				...(credentials ? { credentials: { [CREDENTIAL]: { id: 'c1', name: 'Webhook' } } } : {}),
			},
			{
				id: `collect-${id}`,
				name: 'Collect',
				type: COLLECT_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
		],
	});
}

function readRaw(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		const stream = req.headers['content-encoding'] === 'gzip' ? req.pipe(zlib.createGunzip()) : req;
		stream.on('data', (chunk) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

/** n8n's parseBody (n8n/dist/middlewares/body-parser.js), for the content types it handles. */
function parseLikeN8n(req) {
	const text = req.rawBody.toString('utf8');
	if (!req.rawBody.length) return;
	if (req.contentType === 'application/json') req.body = JSON.parse(text);
	else if (req.contentType === 'application/x-www-form-urlencoded')
		req.body = querystring.parse(text);
	else if (req.contentType === 'text/plain') req.body = text;
}

function sendJson(res, status, body) {
	if (res.headersSent) return;
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/**
 * What n8n answers once it started an execution in responseMode onReceived
 * (webhook-on-received-response-extractor.js): the webhook description's responseData when it is
 * set (an undefined one defaults to the text "firstEntryJson"), nothing for 'noData', else the
 * node's webhookResponse or {"message":"Workflow was started"}.
 */
function onReceivedAnswer(res, responseData = 'firstEntryJson', result) {
	if (responseData === 'noData') return res.writeHead(200).end();
	if (responseData) return res.writeHead(200).end(String(responseData));
	sendJson(res, 200, result.webhookResponse ?? { message: 'Workflow was started' });
}

/**
 * Starts a trigger behind a loopback server.
 * @param {object} options
 * @param {object} [options.parameters] the trigger's parameters
 * @param {object|null} [options.credentials] the Amplitude Webhook credential data; null: none
 * @param {string} [options.mode] 'webhook' (production) or 'manual' (test URL)
 * @param {string} [options.workflowId] the same id shares the deduplication memory (a restart
 *   cannot be simulated in one process: the memory lives as long as the process)
 */
async function startTrigger({
	parameters = {},
	credentials = SECRET,
	mode = 'webhook',
	workflowId = `wf-trigger-${++workflowCounter}`,
} = {}) {
	const workflow = workflowWith(parameters, credentials, workflowId);
	const node = workflow.getNode(TRIGGER_NAME);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(TRIGGER_TYPE);
	const executions = [];
	const errors = [];
	const state = { failStart: false };
	const webhookDataFor = (additionalData) => ({
		httpMethod: 'POST',
		node: TRIGGER_NAME,
		path: `${node.webhookId}/amplitude`,
		webhookDescription: nodeType.description.webhooks[0],
		workflowId,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	});

	async function handle(req, res) {
		req.contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		req.rawBody = await readRaw(req);
		try {
			parseLikeN8n(req);
		} catch (error) {
			return sendJson(res, 422, { code: 422, message: 'Failed to parse request body' });
		}
		const additionalData = {
			...additionalDataFor(credentials ?? {}, `exec-${executions.length + 1}`, mode),
			httpRequest: req,
			httpResponse: res,
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			mode,
			webhookDataFor(additionalData),
			[],
			null,
		);
		let result;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			errors.push(error);
			return sendJson(res, 500, { code: 0, message: 'Workflow could not be started!' });
		}
		if (result.noWebhookResponse === true) return;
		if (result.workflowData === undefined)
			return sendJson(res, 200, { message: 'Webhook call received' });
		if (state.failStart)
			return sendJson(res, 500, { code: 0, message: 'There was a problem executing the workflow' });
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		const collected = run.data.resultData.runData.Collect?.[0]?.data?.main?.[0] ?? [];
		executions.push({ status: run.status, items: collected.map((item) => item.json) });
		onReceivedAnswer(res, nodeType.description.webhooks[0].responseData, result);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			errors.push(error);
			sendJson(res, 500, { message: error.message });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/webhook/${node.webhookId}/amplitude`;

	/**
	 * POSTs a delivery: body (an object or array is sent as JSON; a string or Buffer as it is);
	 * contentType null sends none. Returns { status, body (parsed JSON, else text), executionsStarted }.
	 */
	async function post(
		body,
		{ headers = {}, secret = true, contentType = 'application/json' } = {},
	) {
		const before = executions.length;
		const sent = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		// fetch gives string bodies a text/plain type of its own; bytes go without one.
		const payload = contentType === null ? Buffer.from(sent) : sent;
		const all = {
			'user-agent': 'Amplitude/Webhook/1.0',
			...(contentType ? { 'content-type': contentType } : {}),
			...(secret && credentials ? { [credentials.headerName]: credentials.headerValue } : {}),
			...headers,
		};
		const response = await fetch(url, { method: 'POST', headers: all, body: payload });
		const text = await response.text();
		let parsed = text;
		try {
			parsed = JSON.parse(text);
		} catch {}
		return { status: response.status, body: parsed, executionsStarted: executions.length - before };
	}

	/** Runs one of the node's webhookMethods on n8n-core's HookContext, as (de)activation does. */
	async function lifecycle(method) {
		const additionalData = additionalDataFor(credentials ?? {}, 'activation', mode);
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			mode,
			'activate',
			webhookDataFor(additionalData),
		);
		return await nodeType.webhookMethods.default[method].call(context);
	}

	return {
		url,
		post,
		lifecycle,
		executions,
		errors,
		/** The next executions n8n "fails to start" (answers 500) while true. */
		set failStart(value) {
			state.failStart = value;
		},
		stop: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startTrigger, SECRET, TRIGGER_NAME };
