import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';

/** The flag keys of a comma-separated list; empty means every flag of the deployment. */
export function parseFlagKeys(value: unknown): string[] {
	return [
		...new Set(
			String(value ?? '')
				.split(',')
				.map((key) => key.trim())
				.filter(Boolean),
		),
	];
}

const NO_VARIANT = { key: null, value: null, payload: null };

/**
 * Amplitude's evaluation answer as `variants` keyed by flag: `key`, `value` (/v1/vardata gives the
 * variant's value as `key`), `payload`. A requested flag Amplitude assigned no variant (flag off,
 * user not targeted) is there too, with nulls, so expressions such as
 * `{{ $json.variants["my-flag"].value }}` work for every requested flag.
 */
export function mapVariants(answer: IDataObject, requested: string[]): IDataObject {
	const variants: IDataObject = {};
	for (const [flag, variant] of Object.entries(answer)) {
		if (!isPlainObject(variant)) continue;
		variants[flag] = {
			key: variant.key ?? variant.value ?? null,
			value: variant.value ?? variant.key ?? null,
			payload: variant.payload ?? null,
		};
	}
	for (const flag of requested) if (!(flag in variants)) variants[flag] = { ...NO_VARIANT };
	return variants;
}
