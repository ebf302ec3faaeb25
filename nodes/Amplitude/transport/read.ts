import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import { describeFailure, toNodeApiError } from './errors';
import { type AmplitudeContext, type ApiRequest, amplitudeReadRequest } from './index';
import { retryPolicyFromOptions } from './retry';

export const NOT_AN_AMPLITUDE_API =
	'The address may not be an Amplitude API. Check the credential region or custom URLs.';

/** A read: a GET unless it says otherwise. */
type ReadRequest = Omit<ApiRequest, 'method'> & {
	method?: ApiRequest['method'];
	/** What a 404 means for this path, when it means the thing asked for does not exist. */
	notFound?: string;
};

/** The body of a 2xx answer of the expected kind; anything else is a NodeApiError naming the item. */
async function readAnswer(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ReadRequest,
	itemIndex: number,
	expected: { is: (body: unknown) => boolean; what: string },
): Promise<unknown> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { notFound, ...apiRequest } = request;
	const response = await amplitudeReadRequest.call(
		this,
		context,
		{ ...apiRequest, method: request.method ?? 'GET' },
		retryPolicyFromOptions(options),
	);
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (ok && expected.is(response.body)) return response.body;
	const failure = describeFailure(request.api, response, context.secrets);
	if (response.statusCode === 404 && notFound) failure.description = notFound;
	if (ok) {
		failure.message = `Amplitude answered ${response.statusCode} without a JSON ${expected.what}`;
		failure.description = NOT_AN_AMPLITUDE_API;
	}
	throw toNodeApiError(this.getNode(), failure, itemIndex);
}

const JSON_OBJECT = { is: isPlainObject, what: 'object' };
const JSON_ARRAY = { is: (body: unknown) => Array.isArray(body), what: 'array' };

/**
 * A Dashboard or User Profile read for one item: retried per the item's Options, and any
 * answer other than a 2xx JSON object becomes a NodeApiError naming the item.
 */
export async function readJson(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ReadRequest,
	itemIndex: number,
): Promise<IDataObject> {
	return (await readAnswer.call(this, context, request, itemIndex, JSON_OBJECT)) as IDataObject;
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
