import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { isPlainObject } from './json';

/** Operations Group Identify takes on group properties. */
export const GROUP_PROPERTY_OPERATIONS = [
	'$set',
	'$setOnce',
	'$add',
	'$append',
	'$prepend',
	'$unset',
];

/** Operations on user properties: the group ones and four more for lists and clearing. */
export const USER_PROPERTY_OPERATIONS = [
	...GROUP_PROPERTY_OPERATIONS,
	'$preInsert',
	'$postInsert',
	'$remove',
	'$clearAll',
];

/**
 * Checks a user_properties or group_properties object against Amplitude's rules: either only
 * plain keys, or only known `$` operations, each holding an object (`$clearAll` holds "-").
 */
export function checkPropertyOperations(
	properties: IDataObject,
	field: string,
	group = false,
): void {
	const allowed = group ? GROUP_PROPERTY_OPERATIONS : USER_PROPERTY_OPERATIONS;
	const keys = Object.keys(properties);
	const operations = keys.filter((key) => key.startsWith('$'));
	if (operations.length === 0) return;
	const plain = keys.filter((key) => !key.startsWith('$'));
	if (plain.length > 0) {
		throw new InvalidInput(
			`'${field}' mixes operations (${operations.join(', ')}) with plain keys (${plain.join(', ')}), which Amplitude rejects. Move the plain keys into "$set": {"$set": {"${plain[0]}": ...}}`,
		);
	}
	for (const operation of operations) {
		if (!allowed.includes(operation)) {
			throw new InvalidInput(
				`'${field}' has an unknown operation "${operation}". Use one of ${allowed.join(', ')}`,
			);
		}
		const value = properties[operation];
		if (operation === '$clearAll') continue;
		if (!isPlainObject(value)) {
			throw new InvalidInput(
				`'${field}' operation "${operation}" must hold an object of properties, e.g. {"${operation}": {"plan": ${operation === '$unset' ? '"-"' : '"pro"'}}}`,
			);
		}
	}
}

/** One entry of the User (or Group) Property Operations list, as the node reads it. */
export interface PropertyOperationEntry {
	type: string;
	property: string;
	value: unknown;
	/** Whether the value was typed as a literal (read as JSON when it is JSON), not an expression. */
	literal: boolean;
}

/** Operations that take no value: Amplitude wants "-" there. */
const VALUELESS = new Set(['$unset', '$clearAll']);

/**
 * A literal value as Amplitude should get it: numbers, true/false, arrays, objects and quoted text
 * are read as JSON (so 42 stays a number); anything else is the text itself. Expression results
 * keep the type the expression gave them.
 */
function typedValue(entry: PropertyOperationEntry, field: string): unknown {
	const where = `'${field}' ${entry.type} of "${entry.property}"`;
	let value = entry.value;
	if (entry.literal && typeof value === 'string') {
		if (value.trim() === '') {
			throw new InvalidInput(
				`${where} has no value. Give one (quote it to send empty text: ""), or use $unset to remove the property`,
			);
		}
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			// Plain text.
		}
	}
	if (value === null || value === undefined) {
		throw new InvalidInput(`${where} has no value. Use $unset to remove a property`);
	}
	if (entry.type === '$add' && typeof value !== 'number') {
		throw new InvalidInput(`${where} must be a number to add, but it is ${JSON.stringify(value)}`);
	}
	return value;
}

function nonEmptyObject(value: unknown): value is IDataObject {
	return isPlainObject(value) && Object.keys(value).length > 0;
}

/**
 * Merges the operations list with the JSON properties into one object of operations, as
 * Amplitude takes it: plain keys of the JSON count as $set. A property may be touched by one
 * operation only, and $clearAll by nothing else. Without list entries the JSON is returned as it
 * is (checked later like any other properties object).
 */
export function mergePropertyOperations(
	properties: IDataObject | undefined,
	entries: PropertyOperationEntry[],
	labels: { json: string; list: string },
	group = false,
): IDataObject | undefined {
	if (entries.length === 0) return properties;
	const allowed = group ? GROUP_PROPERTY_OPERATIONS : USER_PROPERTY_OPERATIONS;
	const merged: Record<string, IDataObject | string> = {};
	const owner = new Map<string, string>();
	const claim = (property: string, operation: string, source: string) => {
		const previous = owner.get(property);
		if (previous !== undefined) {
			throw new InvalidInput(
				`"${property}" is changed twice: by ${previous} and by ${operation} in '${source}'. Amplitude applies one operation per property; keep one of them`,
			);
		}
		owner.set(property, `${operation} in '${source}'`);
	};
	const add = (operation: string, property: string, value: unknown, source: string) => {
		claim(property, operation, source);
		const target = (merged[operation] ??= {}) as IDataObject;
		target[property] = value as IDataObject[string];
	};

	if (properties) {
		checkPropertyOperations(properties, labels.json, group);
		const hasOperations = Object.keys(properties).some((key) => key.startsWith('$'));
		for (const [key, value] of Object.entries(properties)) {
			if (!hasOperations) add('$set', key, value, labels.json);
			else if (key === '$clearAll') merged.$clearAll = '-';
			else
				for (const [property, inner] of Object.entries(value as IDataObject))
					add(key, property, inner, labels.json);
		}
	}
	for (const entry of entries) {
		if (!allowed.includes(entry.type)) {
			throw new InvalidInput(
				`'${labels.list}' has an unknown operation "${entry.type}". Use one of ${allowed.join(', ')}`,
			);
		}
		if (entry.type === '$clearAll') {
			merged.$clearAll = '-';
			continue;
		}
		const property = String(entry.property ?? '').trim();
		if (property === '') {
			throw new InvalidInput(
				`'${labels.list}' has a ${entry.type} without a property name. Fill in Property`,
			);
		}
		add(
			entry.type,
			property,
			VALUELESS.has(entry.type) ? '-' : typedValue(entry, labels.list),
			labels.list,
		);
	}
	if (merged.$clearAll !== undefined && Object.keys(merged).length > 1) {
		const others = Object.keys(merged).filter((key) => key !== '$clearAll');
		throw new InvalidInput(
			`'${labels.list}' has $clearAll together with ${others.join(', ')}. $clearAll removes every user property, and Amplitude ignores what comes with it: send the other operations in a separate item`,
		);
	}
	return nonEmptyObject(merged) ? merged : undefined;
}
