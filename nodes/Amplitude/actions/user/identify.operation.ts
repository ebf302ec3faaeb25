import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { IDENTIFY_FIELDS, mapFields, normalizeIdentification } from '../../helpers/ingestionFields';
import { isPlainObject } from '../../helpers/json';
import type { AmplitudeContext } from '../../transport';
import { defineBelow, jsonObjectProperty, mappingModeProperty, USER_PROPERTIES_HINT } from '../common.descriptions';
import { fieldsCollection } from '../fieldsCollection';
import { identifyEndpoint, identifyOptions } from '../identifyEndpoint';
import { type IngestionOperation, type IngestionSettings, ingestItems } from '../ingestItems';

const properties: INodeProperties[] = [
	mappingModeProperty,
	{
		...jsonObjectProperty('userProperties', 'User Properties', `The user properties to update. ${USER_PROPERTIES_HINT}.`, true),
		displayOptions: { show: defineBelow },
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		description: 'Your ID for the user, at least 5 characters (give this or Device ID)',
		displayOptions: { show: defineBelow },
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		description: 'The device ID, at least 5 characters (give this or User ID)',
		displayOptions: { show: defineBelow },
	},
	{ ...fieldsCollection(IDENTIFY_FIELDS), displayOptions: { show: defineBelow } },
	identifyOptions([
		{
			displayName: 'Min ID Length',
			name: 'minIdLength',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description: 'Shortest user ID or device ID accepted (Amplitude drops shorter IDs)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['identify'] } }, properties);

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	if (settings.autoMap) {
		const json = settings.items[itemIndex].json;
		if (!isPlainObject(json)) throw new InvalidInput('The input item is not an object. Each item must be one identification');
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

const identifyUser: IngestionOperation = { endpoint: (settings) => identifyEndpoint('/identify', settings), build };

/** POST /identify, form-encoded: `identification` is a JSON array of every item's identification. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, identifyUser);
}
