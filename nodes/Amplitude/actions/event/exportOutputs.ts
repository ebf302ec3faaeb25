import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInput, withItem } from '../../helpers/errors';
import { exportEvents, isEventFile } from '../../helpers/exportEvents';
import type { ExportRange } from '../../helpers/exportRange';
import { ZipFormatError, ZipStreamParser } from '../../helpers/zipStream';
import { EXPORT_API } from '../../limits';
import type { AmplitudeContext, ApiResponse } from '../../transport';
import { describeFailure, toNodeApiError } from '../../transport/errors';
import { redact } from '../../transport/redact';
import type { ByteStream } from '../../transport/stream';

// What Event → Export outputs from Amplitude's answer: items, or the zip as a file, and its errors.

const NOTHING_OUTPUT =
	'Nothing was output for this item. Run it again; if it keeps failing, export a shorter range.';

// The end record of a zip without entries: what "no events" looks like as a file.
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

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
			description: NOTHING_OUTPUT,
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
			description: NOTHING_OUTPUT,
		},
		itemIndex,
	);
}

export function exportFailure(
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

/** One item per event of the zip, read as it arrives; all or nothing. */
export async function eventItems(
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
				// Stop the download now, not once the readers above have wound down.
				body.destroy();
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

/** The zip as a file in n8n's binary data (streamed), checked from end to end. */
export async function zipFile(
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
