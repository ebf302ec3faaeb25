import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { integerInRange } from '../../helpers/numbers';
import type { ApiResponse } from '../../transport';
import { amplitudeMessage } from '../../transport/errors';
import type { IngestionEndpoint } from '../../transport/delivery';
import { batchSizeOption, optionsCollection } from '../common.descriptions';
import type { IngestionSettings } from './ingestItems';

// Group Identify takes at most 1024 identifications and 1 MB per request; Identify documents no
// count, so it gets the same bounds.
const MAX_COUNT = 1024;
const MAX_BYTES = 1_000_000 - 4096;
const DEFAULT_BATCH_SIZE = 500;

/** The form-encoded Identify or Group Identify endpoint with the operation's batch size. */
export function identifyEndpoint(
	path: '/identify' | '/groupidentify',
	settings: IngestionSettings,
): IngestionEndpoint {
	const batchSize = integerInRange(
		settings.options.batchSize ?? DEFAULT_BATCH_SIZE,
		'Batch Size',
		1,
		MAX_COUNT,
	);
	return {
		path,
		form: true,
		maxCount: batchSize,
		maxBytes: MAX_BYTES,
		throttlePauseMs: 15_000,
		success: identified,
	};
}

function identified(response: ApiResponse): IDataObject {
	return {
		success: true,
		code: response.statusCode,
		message: amplitudeMessage(response.body) ?? 'success',
	};
}

export function identifyOptions(extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([
		batchSizeOption(
			MAX_COUNT,
			DEFAULT_BATCH_SIZE,
			'Most identifications per request (up to 1024, and under 1 MB)',
		),
		...extra,
	]);
}
