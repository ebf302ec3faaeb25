import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { IDENTIFY_FIELDS, mapFields, normalizeIdentification } from '../../helpers/ingestionFields';
import { isPlainObject } from '../../helpers/json';
import type { AmplitudeContext } from '../../transport';
import {
	defineBelow,
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

const properties: INodeProperties[] = [
	mappingModeProperty,
	{
		...jsonObjectProperty(
			'userProperties',
			'User Properties',
			`The user properties to update. ${USER_PROPERTIES_HINT}.`,
			true,
		),
		displayOptions: { show: defineBelow },
	},
	...userAndDeviceIdProperties,
	{ ...fieldsCollection(IDENTIFY_FIELDS), displayOptions: { show: defineBelow } },
	identifyOptions([minIdLengthOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['identify'] } },
	properties,
);

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	if (settings.autoMap) {
		const json = settings.items[itemIndex].json;
		if (!isPlainObject(json))
			throw new InvalidInput(
				'The input item is not an object. Each item must be one identification',
			);
		return normalizeIdentification({ ...json }, settings.minIdLength);
	}
	const identification: IDataObject = {
		user_id: settings.read('userId', itemIndex, '') as string,
		device_id: settings.read('deviceId', itemIndex, '') as string,
		user_properties: settings.read('userProperties', itemIndex, '') as IDataObject,
		...mapFields(settings.read('additionalFields', itemIndex, {}) as IDataObject, IDENTIFY_FIELDS),
	};
	return normalizeIdentification(identification, settings.minIdLength);
}

const identifyUser: IngestionOperation = {
	endpoint: (settings) => identifyEndpoint('/identify', settings),
	build,
};

/** POST /identify, form-encoded: `identification` is a JSON array of every item's identification. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, identifyUser);
}
