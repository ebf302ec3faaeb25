import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';

type Json = IDataObject[string];

/** `seriesLabels` → `series_labels`, `avgTransTimes` → `avg_trans_times`; other keys stay as they are. */
export function toSnakeCase(key: string): string {
	return /^[a-z][A-Za-z0-9]*$/.test(key)
		? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
		: key;
}

/**
 * A copy of Amplitude's JSON with every object key in snake_case. The keys of the objects held
 * under `dataKeyed` names (dates, property values) are data, not field names, and stay as they
 * are; their values are converted.
 */
export function snakeKeys(value: unknown, dataKeyed: ReadonlySet<string> = new Set()): Json {
	if (Array.isArray(value)) return value.map((entry) => snakeKeys(entry, dataKeyed)) as Json;
	if (!isPlainObject(value)) return value as Json;
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		result[toSnakeCase(key)] =
			dataKeyed.has(key) && isPlainObject(entry)
				? Object.fromEntries(
						Object.entries(entry).map(([dataKey, inner]) => [dataKey, snakeKeys(inner, dataKeyed)]),
					)
				: snakeKeys(entry, dataKeyed);
	}
	return result;
}
