import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';

/**
 * An annotation as the node outputs it: Amplitude's fields, with the category flattened to its
 * name and ID. Amplitude's answers name the category `category` inside the category object,
 * although its documentation shows `name`; both are read.
 */
export function mapAnnotation(raw: IDataObject): IDataObject {
	const { category, ...rest } = raw;
	const categoryObject = isPlainObject(category) ? category : undefined;
	const name =
		categoryObject?.category ??
		categoryObject?.name ??
		(typeof category === 'string' ? category : null);
	return {
		id: rest.id ?? null,
		label: rest.label ?? null,
		details: rest.details ?? null,
		start: rest.start ?? null,
		end: rest.end ?? null,
		chart_id: rest.chart_id ?? null,
		category: name ?? null,
		category_id: categoryObject?.id ?? null,
		...withoutKnown(rest),
	};
}

const KNOWN = new Set(['id', 'label', 'details', 'start', 'end', 'chart_id']);

/** Any further fields Amplitude adds, kept as they came. */
function withoutKnown(raw: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(raw).filter(([key]) => !KNOWN.has(key)));
}
