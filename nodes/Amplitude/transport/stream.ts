import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ERROR_BODY_MAX_BYTES, MAX_REDIRECTS, REQUEST_TIMEOUT_MS } from '../limits';
import type { AmplitudeApi } from './endpoints';
import {
	type AmplitudeContext,
	type ApiResponse,
	CREDENTIAL_NAME,
	parseBody,
	requireBaseUrl,
	unanswered,
} from './index';
import { type RetryPolicy, sendWithRetries } from './retry';

/** A response body read as it arrives: Node's HTTP response stream, async iterable over Buffers. */
export interface ByteStream extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): void;
}

export interface StreamRequest {
	api: AmplitudeApi;
	path: string;
	qs?: IDataObject;
	/** How long to wait for the answer to start (not for the whole body). */
	timeoutMs?: number;
}

/** A 2xx answer with its body unread, or any other outcome read and parsed as amplitudeRequest does. */
export type StreamAnswer =
	| { ok: true; statusCode: number; headers: IDataObject; body: ByteStream }
	| { ok: false; response: ApiResponse };

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: ByteStream;
}

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

/** Up to maxBytes of a body as text; the rest is not downloaded. */
async function readText(body: ByteStream, maxBytes: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			chunks.push(Buffer.from(chunk));
			size += chunk.length;
			if (size >= maxBytes) break;
		}
	} catch {
		// A broken error body still gives what arrived.
	}
	body.destroy();
	return Buffer.concat(chunks).toString('utf8').slice(0, maxBytes);
}

function streamOptions(url: string, request: StreamRequest): IHttpRequestOptions {
	return {
		method: 'GET',
		url,
		qs: request.qs,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Redirects are followed below, without the credential.
		disableFollowRedirect: true,
		timeout: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
	};
}

/** One attempt: the authenticated GET, then any redirects as plain GETs that carry no credential. */
async function attempt(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: StreamRequest,
): Promise<StreamAnswer> {
	let url = `${requireBaseUrl(context, request.api)}${request.path}`;
	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			streamOptions(url, request),
		)) as FullResponse;
		for (let hop = 0; isRedirect(response.statusCode) && hop < MAX_REDIRECTS; hop++) {
			const location = response.headers.location;
			if (typeof location !== 'string' || location === '') break;
			response.body.destroy();
			url = new URL(location, url).toString();
			response = (await this.helpers.httpRequest({
				...streamOptions(url, request),
				qs: undefined,
			})) as FullResponse;
		}
	} catch (error) {
		return { ok: false, response: unanswered(error, context.secrets) };
	}
	const statusCode = Number(response.statusCode);
	const headers = response.headers ?? {};
	if (statusCode >= 200 && statusCode < 300)
		return { ok: true, statusCode, headers, body: response.body };
	const text = await readText(response.body, ERROR_BODY_MAX_BYTES);
	return { ok: false, response: { statusCode, headers, body: parseBody(text) } };
}

/**
 * An authenticated GET whose successful body is handed over unread, so a file of any size can
 * be streamed (a download is never held in memory by this function). Answers that are not 2xx
 * are read (up to ERROR_BODY_MAX_BYTES) and parsed; those worth retrying (429, 408, 5xx, no
 * answer) are retried with backoff per the policy. Redirects are followed without the
 * Authorization header: the credential only ever reaches the credential's own host.
 */
export async function amplitudeStreamGet(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: StreamRequest,
	policy: RetryPolicy,
): Promise<StreamAnswer> {
	return await sendWithRetries(
		policy,
		async () => await attempt.call(this, context, request),
		(answer) => (answer.ok ? undefined : answer.response),
	);
}
