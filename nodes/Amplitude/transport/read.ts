import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import { type ApiFailure, describeFailure, toNodeApiError } from './errors';
import {
	type AmplitudeContext,
	type ApiRequest,
	type ApiResponse,
	amplitudeReadRequest,
} from './index';
import { retryPolicyFromOptions } from './retry';

export const NOT_AN_AMPLITUDE_API =
	'The address may not be an Amplitude API. Check the credential region or custom URLs.';

/** A read: a GET unless it says otherwise. */
type ReadRequest = Omit<ApiRequest, 'method'> & {
	method?: ApiRequest['method'];
	/** What a 404 means for this path, when it means the thing asked for does not exist. */
	notFound?: string;
};

/** An operation's own words for an error answer: it may change the failure's description. */
type Explain = (response: ApiResponse, failure: ApiFailure) => void;

/** The body of a 2xx answer of the expected kind; anything else is a NodeApiError naming the item. */
async function readAnswer(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ReadRequest,
	itemIndex: number,
	expected: { is: (body: unknown) => boolean; what: string },
	retryable?: (status: number) => boolean,
	explain?: Explain,
): Promise<unknown> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { notFound, ...apiRequest } = request;
	const response = await amplitudeReadRequest.call(
		this,
		context,
		{ ...apiRequest, method: request.method ?? 'GET' },
		retryPolicyFromOptions(options),
		retryable,
	);
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (ok && expected.is(response.body)) return response.body;
	const failure = describeFailure(request.api, response, context.secrets);
	if (ok) {
		failure.message = `Amplitude answered ${response.statusCode} without a JSON ${expected.what}`;
		failure.description = NOT_AN_AMPLITUDE_API;
	} else {
		if (response.statusCode === 404 && notFound) failure.description = notFound;
		explain?.(response, failure);
	}
	throw toNodeApiError(this.getNode(), failure, itemIndex);
}

const JSON_OBJECT = { is: isPlainObject, what: 'object' };
const JSON_ARRAY = { is: (body: unknown) => Array.isArray(body), what: 'array' };

/**
 * A Dashboard, User Profile or Experiment read for one item: retried per the item's Options
 * (429, 408, 5xx, no answer), and any answer other than a 2xx JSON object becomes a NodeApiError
 * naming the item.
 */
export async function readJson(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ReadRequest,
	itemIndex: number,
	explain?: Explain,
): Promise<IDataObject> {
	return (await readAnswer.call(
		this,
		context,
		request,
		itemIndex,
		JSON_OBJECT,
		undefined,
		explain,
	)) as IDataObject;
}

/** readJson for an answer that is a JSON array (the User Privacy API's job lists). */
export async function readJsonArray(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ReadRequest,
	itemIndex: number,
): Promise<unknown[]> {
	return (await readAnswer.call(this, context, request, itemIndex, JSON_ARRAY)) as unknown[];
}

/**
 * A Dashboard write for one item (create an annotation, a release …), answered like readJson.
 * Only a 429 is retried: Amplitude refused that request, whereas a server error or a lost answer
 * may come after the write happened, and a retry would write twice.
 */
export async function writeJson(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: Omit<ApiRequest, 'method'>,
	itemIndex: number,
	explain?: Explain,
): Promise<IDataObject> {
	return (await readAnswer.call(
		this,
		context,
		{ ...request, method: 'POST' },
		itemIndex,
		JSON_OBJECT,
		(status) => status === 429,
		explain,
	)) as IDataObject;
}
