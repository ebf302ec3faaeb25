import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { integerInRange } from '../../helpers/numbers';
import { ENVELOPE_BYTES, IDENTIFY_API, IDENTIFY_BATCH_SIZE, megabytes } from '../../limits';
import type { ApiResponse } from '../../transport';
import type { IngestionEndpoint } from '../../transport/delivery';
import { amplitudeMessage } from '../../transport/errors';
import { batchSizeOption, optionsCollection } from '../common.descriptions';
import type { IngestionSettings } from './ingestItems';

/** The form-encoded Identify or Group Identify endpoint with the operation's batch size. */
export function identifyEndpoint(
	path: '/identify' | '/groupidentify',
	settings: IngestionSettings,
): IngestionEndpoint {
	const batchSize = integerInRange(
		settings.options.batchSize ?? IDENTIFY_BATCH_SIZE.default,
		'Batch Size',
		1,
		IDENTIFY_BATCH_SIZE.max,
	);
	return {
		path,
		form: true,
		maxCount: batchSize,
		maxBytes: IDENTIFY_API.maxBytes - ENVELOPE_BYTES,
		throttlePauseMs: IDENTIFY_API.throttlePauseMs,
		success: identified,
	};
}

function identified(response: ApiResponse): () => IDataObject {
	const code = response.statusCode;
	const message = amplitudeMessage(response.body) ?? 'success';
	return () => ({ success: true, code, message });
}

export function identifyOptions(extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([
		batchSizeOption(
			IDENTIFY_BATCH_SIZE,
			`Most identifications per request (up to ${IDENTIFY_BATCH_SIZE.max}, and under ${megabytes(IDENTIFY_API.maxBytes)})`,
		),
		...extra,
	]);
}
