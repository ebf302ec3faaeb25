'use strict';
// n8n's REST API as the editor uses it: the owner signs in (cookie + browser-id header), workflows
// are activated and their executions listed, read and retried.
const crypto = require('node:crypto');
const path = require('node:path');
const e2e = require('./n8n');

// n8n stores run data in the "flatted" format; its own copy reads it.
const flatted = require(path.join(e2e.CACHE, 'n8n/node_modules/flatted'));

/** Signs the owner in (creating the account first if needed) and returns a small client. */
async function signIn(url, owner = e2e.OWNER) {
	await e2e.setupOwner(url, owner);
	const browserId = crypto.randomUUID();
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!res.ok) throw new Error(`POST /rest/login: ${res.status} ${await res.text()}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');

	async function call(method, route, body) {
		const answer = await fetch(`${url}${route}`, {
			method,
			headers: {
				cookie,
				'browser-id': browserId,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(120_000),
		});
		const text = await answer.text();
		if (!answer.ok) throw new Error(`${method} ${route}: ${answer.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text).data : undefined;
	}
	const get = (route) => call('GET', route);
	const post = (route, body) => call('POST', route, body ?? {});

	return {
		get,
		post,

		/** Publishes a workflow's current version and waits until its triggers are live. */
		async activate(workflowId, timeoutMs = 60_000) {
			const workflow = await get(`/rest/workflows/${workflowId}`);
			await post(`/rest/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const status = await get(`/rest/workflows/${workflowId}/publication-status`).catch(
					() => undefined,
				);
				if (status?.liveVersionId === workflow.versionId && !status.pendingVersionId) return;
				await new Promise((r) => setTimeout(r, 300));
			}
			throw new Error(`workflow ${workflowId} was not live after ${timeoutMs} ms`);
		},

		/** The executions of a workflow, newest first (id, status, mode, retryOf, …). */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const page = await get(`/rest/executions?filter=${filter}&limit=100`);
			return page.results;
		},

		/** One execution with its run data parsed (`run.resultData.runData`, …). */
		async execution(id) {
			const execution = await get(`/rest/executions/${id}`);
			return { ...execution, run: execution.data ? flatted.parse(execution.data) : undefined };
		},

		/** What "Retry with original workflow" in the executions list does; the new execution's status. */
		retry: (id) => post(`/rest/executions/${id}/retry`, {}),
	};
}

/** Output items of a node in a parsed run. */
function outputOf(run, nodeName) {
	const tasks = run?.resultData?.runData?.[nodeName];
	return tasks?.at(-1)?.data?.main?.[0];
}

module.exports = { signIn, outputOf };
