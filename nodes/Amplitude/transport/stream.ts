import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { REQUEST_TIMEOUT_MS } from '../limits';
import type { AmplitudeApi } from './endpoints';
import {
	type AmplitudeContext,
	type ApiResponse,
	CREDENTIAL_NAME,
	parseBody,
	requireBaseUrl,
} from './index';
import { redact } from './redact';
import { backoffDelayMs, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry';

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
	/** Longest silence on the connection, in milliseconds. */
	timeoutMs?: number;
}

/** A 2xx answer whose body is still on the wire, or an error answer read whole (it is small). */
export type StreamAnswer =
	| { ok: true; statusCode: number; headers: IDataObject; body: ByteStream }
	| {
			ok: false;
			response: ApiResponse;
			/** The error came from the redirect's target (a storage host). */ redirected: boolean;
	  };

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: ByteStream;
}

// An error body is read up to this many bytes (enough for any error message).
const MAX_ERROR_BYTES = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

function isRedirect(response: RawResponse): boolean {
	return response.statusCode >= 300 && response.statusCode < 400 && !!response.headers.location;
}

/**
 * One authenticated GET whose body is streamed. A redirect is not followed by n8n's helper (it
 * would send the Authorization header along, to storage hosts too): its Location is fetched with
 * a plain request that carries no credentials. A gzip body is decompressed, whether or not it
 * says so in Content-Encoding.
 */
async function getOnce(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: StreamRequest,
): Promise<StreamAnswer> {
	const base = requireBaseUrl(context, request.api);
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: `${base}${request.path}`,
		qs: request.qs,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
	};
	let response: RawResponse;
	let redirected = false;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			options,
		)) as RawResponse;
		if (isRedirect(response)) {
			const location = new URL(String(response.headers.location), options.url).toString();
			response.body.destroy();
			redirected = true;
			response = (await this.helpers.httpRequest({
				method: 'GET',
				url: location,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: options.timeout,
			})) as RawResponse;
		}
	} catch (error) {
		const cause = error as { message?: string; code?: string; cause?: { code?: string } };
		const code = cause.code ?? cause.cause?.code;
		const text = `${cause.message ?? 'Request failed'}${code ? ` (${code})` : ''}`;
		return {
			ok: false,
			response: {
				statusCode: 0,
				headers: {},
				body: undefined,
				failure: redact(text, context.secrets),
			},
			redirected,
		};
	}
	const { statusCode, headers, body } = response;
	if (statusCode < 200 || statusCode >= 300) {
		const text = await readText(body);
		return { ok: false, response: { statusCode, headers, body: parseBody(text) }, redirected };
	}
	return { ok: true, statusCode, headers, body: await gunzipped(body) };
}

/** streamedGet with retries: 429, 408, 5xx and no answer are tried again with backoff. */
export async function streamedGet(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: StreamRequest,
	policy: RetryPolicy,
): Promise<StreamAnswer> {
	for (let attempt = 1; ; attempt++) {
		const answer = await getOnce.call(this, context, request);
		if (answer.ok) return answer;
		const { response } = answer;
		if (!isRetryableStatus(response.statusCode) || attempt >= policy.maxAttempts) return answer;
		const waitMs = retryAfterMs(response.headers) ?? backoffDelayMs(attempt, policy.maxWaitMs);
		await sleep(Math.min(waitMs, policy.maxWaitMs));
	}
}

async function readText(body: ByteStream): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer>) {
		chunks.push(chunk);
		size += chunk.length;
		if (size >= MAX_ERROR_BYTES) break;
	}
	body.destroy();
	return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BYTES);
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

/**
 * The stream itself, or its gunzipped bytes when it starts with gzip's magic number: storage
 * hosts may serve a .gz file without Content-Encoding, which no HTTP client undoes.
 */
async function gunzipped(stream: ByteStream): Promise<ByteStream> {
	const head = await peek(stream);
	if (!head || head.length < 2 || head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
		return stream;
	}
	return readableFrom(stream, gunzip(stream));
}

/** The bytes of a gzip stream, decompressed with the web-standard DecompressionStream. */
async function* gunzip(source: ByteStream): AsyncGenerator<Buffer> {
	const decompression = new DecompressionStream('gzip');
	const writer = decompression.writable.getWriter();
	const reader = decompression.readable.getReader();
	const pump = (async () => {
		try {
			for await (const chunk of source as AsyncIterable<Buffer>) await writer.write(chunk);
			await writer.close();
		} catch (error) {
			await writer.abort(error).catch(() => undefined);
		}
	})();
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			const bytes = value as Uint8Array;
			yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		}
		await pump;
	} finally {
		source.destroy();
		await reader.cancel().catch(() => undefined);
	}
}

interface ReadableClass {
	from(iterable: AsyncIterable<Buffer>, options: { objectMode: boolean }): ByteStream;
}

/**
 * A Node.js Readable of the given bytes. A community node may not import node:stream, so the
 * Readable class is taken from the prototype chain of a stream n8n handed over.
 */
function readableFrom(template: ByteStream, bytes: AsyncIterable<Buffer>): ByteStream {
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
