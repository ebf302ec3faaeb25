import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { IDENTIFY_FIELDS, mapFields, normalizeIdentification } from '../../helpers/ingestionFields';
import { MIN_ID_LENGTH } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import {
	defineBelow,
	dryRunOption,
	jsonObjectProperty,
	mappingModeProperty,
	minIdLengthOption,
	USER_PROPERTIES_HINT,
	userAndDeviceIdProperties,
} from '../common.descriptions';
import { fieldsCollection } from '../ingestion/fieldsCollection';
import { identifyEndpoint, identifyOptions } from '../ingestion/identifyEndpoint';
import {
	type IngestionOperation,
	type IngestionSettings,
	ingestItems,
} from '../ingestion/ingestItems';
import { propertyOperationsProperty, readProperties } from '../ingestion/propertyOperations';

const properties: INodeProperties[] = [
	mappingModeProperty,
	{
		...jsonObjectProperty(
			'userProperties',
			'User Properties',
			`The user properties to update, here or as User Property Operations below (or both). ${USER_PROPERTIES_HINT}.`,
			'{"$set": {"plan": "pro"}}',
		),
		displayOptions: { show: defineBelow },
	},
	{
		...propertyOperationsProperty('userPropertyOperations', 'User Property Operations', false),
		displayOptions: { show: defineBelow },
	},
	...userAndDeviceIdProperties,
	{ ...fieldsCollection(IDENTIFY_FIELDS), displayOptions: { show: defineBelow } },
	identifyOptions([
		minIdLengthOption(
			MIN_ID_LENGTH.default,
			`Shortest user ID or device ID the node accepts. The Identify API takes no minimum length of its own (only the API key and the identifications), so Amplitude drops IDs shorter than ${MIN_ID_LENGTH.default} here; for shorter IDs use Event → Send with Event Type $identify and User Properties, whose Min ID Length reaches Amplitude.`,
		),
		dryRunOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['identify'] } },
	properties,
);

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	const identification: IDataObject = {
		user_id: settings.read('userId', itemIndex, '') as string,
		device_id: settings.read('deviceId', itemIndex, '') as string,
		...mapFields(settings.read('additionalFields', itemIndex, {}) as IDataObject, IDENTIFY_FIELDS),
	};
	const userProperties = readProperties(settings, itemIndex, 'user');
	if (userProperties) identification.user_properties = userProperties;
	return normalizeIdentification(identification, settings.minIdLength);
}

const identifyUser: IngestionOperation = {
	itemKind: 'one identification',
	minIdLength: MIN_ID_LENGTH.default,
	endpoint: (settings) => identifyEndpoint('/identify', settings),
	build,
	normalize: (json, settings) => normalizeIdentification(json, settings.minIdLength),
};

/** POST /identify, form-encoded: `identification` is a JSON array of every item's identification. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, identifyUser);
}
