import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapAnnotation } from '../../helpers/annotations';
import { toInstant, toIsoWithOffset } from '../../helpers/instants';
import { isPlainObject } from '../../helpers/json';
import { integerInRange } from '../../helpers/numbers';
import type { AmplitudeContext } from '../../transport';
import { toNodeApiError } from '../../transport/errors';
import { readJson } from '../../transport/read';
import { limitProperty, readOptions, returnAllProperty, textOption } from '../common.descriptions';
import { ANNOTATION_TIME_FORMATS } from './create.operation';

const limit: INodeProperties = {
	...limitProperty(Number.MAX_SAFE_INTEGER, 'Amplitude returns every matching annotation at once'),
	typeOptions: { minValue: 1 },
	displayOptions: { show: { returnAll: [false] } },
};

const properties: INodeProperties[] = [
	returnAllProperty('Amplitude returns every matching annotation in one answer'),
	limit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			textOption(
				'Category',
				'category',
				'e.g. Releases',
				'Only annotations in this category (its name)',
			),
			textOption(
				'Chart ID',
				'chartId',
				'e.g. abc123de',
				'Only annotations of this chart (the ID in its URL)',
			),
			textOption(
				'End',
				'end',
				'e.g. 2026-12-01T00:00:00Z',
				`Only annotations that end before this time: ${ANNOTATION_TIME_FORMATS}`,
			),
			textOption(
				'Start',
				'start',
				'e.g. 2026-11-01T00:00:00Z',
				`Only annotations that start after this time: ${ANNOTATION_TIME_FORMATS}`,
			),
		],
	},
	readOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['annotation'], operation: ['getMany'] } },
	properties,
);

function timeFilter(value: unknown, field: string): string | undefined {
	return String(value ?? '').trim() === '' ? undefined : toIsoWithOffset(toInstant(value, field));
}

/**
 * GET /api/3/annotations: one output item per annotation. Amplitude filters by category or by
 * chart, not both; given both, the chart goes to Amplitude and the category is matched here.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const max = returnAll
		? Infinity
		: integerInRange(
				this.getNodeParameter('limit', itemIndex, 50),
				'Limit',
				1,
				Number.MAX_SAFE_INTEGER,
			);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const category = String(filters.category ?? '').trim();
	const chartId = String(filters.chartId ?? '').trim();
	const qs: IDataObject = {};
	if (chartId) qs.chart_id = chartId;
	else if (category) qs.category = category;
	const start = timeFilter(filters.start, 'Start');
	const end = timeFilter(filters.end, 'End');
	if (start) qs.start = start;
	if (end) qs.end = end;
	const answer = await readJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/3/annotations', qs },
		itemIndex,
	);
	if (!Array.isArray(answer.data)) {
		throw toNodeApiError(
			this.getNode(),
			{
				code: 200,
				message: 'Amplitude answered 200 without a list of annotations (no "data" array)',
				description:
					'The address may not be an Amplitude API. Check the credential region, and the Dashboard URL if the region is custom.',
			},
			itemIndex,
		);
	}
	return answer.data
		.filter(isPlainObject)
		.map(mapAnnotation)
		.filter((annotation) => !chartId || !category || annotation.category === category)
		.slice(0, max);
}
