import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { EVENT_FIELDS, mapFields, normalizeEvent } from '../../helpers/ingestionFields';
import { INSERT_ID_SCOPES, type InsertIdScope, insertIdDerivation } from '../../helpers/insertId';
import { isPlainObject } from '../../helpers/json';
import { integerInRange } from '../../helpers/numbers';
import {
	BATCH_API,
	ENVELOPE_BYTES,
	HTTP_API,
	megabytes,
	MIN_ID_LENGTH,
	SEND_BATCH_SIZE,
} from '../../limits';
import type { AmplitudeContext, ApiResponse } from '../../transport';
import type { IngestionEndpoint } from '../../transport/delivery';
import {
	batchSizeOption,
	defineBelow,
	dryRunOption,
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
import { propertyOperationsProperty, readProperties } from '../ingestion/propertyOperations';

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
			'Properties of the event as a JSON object',
			'{"plan": "pro"}',
		),
		displayOptions: { show: defineBelow },
	},
	{
		...jsonObjectProperty(
			'userProperties',
			'User Properties',
			`User properties to update with the event, here or as User Property Operations below (or both). ${USER_PROPERTIES_HINT}.`,
			'{"$set": {"plan": "pro"}}',
		),
		displayOptions: { show: defineBelow },
	},
	{
		...propertyOperationsProperty('userPropertyOperations', 'User Property Operations', false),
		displayOptions: { show: defineBelow },
	},
	{ ...fieldsCollection(EVENT_FIELDS), displayOptions: { show: defineBelow } },
	optionsCollection([
		batchSizeOption(
			SEND_BATCH_SIZE,
			`Most events per request. Requests are also kept under ${megabytes(HTTP_API.maxBytes)} (${megabytes(BATCH_API.maxBytes)} with the Batch API); HTTP V2 takes at most ${HTTP_API.maxEvents} events per request.`,
		),
		{
			displayName: 'Use Batch API',
			name: 'useBatchApi',
			type: 'boolean',
			default: false,
			description: `Whether to send to /batch instead of /2/httpapi: for backfills and bulk loads (${BATCH_API.eventsPerSecondPerId} events per second per user or device instead of ${HTTP_API.eventsPerSecondPerId}; data shows up later)`,
		},
		minIdLengthOption(
			MIN_ID_LENGTH.min,
			`Shortest user ID or device ID Amplitude accepts (its default is ${MIN_ID_LENGTH.default}); sent as options.min_id_length with the events`,
		),
		{
			displayName: 'Insert ID Scope',
			name: 'insertIdScope',
			type: 'options',
			default: 'execution',
			options: [
				{
					name: 'This Execution',
					value: 'execution',
					description:
						'An event gets the same insert_id when n8n retries this execution (after a failure or a worker crash), so what was already sent is not counted twice; another execution gets new IDs',
				},
				{
					name: 'Event Content',
					value: 'content',
					description:
						'The same event (same fields and values) gets the same insert_id in every execution of this node, so re-sending it within 7 days is ignored by Amplitude. Only for events that carry their own time or record ID: otherwise two real events that look the same count once.',
				},
			],
			description:
				'What the insert_id derived for an event without one stands for, besides its content. Amplitude ignores an event whose insert_id and device it saw in the last 7 days.',
		},
		dryRunOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['send'] } },
	properties,
);

function endpoint(settings: IngestionSettings): IngestionEndpoint {
	const api = settings.options.useBatchApi === true ? BATCH_API : HTTP_API;
	const batchSize = integerInRange(
		settings.options.batchSize ?? SEND_BATCH_SIZE.default,
		'Batch Size',
		1,
		SEND_BATCH_SIZE.max,
	);
	return {
		path: api === BATCH_API ? '/batch' : '/2/httpapi',
		form: false,
		maxCount: Math.min(batchSize, api.maxEvents),
		maxBytes: api.maxBytes - ENVELOPE_BYTES,
		throttlePauseMs: api.throttlePauseMs,
		envelope:
			settings.options.minIdLength === undefined
				? undefined
				: { options: { min_id_length: settings.minIdLength } },
		insertIds: insertIdDerivation({ scope: insertIdScope(settings), ...settings.origin }),
		success: eventsIngested,
	};
}

function insertIdScope(settings: IngestionSettings): InsertIdScope {
	const scope = settings.options.insertIdScope ?? 'execution';
	if (!(INSERT_ID_SCOPES as readonly unknown[]).includes(scope)) {
		throw new InvalidInput(
			`'Insert ID Scope' is ${JSON.stringify(scope)}. Set it to one of: ${INSERT_ID_SCOPES.join(', ')}`,
		);
	}
	return scope as InsertIdScope;
}

function eventsIngested(response: ApiResponse): () => IDataObject {
	const body = isPlainObject(response.body) ? response.body : {};
	const number = (value: unknown) => (typeof value === 'number' ? value : null);
	const code = number(body.code) ?? response.statusCode;
	const eventsIngestedCount = number(body.events_ingested);
	const payloadSizeBytes = number(body.payload_size_bytes);
	const serverUploadTime = number(body.server_upload_time);
	return () => ({
		success: true,
		code,
		events_ingested: eventsIngestedCount,
		payload_size_bytes: payloadSizeBytes,
		server_upload_time: serverUploadTime,
	});
}

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	const read = (name: string) => settings.read(name, itemIndex, '') as IDataObject[string];
	const event: IDataObject = {
		event_type: read('eventType'),
		user_id: read('userId'),
		device_id: read('deviceId'),
		event_properties: read('eventProperties'),
		...mapFields(settings.read('additionalFields', itemIndex, {}) as IDataObject, EVENT_FIELDS),
	};
	const userProperties = readProperties(settings, itemIndex, 'user');
	if (userProperties) event.user_properties = userProperties;
	return normalizeEvent(event, settings.minIdLength);
}

const sendEvent: IngestionOperation = {
	itemKind: 'one HTTP V2 event',
	minIdLength: MIN_ID_LENGTH.min,
	endpoint,
	build,
	normalize: (json, settings) => normalizeEvent(json, settings.minIdLength),
};

/** POST /2/httpapi (or /batch): every input item's event, in as few requests as Amplitude allows. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, sendEvent);
}
