import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { normalizeGroupIdentification } from '../../helpers/ingestionFields';
import { isPlainObject } from '../../helpers/json';
import type { AmplitudeContext } from '../../transport';
import { defineBelow, jsonObjectProperty, mappingModeProperty } from '../common.descriptions';
import { identifyEndpoint, identifyOptions } from '../ingestion/identifyEndpoint';
import {
	type IngestionOperation,
	type IngestionSettings,
	ingestItems,
} from '../ingestion/ingestItems';

const properties: INodeProperties[] = [
	mappingModeProperty,
	{
		displayName: 'Group Type',
		name: 'groupType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. company',
		description: 'The kind of group, e.g. company or org_id',
		displayOptions: { show: defineBelow },
	},
	{
		displayName: 'Group Value',
		name: 'groupValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Corp',
		description: 'Which group of that type',
		displayOptions: { show: defineBelow },
	},
	{
		...jsonObjectProperty(
			'groupProperties',
			'Group Properties',
			'The group properties to update: plain keys or operations ($set, $setOnce, $add, $append, $prepend, $unset), not both',
			true,
		),
		displayOptions: { show: defineBelow },
	},
	identifyOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['identify'] } },
	properties,
);

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	if (settings.autoMap) {
		const json = settings.items[itemIndex].json;
		if (!isPlainObject(json))
			throw new InvalidInput(
				'The input item is not an object. Each item must be one group identification',
			);
		return normalizeGroupIdentification({ ...json });
	}
	return normalizeGroupIdentification({
		group_type: settings.read('groupType', itemIndex, '') as string,
		group_value: settings.read('groupValue', itemIndex, '') as string,
		group_properties: settings.read('groupProperties', itemIndex, '') as IDataObject,
	});
}

const groupIdentify: IngestionOperation = {
	endpoint: (settings) => identifyEndpoint('/groupidentify', settings),
	build,
};

/** POST /groupidentify, form-encoded: `identification` is a JSON array of every item's group identification. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, groupIdentify);
}
