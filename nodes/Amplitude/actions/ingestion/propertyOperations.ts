import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	GROUP_PROPERTY_OPERATIONS,
	mergePropertyOperations,
	type PropertyOperationEntry,
	USER_PROPERTY_OPERATIONS,
} from '../../helpers/properties';
import { parseJsonObject } from '../../helpers/json';
import type { IngestionSettings } from './ingestItems';

const OPERATION_LABELS: Record<string, [string, string]> = {
	$set: ['Set', 'Set the property to the value'],
	$setOnce: ['Set Once', 'Set the property only if it has no value yet'],
	$add: ['Add', 'Add a number to the property (negative to subtract)'],
	$append: ['Append', 'Append the value (or each of an array of values) to the list property'],
	$prepend: ['Prepend', 'Put the value (or each of an array of values) first in the list property'],
	$unset: ['Unset', 'Remove the property'],
	$preInsert: ['Pre-Insert', 'Put the value first in the list property unless it is already there'],
	$postInsert: ['Post-Insert', 'Append the value to the list property unless it is already there'],
	$remove: ['Remove', 'Remove the value (or each of an array of values) from the list property'],
	$clearAll: ['Clear All', 'Remove every user property of the user'],
};

/**
 * The User (or Group) Property Operations list: one operation per entry, merged with the JSON
 * properties field into one object of operations.
 */
export function propertyOperationsProperty(
	name: 'userPropertyOperations' | 'groupPropertyOperations',
	displayName: string,
	group: boolean,
): INodeProperties {
	const operations = group ? GROUP_PROPERTY_OPERATIONS : USER_PROPERTY_OPERATIONS;
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Operation',
		default: {},
		description:
			'Property changes without writing JSON. Merged with the properties JSON above into one object of operations (its plain keys count as Set); a property can be changed by one operation only.',
		options: [
			{
				displayName: 'Operation',
				name: 'operation',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: operations.map((value) => ({
							name: OPERATION_LABELS[value][0],
							value,
							description: OPERATION_LABELS[value][1],
						})),
						default: '$set',
					},
					{
						displayName: 'Property',
						name: 'property',
						type: 'string',
						default: '',
						placeholder: 'e.g. plan',
						displayOptions: { hide: { type: ['$clearAll'] } },
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. pro',
						description:
							'Numbers, true/false, ["arrays"] and {"objects"} are sent typed (42 is a number); quote text that looks like one to keep it text ("42"). Expressions keep their own type.',
						displayOptions: { hide: { type: ['$unset', '$clearAll'] } },
					},
				],
			},
		],
	};
}

interface RawEntries {
	operation?: Array<{ type?: unknown; property?: unknown; value?: unknown }>;
}

/** The list's entries for one item, each marked literal unless its value is an expression. */
function entriesOf(
	settings: IngestionSettings,
	name: string,
	itemIndex: number,
): PropertyOperationEntry[] {
	const resolved = (settings.read(name, itemIndex, {}) as RawEntries | undefined)?.operation ?? [];
	const raw = (settings.raw(name) as RawEntries | undefined)?.operation ?? [];
	return resolved.map((entry, index) => {
		const rawValue = raw[index]?.value;
		return {
			type: String(entry.type ?? '$set'),
			property: String(entry.property ?? ''),
			value: entry.value,
			literal: !(typeof rawValue === 'string' && rawValue.startsWith('=')),
		};
	});
}

const FIELDS = {
	user: {
		json: 'userProperties',
		jsonLabel: 'User Properties',
		list: 'userPropertyOperations',
		listLabel: 'User Property Operations',
	},
	group: {
		json: 'groupProperties',
		jsonLabel: 'Group Properties',
		list: 'groupPropertyOperations',
		listLabel: 'Group Property Operations',
	},
};

/**
 * The item's user (or group) properties: the JSON field merged with the operations list
 * (define-below mode), or undefined when both are empty.
 */
export function readProperties(
	settings: IngestionSettings,
	itemIndex: number,
	of: 'user' | 'group',
): IDataObject | undefined {
	const fields = FIELDS[of];
	const properties = parseJsonObject(settings.read(fields.json, itemIndex, ''), fields.jsonLabel);
	return mergePropertyOperations(
		properties,
		entriesOf(settings, fields.list, itemIndex),
		{ json: fields.jsonLabel, list: fields.listLabel },
		of === 'group',
	);
}
