import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { integerInRange } from '../helpers/numbers';
import { limitProperty, returnAllProperty } from './common.descriptions';

/** Most items a Limit may ask of a list Amplitude returns whole. */
const MAX_LIMIT = 10_000;

/** Return All and Limit for a list Amplitude returns in one answer: Limit keeps the first items. */
export function wholeListProperties(what: string): INodeProperties[] {
	const hint = `Amplitude returns every ${what} in one answer`;
	return [
		returnAllProperty(hint),
		{ ...limitProperty(MAX_LIMIT, hint), displayOptions: { show: { returnAll: [false] } } },
	];
}

/** How many items to keep: all with Return All, else the Limit. */
export function wholeListLimit(this: IExecuteFunctions, itemIndex: number): number {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	return integerInRange(this.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, MAX_LIMIT);
}
