import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { InvalidInput } from '../helpers/errors';
import { REQUEST_TIMEOUT_MS } from '../limits';
import { type AmplitudeApi, getBaseUrl, type RegionCredentials } from './endpoints';
import { redact, secretsOf } from './redact';
import { type RetryPolicy, sendWithRetries } from './retry';

export const CREDENTIAL_NAME = 'amplitudeApi';

export interface AmplitudeContext {
	credentials: RegionCredentials & { secretKey: string; deploymentKey: string; projectId?: number };
	secrets: string[];
	/**
	 * The credential as loaded once per execution, handed to n8n's request helper with every
	 * request: without it the helper loads it again each time (in n8n, a database read and a
	 * decryption per request).
	 */
	loaded: ICredentialsDecrypted;
}

export interface ApiRequest {
	api: AmplitudeApi;
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	qs?: IDataObject;
	/** An object, or a JSON object already serialized (a string or a Buffer, sent as is). */
	body?: IDataObject | string | Buffer;
	/** Send the body form-encoded (Identify, Group Identify) instead of JSON. */
	form?: boolean;
	/** Extra request headers (never authentication: the credential adds that). */
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export interface ApiResponse {
	/** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** Why no answer came (statusCode 0), with no secrets in it. */
	failure?: string;
}

export async function loadContext(this: IExecuteFunctions): Promise<AmplitudeContext> {
	const raw = await this.getCredentials(CREDENTIAL_NAME);
	const credentials = {
		region: String(raw.region ?? 'us'),
		ingestionUrl: raw.ingestionUrl as string | undefined,
		dashboardUrl: raw.dashboardUrl as string | undefined,
		profileUrl: raw.profileUrl as string | undefined,
		experimentUrl: raw.experimentUrl as string | undefined,
		secretKey: String(raw.secretKey ?? ''),
		deploymentKey: String(raw.deploymentKey ?? ''),
		projectId: typeof raw.projectId === 'number' && raw.projectId > 0 ? raw.projectId : undefined,
	};
	const secrets = secretsOf(
		String(raw.apiKey ?? ''),
		credentials.secretKey,
		credentials.deploymentKey,
	);
	return { credentials, secrets, loaded: loadedCredential(raw) };
}

function loadedCredential(data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	// n8n's helper reads only `data`; the rest is the shape's.
	return { id: '', name: CREDENTIAL_NAME, type: CREDENTIAL_NAME, data };
}

const API_NAMES: Record<AmplitudeApi, string> = {
	ingestion: 'ingestion',
	dashboard: 'Dashboard REST',
	profile: 'User Profile',
	usermap: 'user mapping',
	experiment: 'Experiment evaluation',
};

// The APIs that authenticate with the secret key.
const NEEDS_SECRET = new Set<AmplitudeApi>(['dashboard', 'profile']);

/** The API's base URL, or a clear error when the credential cannot reach it. Checked before any request. */
export function requireBaseUrl(context: AmplitudeContext, api: AmplitudeApi): string {
	const { credentials } = context;
	if (api === 'profile' && credentials.region === 'eu') {
		throw new InvalidInput(
			"Amplitude's User Profile API is not available in the EU data region. Use 'Get Activity' (User resource) for EU projects, or a US-region credential",
		);
	}
	if (api === 'experiment' && credentials.deploymentKey.trim() === '') {
		throw new InvalidInput(
			'Experiment evaluation needs a deployment key, and the credential has none. Add a server deployment key (Amplitude Experiment → Deployments) as Deployment Key in the Amplitude API credential',
		);
	}
	if (NEEDS_SECRET.has(api) && credentials.secretKey.trim() === '') {
		throw new InvalidInput(
			`The ${API_NAMES[api]} API needs the project's secret key, and the credential has none. Add the Secret Key (Amplitude: Settings → Projects → your project → General) to the Amplitude API credential`,
		);
	}
	const base = getBaseUrl(credentials, api);
	if (!base) {
		throw new InvalidInput(
			`The credential's region is "custom" but its ${API_NAMES[api]} URL is empty. Fill it in the Amplitude API credential`,
		);
	}
	return base;
}

/** One HTTP request; error statuses and missing answers are returned, not thrown. */
export async function amplitudeRequest(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ApiRequest,
): Promise<ApiResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${requireBaseUrl(context, request.api)}${request.path}`,
		qs: request.qs,
		// Amplitude takes lists as repeated keys (funnel steps: e=…&e=…), never e[0]= or e[]=.
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect is answered, not followed: a 307 or 308 would send the body, and with it the
		// API key of ingestion and user mapping, to the new address.
		disableFollowRedirect: true,
		timeout: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
	};
	if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) {
		// A Buffer goes to the socket as it is; axios would parse a JSON string to check it.
		options.body = Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
		options.headers = { 'Content-Type': 'application/json' };
		options.json = true;
	} else if (request.body) {
		options.body = request.body;
		if (request.form) options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
		else options.json = true;
	} else {
		options.json = true;
	}
	if (request.headers) options.headers = { ...options.headers, ...request.headers };
	let response: IDataObject;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			options,
			{ credentialsDecrypted: context.loaded },
		)) as IDataObject;
	} catch (error) {
		return unanswered(error, context.secrets);
	}
	return {
		statusCode: Number(response.statusCode),
		headers: (response.headers ?? {}) as IDataObject,
		body: parseBody(response.body),
	};
}

/** A request that got no answer (refused, reset, timed out), with no secrets in its reason. */
export function unanswered(error: unknown, secrets: string[]): ApiResponse {
	const cause = error as { message?: string; code?: string; cause?: { code?: string } };
	const code = cause.code ?? cause.cause?.code;
	const text = `${cause.message ?? 'Request failed'}${code && !String(cause.message).includes(code) ? ` (${code})` : ''}`;
	return { statusCode: 0, headers: {}, body: undefined, failure: redact(text, secrets) };
}

/** A response body as JSON when it is JSON (whatever its Content-Type says), else as it came. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return body;
	try {
		return JSON.parse(text);
	} catch {
		return body;
	}
}

/**
 * A read request with retries: 429, 408 and 5xx answers and requests that got no answer are
 * retried with backoff (Retry-After when given), up to the policy's attempts.
 */
export async function amplitudeReadRequest(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ApiRequest,
	policy: RetryPolicy,
	retryable?: (status: number) => boolean,
): Promise<ApiResponse> {
	return await sendWithRetries(
		policy,
		async () => await amplitudeRequest.call(this, context, request),
		(response) => response,
		retryable,
	);
}
