import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput, withItem } from '../../helpers/errors';
import { exportEvents, isEventFile } from '../../helpers/exportEvents';
import { type ExportRange, toExportRange } from '../../helpers/exportRange';
import { integerInRange } from '../../helpers/numbers';
import { ZipFormatError, ZipStreamParser } from '../../helpers/zipStream';
import { EXPORT_API, EXPORT_MAX_EVENTS } from '../../limits';
import { amplitudeMessage, describeFailure, toNodeApiError } from '../../transport/errors';
import type { AmplitudeContext, ApiResponse } from '../../transport';
import { redact } from '../../transport/redact';
import { retryPolicyFromOptions } from '../../transport/retry';
import { amplitudeStreamGet, type ByteStream } from '../../transport/stream';
import { limitedNumber, optionsCollection } from '../common.descriptions';

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

// The end record of a zip without entries: what "no events" looks like as a file.
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

/** Amplitude's 404 for a range without data ("Raw data files were not found."): zero events. */
function isNoData(response: ApiResponse): boolean {
	return (
		response.statusCode === 404 &&
		/raw data files were not found/i.test(amplitudeMessage(response.body) ?? '')
	);
}

/** The byte stream, counting what it delivered, for error messages. */
function counted(body: ByteStream, tally: { bytes: number }): AsyncIterable<Uint8Array> {
	return {
		async *[Symbol.asyncIterator]() {
			for await (const chunk of body) {
				tally.bytes += chunk.length;
				yield chunk;
			}
		},
	};
}

function unreadable(
	this: IExecuteFunctions,
	error: ZipFormatError,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		withItem(`Amplitude's export could not be read: ${error.message}`, itemIndex),
		{
			itemIndex,
			description:
				'Nothing was output for this item. Run it again; if it keeps failing, export a shorter range.',
		},
	);
}

/** The download failed after the answer began: nothing of it is output. */
function brokeOff(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	what: string,
	error: Error,
	itemIndex: number,
) {
	return toNodeApiError(
		this.getNode(),
		{
			code: null,
			message: redact(`${what}: ${error.message}`, context.secrets),
			description:
				'Nothing was output for this item. Run it again; if it keeps failing, export a shorter range.',
		},
		itemIndex,
	);
}

function exportFailure(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	response: ApiResponse,
	itemIndex: number,
) {
	const failure = describeFailure('dashboard', response, context.secrets);
	if (response.statusCode === 400) {
		failure.description = `Amplitude refuses an export larger than ${EXPORT_API.maxBytes / 1e9} GB with 400: shorten the range (Start and End), for example one day per run. A single hour over ${EXPORT_API.maxBytes / 1e9} GB needs Amplitude's Amazon S3 export.`;
	} else if (response.statusCode === 504) {
		failure.description =
			'Amplitude could not build the export in time. Shorten the range (Start and End), for example one day per run.';
	}
	return toNodeApiError(this.getNode(), failure, itemIndex);
}

async function eventItems(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	body: ByteStream | undefined,
	maxEvents: number,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	if (!body) return items;
	const tally = { bytes: 0 };
	let failure: Error | undefined;
	try {
		for await (const events of exportEvents(counted(body, tally))) {
			if (items.length + events.length > maxEvents) {
				failure = new InvalidInput(
					`The export holds more than ${maxEvents} events, the Max Events of Output Format Items (Options). Shorten the range, raise Max Events, or choose Output Format Binary (a zip file) for large exports`,
				);
				break;
			}
			for (const json of events) items.push({ json });
		}
	} catch (error) {
		failure = error as Error;
	} finally {
		body.destroy();
	}
	if (failure instanceof InvalidInput) throw failure;
	if (failure instanceof ZipFormatError) throw unreadable.call(this, failure, itemIndex);
	if (failure) {
		throw brokeOff.call(
			this,
			context,
			`The export download broke off after ${tally.bytes} bytes`,
			failure,
			itemIndex,
		);
	}
	return items;
}

/**
 * Checks a stored zip from end to end without holding it: how many event files it has, or why
 * it is not a complete archive.
 */
async function countEventFiles(
	this: IExecuteFunctions,
	stored: IBinaryData,
): Promise<number | ZipFormatError> {
	const parser = new ZipStreamParser();
	let files = 0;
	const read = (chunk: Uint8Array) => {
		for (const token of parser.push(chunk))
			if (token.kind === 'entry' && isEventFile(token.entry.name)) files++;
	};
	try {
		if (stored.id) {
			for await (const chunk of await this.helpers.getBinaryStream(stored.id))
				read(chunk as Buffer);
		} else {
			read(Buffer.from(stored.data, 'base64'));
		}
		parser.finish();
	} catch (error) {
		if (error instanceof ZipFormatError) return error;
		return new ZipFormatError(
			`the stored file could not be read back (${(error as Error).message})`,
		);
	}
	return files;
}

async function zipFile(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	body: ByteStream | undefined,
	range: ExportRange,
	field: string,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fileName = `amplitude-export-${range.start}-${range.end}.zip`;
	let stored: IBinaryData;
	try {
		// The response stream goes straight to n8n's binary data storage.
		stored = await this.helpers.prepareBinaryData(
			(body ?? EMPTY_ZIP) as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
			fileName,
			'application/zip',
		);
	} catch (error) {
		body?.destroy();
		throw brokeOff.call(this, context, 'Storing the export failed', error as Error, itemIndex);
	}
	const files = await countEventFiles.call(this, stored);
	if (files instanceof ZipFormatError) throw unreadable.call(this, files, itemIndex);
	const json: IDataObject = {
		success: true,
		start: range.start,
		end: range.end,
		file_name: fileName,
		size_bytes: Number(stored.bytes ?? EMPTY_ZIP.length),
		event_files: files,
	};
	if (range.warning) json.warning = range.warning;
	return [{ json, binary: { [field]: stored } }];
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
