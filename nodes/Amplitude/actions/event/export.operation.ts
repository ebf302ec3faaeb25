import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { toExportRange } from '../../helpers/exportRange';
import { integerInRange } from '../../helpers/numbers';
import { EXPORT_API, EXPORT_MAX_EVENTS } from '../../limits';
import type { AmplitudeContext, ApiResponse } from '../../transport';
import { amplitudeMessage } from '../../transport/errors';
import { retryPolicyFromOptions } from '../../transport/retry';
import { amplitudeStreamGet } from '../../transport/stream';
import { limitedNumber, optionsCollection } from '../common.descriptions';
import { eventItems, exportFailure, zipFile } from './exportOutputs';

const HOUR_FORMATS =
	'YYYYMMDDTHH (20261101T05), an ISO date-time (2026-11-01T05:00:00Z; other offsets are converted to UTC), a date, or an n8n date';

const properties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'string',
		required: true,
		default: '={{ $today.minus(1, "day").toFormat("yyyyMMdd") }}',
		placeholder: 'e.g. 20261101T00',
		description: `First hour (UTC), included: ${HOUR_FORMATS}. A date alone starts at its hour 00.`,
		hint: 'Amplitude selects events by the time it received them (server_upload_time), in UTC',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'string',
		required: true,
		default: '={{ $today.minus(1, "day").toFormat("yyyyMMdd") }}',
		placeholder: 'e.g. 20261101T23',
		description: `Last hour (UTC), included, in the same formats as Start; a date alone ends with its hour 23. At most ${EXPORT_API.maxDays} days after Start.`,
	},
	optionsCollection([
		{
			displayName: 'Output Format',
			name: 'outputFormat',
			type: 'options',
			options: [
				{
					name: 'Items',
					value: 'items',
					description: 'One item per event, in the order of the export',
				},
				{
					name: 'Binary (Zip File)',
					value: 'binary',
					description:
						"Amplitude's zip archive as a file, streamed to n8n's binary data: for large exports, backups and files",
				},
			],
			default: 'items',
		},
		{
			...limitedNumber(
				'Max Events',
				'maxEvents',
				EXPORT_MAX_EVENTS,
				'Items output only: the export stops with an error when it holds more events than this, as every item is kept in memory. Use Binary for more.',
			),
			displayOptions: { hide: { outputFormat: ['binary'] } },
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The name of the binary field to put the zip file in',
			displayOptions: { show: { outputFormat: ['binary'] } },
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['export'] } },
	properties,
);

/** Amplitude's 404 for a range without data ("Raw data files were not found."): zero events. */
function isNoData(response: ApiResponse): boolean {
	return (
		response.statusCode === 404 &&
		/raw data files were not found/i.test(amplitudeMessage(response.body) ?? '')
	);
}

/**
 * GET /api/2/export: the raw events Amplitude received in a range of UTC hours, as items (one per
 * event) or as Amplitude's zip file. Streamed either way: the zip is read entry by entry as it
 * arrives, or handed to n8n's binary storage as a stream.
 */
export async function executeItem(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<INodeExecutionData[]> {
	const range = toExportRange(
		this.getNodeParameter('start', itemIndex),
		this.getNodeParameter('end', itemIndex),
		Date.now(),
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const binary = (options.outputFormat ?? 'items') === 'binary';
	const maxEvents = integerInRange(
		options.maxEvents ?? EXPORT_MAX_EVENTS.default,
		'Max Events',
		EXPORT_MAX_EVENTS.min,
		EXPORT_MAX_EVENTS.max,
	);
	const field = String(options.binaryPropertyName ?? 'data').trim();
	if (binary && field === '') {
		throw new InvalidInput("'Put Output File in Field' is empty. Give a field name such as data");
	}
	const answer = await amplitudeStreamGet.call(
		this,
		context,
		{
			api: 'dashboard',
			path: '/api/2/export',
			qs: { start: range.start, end: range.end },
			timeoutMs: EXPORT_API.timeoutMs,
		},
		retryPolicyFromOptions(options),
	);
	if (!answer.ok && !isNoData(answer.response))
		throw exportFailure.call(this, context, answer.response, itemIndex);
	const body = answer.ok ? answer.body : undefined;
	if (binary) return await zipFile.call(this, context, body, range, field, itemIndex);
	const items = await eventItems.call(this, context, body, maxEvents, itemIndex);
	if (range.warning)
		this.addExecutionHints({ message: range.warning, type: 'warning', location: 'outputPane' });
	return items;
}
