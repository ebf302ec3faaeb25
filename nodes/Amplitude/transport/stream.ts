import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { decompressed } from '../helpers/decompress';
import { ERROR_BODY_MAX_BYTES, MAX_REDIRECTS, REQUEST_TIMEOUT_MS } from '../limits';
import type { AmplitudeApi } from './endpoints';
import { isRedirect } from './errors';
import {
	type AmplitudeContext,
	type ApiResponse,
	CREDENTIAL_NAME,
	parseBody,
	requireBaseUrl,
	unanswered,
} from './index';
import { type RetryPolicy, sendWithRetries } from './retry';

/** A response body as a Node.js stream (the type n8n's binary helpers take). */
export type ByteStream = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

export interface StreamRequest {
	api: AmplitudeApi;
	/** The path, with its query string if it needs repeated keys. */
	path: string;
	qs?: IDataObject;
	/** How long to wait for the answer to start (not for the whole body). */
	timeoutMs?: number;
	/**
	 * Undo gzip when the body starts with gzip's magic number: storage hosts may serve a .gz file
	 * without Content-Encoding, which no HTTP client undoes.
	 */
	gunzip?: boolean;
}

/** A 2xx answer whose body is still on the wire, or an error answer read whole (it is small). */
export type StreamAnswer =
	| { ok: true; statusCode: number; headers: IDataObject; body: ByteStream }
	| {
			ok: false;
			response: ApiResponse;
			/** The error came from a redirect's target (a storage host), not from Amplitude. */
			redirected: boolean;
	  };

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: ByteStream;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Up to maxBytes of a body as text; the rest is not downloaded. */
async function readText(body: ByteStream, maxBytes: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body as AsyncIterable<Uint8Array>) {
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
		// n8n's helper would send the Authorization header along: redirects are followed below.
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
	let redirected = false;
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
			redirected = true;
			response = (await this.helpers.httpRequest({
				...streamOptions(url, request),
				qs: undefined,
			})) as FullResponse;
		}
	} catch (error) {
		return { ok: false, response: unanswered(error, context.secrets), redirected };
	}
	const statusCode = Number(response.statusCode);
	const headers = response.headers ?? {};
	if (statusCode < 200 || statusCode >= 300) {
		const text = await readText(response.body, ERROR_BODY_MAX_BYTES);
		return { ok: false, response: { statusCode, headers, body: parseBody(text) }, redirected };
	}
	const body = request.gunzip ? await gunzipped(response.body) : response.body;
	return { ok: true, statusCode, headers, body };
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

/** The first bytes of a stream, put back so the stream still yields them. */
async function peek(stream: ByteStream): Promise<Buffer | null> {
	return await new Promise((resolve, reject) => {
		const done = () => {
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
		};
		const onReadable = () => {
			done();
			const chunk = stream.read() as Buffer | null;
			if (chunk !== null) stream.unshift(chunk);
			resolve(chunk);
		};
		const onEnd = () => {
			done();
			resolve(null);
		};
		const onError = (error: Error) => {
			done();
			reject(error);
		};
		stream.on('readable', onReadable);
		stream.on('end', onEnd);
		stream.on('error', onError);
	});
}

/** The stream itself, or its gunzipped bytes when it starts with gzip's magic number. */
async function gunzipped(stream: ByteStream): Promise<ByteStream> {
	const head = await peek(stream);
	if (!head || head.length < 2 || head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
		return stream;
	}
	return readableFrom(stream, decompressed(stream as AsyncIterable<Uint8Array>, 'gzip'));
}

interface ReadableClass {
	from(iterable: AsyncIterable<Uint8Array>, options: { objectMode: boolean }): ByteStream;
}

/**
 * A Node.js Readable of the given bytes. A community node may not import node:stream, so the
 * Readable class is taken from the prototype chain of a stream n8n handed over.
 */
function readableFrom(template: ByteStream, bytes: AsyncIterable<Uint8Array>): ByteStream {
	for (
		let type = template.constructor as { name?: string } | null;
		type;
		type = Object.getPrototypeOf(type) as { name?: string } | null
	) {
		if (type.name === 'Readable')
			return (type as unknown as ReadableClass).from(bytes, { objectMode: false });
	}
	throw new Error('The download is not a Node.js stream');
}
