import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { EVENT_FIELDS, mapFields, normalizeEvent } from '../../helpers/ingestionFields';
import { deriveInsertId } from '../../helpers/insertId';
import { integerInRange } from '../../helpers/numbers';
import { isPlainObject } from '../../helpers/json';
import type { AmplitudeContext, ApiResponse } from '../../transport';
import type { IngestionEndpoint } from '../../transport/delivery';
import {
	batchSizeOption,
	defineBelow,
	eventTypeProperty,
	jsonObjectProperty,
	mappingModeProperty,
	minIdLengthOption,
	optionsCollection,
	USER_PROPERTIES_HINT,
	userAndDeviceIdProperties,
} from '../common.descriptions';
import { fieldsCollection } from '../ingestion/fieldsCollection';
import {
	type IngestionOperation,
	type IngestionSettings,
	ingestItems,
} from '../ingestion/ingestItems';

export const DEFAULT_BATCH_SIZE = 1000;
// HTTP V2 takes fewer than 2000 events and under 1 MB per request; /batch 2000 events and 20 MB.
const HTTP_API_MAX = { count: 1999, bytes: 1_000_000 };
const BATCH_API_MAX = { count: 2000, bytes: 20_000_000 };
// Room for the envelope (api_key, options) around the events.
const ENVELOPE_BYTES = 4096;

const properties: INodeProperties[] = [
	mappingModeProperty,
	{
		...eventTypeProperty('Name of the event, as it will appear in Amplitude'),
		displayOptions: { show: defineBelow },
	},
	...userAndDeviceIdProperties,
	{
		...jsonObjectProperty(
			'eventProperties',
			'Event Properties',
			'Properties of the event as a JSON object, e.g. {"plan": "pro"}',
		),
		displayOptions: { show: defineBelow },
	},
	{
		...jsonObjectProperty(
			'userProperties',
			'User Properties',
			`User properties to update with the event. ${USER_PROPERTIES_HINT}.`,
		),
		displayOptions: { show: defineBelow },
	},
	{ ...fieldsCollection(EVENT_FIELDS), displayOptions: { show: defineBelow } },
	optionsCollection([
		batchSizeOption(
			2000,
			DEFAULT_BATCH_SIZE,
			'Most events per request. Requests are also kept under 1 MB (20 MB with the Batch API); HTTP V2 takes at most 1999 events per request.',
		),
		{
			displayName: 'Use Batch API',
			name: 'useBatchApi',
			type: 'boolean',
			default: false,
			description:
				'Whether to send to /batch instead of /2/httpapi: for backfills and bulk loads (1000 events per second per user or device instead of 30; data shows up later)',
		},
		minIdLengthOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['send'] } },
	properties,
);

function endpoint(settings: IngestionSettings): IngestionEndpoint {
	const useBatch = settings.options.useBatchApi === true;
	const max = useBatch ? BATCH_API_MAX : HTTP_API_MAX;
	const batchSize = integerInRange(
		settings.options.batchSize ?? DEFAULT_BATCH_SIZE,
		'Batch Size',
		1,
		2000,
	);
	const envelope =
		settings.options.minIdLength === undefined
			? undefined
			: { options: { min_id_length: settings.minIdLength } };
	return {
		path: useBatch ? '/batch' : '/2/httpapi',
		form: false,
		maxCount: Math.min(batchSize, max.count),
		maxBytes: max.bytes - ENVELOPE_BYTES,
		throttlePauseMs: useBatch ? 15_000 : 30_000,
		envelope,
		success: eventsIngested,
	};
}

function eventsIngested(response: ApiResponse): IDataObject {
	const body = isPlainObject(response.body) ? response.body : {};
	const number = (value: unknown) => (typeof value === 'number' ? value : null);
	return {
		success: true,
		code: number(body.code) ?? response.statusCode,
		events_ingested: number(body.events_ingested),
		payload_size_bytes: number(body.payload_size_bytes),
		server_upload_time: number(body.server_upload_time),
	};
}

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	if (settings.autoMap) {
		const json = settings.items[itemIndex].json;
		if (!isPlainObject(json))
			throw new InvalidInput(
				'The input item is not an object. Each item must be one HTTP V2 event',
			);
		return normalizeEvent({ ...json }, settings.minIdLength);
	}
	const read = (name: string) => settings.read(name, itemIndex, '') as IDataObject[string];
	const event: IDataObject = {
		event_type: read('eventType'),
		user_id: read('userId'),
		device_id: read('deviceId'),
		event_properties: read('eventProperties'),
		user_properties: read('userProperties'),
		...mapFields(settings.read('additionalFields', itemIndex, {}) as IDataObject, EVENT_FIELDS),
	};
	return normalizeEvent(event, settings.minIdLength);
}

/** The event as JSON, with a deterministic insert_id when it has none. */
function seal(event: IDataObject, itemIndex: number, settings: IngestionSettings): string {
	const serialized = JSON.stringify(event);
	if (event.insert_id !== undefined) return serialized;
	const insertId = deriveInsertId(settings.executionId, settings.nodeName, itemIndex, serialized);
	event.insert_id = insertId;
	// Appending to the serialization saves serializing every event twice (normalizeEvent always
	// leaves event_type in it, so it is never "{}").
	return `${serialized.slice(0, -1)},"insert_id":"${insertId}"}`;
}

const sendEvent: IngestionOperation = { endpoint, build, seal };

/** POST /2/httpapi (or /batch): every input item's event, in as few requests as Amplitude allows. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, sendEvent);
}
