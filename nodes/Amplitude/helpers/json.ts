import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse that returns its SyntaxError instead of throwing it. */
export function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		return error instanceof SyntaxError ? error : new SyntaxError(String(error));
	}
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return `a ${typeof value}`;
}

/**
 * A JSON parameter as an object: accepts an object or a JSON string of an object.
 * Empty input (undefined, '' or whitespace) gives undefined; anything else that is not an object
 * is an error, never silently `{}`.
 */
export function parseJsonObject(value: unknown, field: string): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	if (isPlainObject(value)) return value;
	if (typeof value !== 'string') {
		throw new InvalidInput(
			`'${field}' must be a JSON object, but it is ${describe(value)}. Give an object such as {"plan": "pro"}`,
		);
	}
	const text = value.trim();
	if (text === '') return undefined;
	const parsed = tryParseJson(text);
	if (parsed instanceof SyntaxError) {
		throw new InvalidInput(
			`'${field}' is not valid JSON (${parsed.message}). Give an object such as {"plan": "pro"}`,
		);
	}
	if (!isPlainObject(parsed)) {
		throw new InvalidInput(
			`'${field}' must be a JSON object, but it is ${describe(parsed)}. Give an object such as {"plan": "pro"}`,
		);
	}
	return parsed;
}
