import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import { describeFailure, toNodeApiError } from './errors';
import { type AmplitudeContext, type ApiRequest, amplitudeReadRequest } from './index';
import { retryPolicyFromOptions } from './retry';

export const NOT_AN_AMPLITUDE_API =
	'The address may not be an Amplitude API. Check the credential region or custom URLs.';

/**
 * A Dashboard or User Profile read for one item: retried per the item's Options, and any
 * answer other than a 2xx JSON object becomes a NodeApiError naming the item.
 */
export async function readJson(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	request: Omit<ApiRequest, 'method'>,
	itemIndex: number,
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const response = await amplitudeReadRequest.call(
		this,
		context,
		{ ...request, method: 'GET' },
		retryPolicyFromOptions(options),
	);
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (ok && isPlainObject(response.body)) return response.body;
	const failure = describeFailure(request.api, response, context.secrets);
	if (ok) {
		failure.message = `Amplitude answered ${response.statusCode} without a JSON object`;
		failure.description = NOT_AN_AMPLITUDE_API;
	}
	throw toNodeApiError(this.getNode(), failure, itemIndex);
}
