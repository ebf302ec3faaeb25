'use strict';
// n8n's REST API as the editor uses it, for the runs that drive a started n8n (`n8n start`, main
// or queue mode): sign in as the owner, publish (activate) workflows, read executions with their
// data, retry them.
const crypto = require('node:crypto');
const path = require('node:path');
const { CACHE, OWNER, setupOwner } = require('./n8n');

// n8n stores execution data in the "flatted" format; n8n's own copy reads it.
const flatted = require(path.join(CACHE, 'n8n/node_modules/flatted'));

/**
 * Signs the owner in (setting the account up first when needed) and returns { get, post } over
 * /rest with the session cookie and the browser ID n8n binds it to.
 */
async function signIn(url, owner = OWNER) {
	await setupOwner(url, owner);
	const browserId = crypto.randomUUID();
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (res.status !== 200) throw new Error(`POST /rest/login: ${res.status} ${await res.text()}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	const call = async (method, route, body) => {
		const response = await fetch(`${url}/rest${route}`, {
			method,
			headers: {
				cookie,
				'browser-id': browserId,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(120_000),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${route}: ${response.status} ${text}`);
		return text ? JSON.parse(text).data : undefined;
	};
	return { get: (route) => call('GET', route), post: (route, body) => call('POST', route, body) };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Publishes a workflow (what the editor's Publish button posts) and waits until it is live. */
async function publish(session, workflowId, { timeoutMs = 60_000 } = {}) {
	const { versionId } = await session.get(`/workflows/${workflowId}`);
	await session.post(`/workflows/${workflowId}/activate`, { versionId });
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { status, triggers } = await session.get(`/workflows/${workflowId}/publication-status`);
		if (status === 'published') return;
		if (status === 'failed' || status === 'partial')
			throw new Error(`publishing ${workflowId}: ${status} ${JSON.stringify(triggers)}`);
		if (Date.now() > deadline) throw new Error(`publishing ${workflowId}: still ${status}`);
		await sleep(250);
	}
}

/**
 * Every execution of a workflow (newest first, as n8n lists them), without their data. n8n pages
 * them 100 at a time with a cursor; the first page also holds the running ones.
 */
async function listExecutions(session, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const all = [];
	let cursor;
	do {
		const page = await session.get(
			`/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		all.push(...page.results);
		cursor = page.nextCursor;
	} while (cursor);
	const byId = new Map(all.map((execution) => [execution.id, execution]));
	return [...byId.values()];
}

/** One execution with its run data (IRunExecutionData) parsed. */
async function getExecution(session, id) {
	const execution = await session.get(`/executions/${id}`);
	return { ...execution, data: flatted.parse(execution.data) };
}

/** The output items ({ json, pairedItem, … }) of a node in an execution read by getExecution. */
function outputItems(execution, nodeName) {
	const tasks = execution.data.resultData.runData[nodeName];
	return tasks?.[tasks.length - 1]?.data?.main?.[0] ?? [];
}

/** The output items' json of a node in an execution read by getExecution. */
function itemsOf(execution, nodeName) {
	return outputItems(execution, nodeName).map((item) => item.json);
}

/**
 * Waits until a workflow has `count` finished executions and no more arrive for `quietMs`; then
 * returns them (oldest first) with their data (fetched `concurrency` at a time).
 */
async function settledExecutions(
	session,
	workflowId,
	{ count, timeoutMs = 120_000, quietMs = 1500, concurrency = 8, withData = true } = {},
) {
	const deadline = Date.now() + timeoutMs;
	let list = [];
	let stableSince = Date.now();
	let lastLength = -1;
	for (;;) {
		list = await listExecutions(session, workflowId);
		const running = list.some((e) => !e.stoppedAt);
		if (list.length !== lastLength || running) {
			lastLength = list.length;
			stableSince = Date.now();
		}
		const enough = count === undefined || list.length >= count;
		if (enough && !running && Date.now() - stableSince >= quietMs) break;
		if (Date.now() > deadline) break;
		await sleep(250);
	}
	list.sort((a, b) => Number(a.id) - Number(b.id));
	if (!withData) return list;
	const full = [];
	for (let i = 0; i < list.length; i += concurrency)
		full.push(
			...(await Promise.all(
				list.slice(i, i + concurrency).map((e) => getExecution(session, e.id)),
			)),
		);
	return full;
}

/** What "Retry with original workflow" in the executions list posts; the new execution's status. */
async function retry(session, executionId) {
	return await session.post(`/executions/${executionId}/retry`, {});
}

module.exports = {
	signIn,
	retry,
	publish,
	listExecutions,
	getExecution,
	outputItems,
	itemsOf,
	settledExecutions,
	sleep,
};
