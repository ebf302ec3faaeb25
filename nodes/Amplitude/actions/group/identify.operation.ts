import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normalizeGroupIdentification } from '../../helpers/ingestionFields';
import { MIN_ID_LENGTH } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import {
	defineBelow,
	dryRunOption,
	jsonObjectProperty,
	mappingModeProperty,
} from '../common.descriptions';
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
			'The group properties to update, here or as Group Property Operations below (or both): plain keys or operations ($set, $setOnce, $add, $append, $prepend, $unset), not both',
			'{"$set": {"plan": "enterprise"}}',
		),
		displayOptions: { show: defineBelow },
	},
	{
		...propertyOperationsProperty('groupPropertyOperations', 'Group Property Operations', true),
		displayOptions: { show: defineBelow },
	},
	identifyOptions([dryRunOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['identify'] } },
	properties,
);

function build(itemIndex: number, settings: IngestionSettings): IDataObject {
	const identification: IDataObject = {
		group_type: settings.read('groupType', itemIndex, '') as string,
		group_value: settings.read('groupValue', itemIndex, '') as string,
	};
	const groupProperties = readProperties(settings, itemIndex, 'group');
	if (groupProperties) identification.group_properties = groupProperties;
	return normalizeGroupIdentification(identification);
}

const groupIdentify: IngestionOperation = {
	itemKind: 'one group identification',
	minIdLength: MIN_ID_LENGTH.min,
	endpoint: (settings) => identifyEndpoint('/groupidentify', settings),
	build,
	normalize: (json) => normalizeGroupIdentification(json),
};

/** POST /groupidentify, form-encoded: `identification` is a JSON array of every item's group identification. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await ingestItems.call(this, context, groupIdentify);
}
