import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import type { AmplitudeApi } from './endpoints';
import type { ApiResponse } from './index';
import { redact } from './redact';

/** A failed Amplitude call in user terms: what happened and what to do about it. */
export interface ApiFailure {
	/** Amplitude's HTTP status, or null when no answer came. */
	code: number | null;
	message: string;
	description: string;
}

/** Amplitude's own error text from any of its error body shapes. */
export function amplitudeMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : body.trim().slice(0, 500);
	if (!isPlainObject(body)) return undefined;
	const error = body.error;
	if (typeof error === 'string') return error;
	if (isPlainObject(error)) {
		const details = isPlainObject(error.metadata)
			? (error.metadata as IDataObject).details
			: undefined;
		if (typeof error.message === 'string')
			return typeof details === 'string' ? `${error.message}: ${details}` : error.message;
		// A 403 can come with only details: {"error":{"http_code":403,"metadata":{"details":…}}}.
		if (typeof details === 'string') return details;
	}
	if (typeof body.message === 'string') return body.message;
	return undefined;
}

const KEYS_HINT = 'Settings → Projects → your project → General';

/** The statuses that send a request elsewhere (to their Location). */
export const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

const REDIRECT_NOT_FOLLOWED =
	"Amplitude answered with a redirect the node does not follow: API calls follow none, so that the credential's keys go to no other address, and downloads follow at most 5 (without the keys). Check the credential's Region and, for a custom region, its URLs (https:// rather than http://, no trailing path).";

function describeStatus(api: AmplitudeApi, status: number, text: string): string {
	if (api === 'experiment' && (status === 401 || status === 403)) {
		return 'Amplitude Experiment refused the deployment key. Check the Deployment Key in the credential (a server deployment key from Amplitude Experiment → Deployments) and that Region (US or EU) is where the project stores its data.';
	}
	if (api === 'experiment' && status === 400) {
		return "Amplitude Experiment could not read the request's user context. Check User Properties (a JSON object) and the flag keys.";
	}
	if ((api === 'ingestion' || api === 'usermap') && /invalid api key/i.test(text)) {
		return `Amplitude did not accept the API key. Check the API key in the Amplitude API credential (${KEYS_HINT}) and that its Region (US or EU) is where the project stores its data.`;
	}
	if (status === 401 || status === 403) {
		if (api === 'profile') {
			return `The User Profile API refused the secret key (sent as "Authorization: Api-Key <secret key>"). Check the Secret Key in the credential (${KEYS_HINT}); the API is US-only.`;
		}
		if (api === 'dashboard') {
			return `The Dashboard REST API refused the API key and secret key. Check both keys in the credential (${KEYS_HINT}) and that Region (US or EU) is where the project stores its data; keys of an EU project fail on the US hosts and the other way round.`;
		}
		return 'Amplitude refused the request (403 is returned when a request is blocked by its firewall). Check the credential region and the data sent.';
	}
	if (status === 404) {
		return 'Amplitude has no such endpoint at this address. Check the credential region, and the URLs if the region is custom.';
	}
	if (status === 429) {
		return api === 'ingestion'
			? 'Amplitude is throttling these users or devices (HTTP V2 allows about 30 events per second per user or device). Send fewer events per user per second, use Options → Use Batch API for backfills, or allow more retries.'
			: "Amplitude's rate limit for this project was hit (5 concurrent Dashboard requests, 360 user searches or activity queries per hour, and a query cost budget). Wait and run again, or query less at once.";
	}
	if (status === 413)
		return 'The request was larger than Amplitude accepts. Lower Options → Batch Size or send smaller events.';
	if (status === 504 && api === 'dashboard')
		return 'The query was too large for Amplitude to answer in time. Shorten the date range or remove the group-by.';
	if (status >= 500) {
		return api === 'ingestion'
			? 'Amplitude had a server error and retries did not get through. Try again later; resent events are deduplicated by insert_id.'
			: 'Amplitude had a server error and retries did not get through. Try again later, or allow more attempts in Options → Max Attempts.';
	}
	if (status === 400)
		return 'Amplitude rejected the request as invalid. Check the parameters named in the message.';
	return 'Check the parameters and the credential.';
}

/** Describes a response that was not a success, or a request that got no answer. */
export function describeFailure(
	api: AmplitudeApi,
	response: ApiResponse,
	secrets: string[],
): ApiFailure {
	if (response.statusCode === 0) {
		return {
			code: null,
			message: redact(`Could not reach Amplitude: ${response.failure ?? 'no answer'}`, secrets),
			description:
				'The request got no answer after all retries. Check the network and the credential region or custom URLs.',
		};
	}
	const status = response.statusCode;
	if (isRedirect(status)) {
		const location = response.headers?.location;
		const target = typeof location === 'string' ? location : 'another address';
		return {
			code: status,
			message: redact(`Amplitude answered ${status}: a redirect to ${target}`, secrets),
			description: REDIRECT_NOT_FOLLOWED,
		};
	}
	const text = amplitudeMessage(response.body) ?? `HTTP ${status}`;
	return {
		code: status,
		message: redact(`Amplitude answered ${status}: ${text}`, secrets),
		description: describeStatus(api, status, text),
	};
}

export function toNodeApiError(node: INode, failure: ApiFailure, itemIndex?: number): NodeApiError {
	const message =
		itemIndex === undefined ? failure.message : `${failure.message} [item ${itemIndex}]`;
	const error = new NodeApiError(
		node,
		{ message: failure.message, httpCode: failure.code } as unknown as JsonObject,
		{
			message,
			description: failure.description,
			httpCode: failure.code === null ? undefined : String(failure.code),
			itemIndex,
		},
	);
	// NodeApiError swaps a message that mentions a network code (ECONNRESET, ETIMEDOUT …) for a
	// generic sentence, which would drop what failed and the item; keep ours.
	error.message = message;
	error.messages = [];
	return error;
}
