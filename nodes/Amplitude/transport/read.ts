import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import type { AmplitudeApi } from './endpoints';
import { type ApiFailure, describeFailure, toNodeApiError } from './errors';
import {
	type AmplitudeContext,
	type ApiRequest,
	type ApiResponse,
	amplitudeRequest,
} from './index';
import { isRetryableStatus, retryPolicyFromOptions, sendWithRetries } from './retry';

/**
 * The answer's JSON object when it is a 2xx JSON object; anything else becomes a NodeApiError
 * naming the item. `explain` may replace the description for an operation's own error cases.
 */
export function answerObject(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	api: AmplitudeApi,
	response: ApiResponse,
	itemIndex: number,
	explain?: Explain,
): IDataObject {
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (ok && isPlainObject(response.body)) return response.body;
	const failure = describeFailure(api, response, context.secrets);
	if (ok) {
		failure.message = `Amplitude answered ${response.statusCode} without a JSON object`;
		failure.description =
			'The address may not be an Amplitude API. Check the credential region or custom URLs.';
	} else {
		explain?.(response, failure);
	}
	throw toNodeApiError(this.getNode(), failure, itemIndex);
}

type Explain = (response: ApiResponse, failure: ApiFailure) => void;

async function requestObject(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: ApiRequest,
	itemIndex: number,
	retryable: (status: number) => boolean,
	explain?: Explain,
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const response = await sendWithRetries(
		retryPolicyFromOptions(options),
		async () => await amplitudeRequest.call(this, context, request),
		(answer) => answer,
		retryable,
	);
	return answerObject.call(this, context, request.api, response, itemIndex, explain);
}

/**
 * A Dashboard, User Profile or Experiment read for one item: retried per the item's Options
 * (429, 408, 5xx, no answer), and any answer other than a 2xx JSON object becomes a NodeApiError
 * naming the item.
 */
export async function readJson(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: Omit<ApiRequest, 'method'>,
	itemIndex: number,
	explain?: Explain,
): Promise<IDataObject> {
	return await requestObject.call(
		this,
		context,
		{ ...request, method: 'GET' },
		itemIndex,
		isRetryableStatus,
		explain,
	);
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
	return await requestObject.call(
		this,
		context,
		{ ...request, method: 'POST' },
		itemIndex,
		(status) => status === 429,
		explain,
	);
}
