import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { isPlainObject } from './json';

export const USER_PROPERTY_OPERATIONS = [
	'$set',
	'$setOnce',
	'$add',
	'$append',
	'$prepend',
	'$unset',
	'$preInsert',
	'$postInsert',
	'$remove',
	'$clearAll',
];

const GROUP_PROPERTY_OPERATIONS = ['$set', '$setOnce', '$add', '$append', '$prepend', '$unset'];

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
