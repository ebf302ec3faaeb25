import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapAnnotation } from '../../helpers/annotations';
import { InvalidInput } from '../../helpers/errors';
import { isPlainObject } from '../../helpers/json';
import { INSTANT_FORMATS, toInstant, toIsoWithOffset } from '../../helpers/instants';
import type { AmplitudeContext } from '../../transport';
import { writeJson } from '../../transport/read';
import { optionsCollection, textOption } from '../common.descriptions';
import { textParameter } from '../itemParameters';

export const ANNOTATION_TIME_FORMATS = `${INSTANT_FORMATS}; sent as ISO 8601 with an offset (a value without one is read as UTC)`;

const properties: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Release 2.4.0',
		description: 'The text shown on the charts',
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'string',
		required: true,
		default: '={{ $now.toISO() }}',
		placeholder: 'e.g. 2026-11-30T14:00:00+01:00',
		description: `When the annotated event starts: ${ANNOTATION_TIME_FORMATS}`,
	},
	optionsCollection([
		textOption(
			'Category',
			'category',
			'e.g. Releases',
			'The name of an annotation category that exists in the project; empty puts the annotation in Uncategorized',
		),
		textOption(
			'Chart ID',
			'chartId',
			'e.g. abc123de',
			'Annotate only this chart (the ID in its URL); empty annotates every chart of the project',
		),
		textOption(
			'Details',
			'details',
			'e.g. Deployed by the release pipeline',
			'Longer text shown with the annotation',
		),
		textOption(
			'End',
			'end',
			'e.g. 2026-12-07T00:00:00Z',
			`When a time range ends (a campaign, an incident), in the same formats as Start; empty marks a single point in time`,
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['annotation'], operation: ['create'] } },
	properties,
);

/** POST /api/3/annotations: one annotation per item, on every chart or on one. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const label = textParameter.call(this, 'label', itemIndex);
	if (label === '') throw new InvalidInput("'Label' is empty. Give the text to show on the charts");
	const start = toInstant(this.getNodeParameter('start', itemIndex), 'Start');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { label, start: toIsoWithOffset(start) };
	if (String(options.end ?? '').trim() !== '') {
		const end = toInstant(options.end, 'End');
		if (end.ms < start.ms) {
			throw new InvalidInput(
				`'End' (${toIsoWithOffset(end)}) is before 'Start' (${body.start}). Give an end after the start, or none`,
			);
		}
		body.end = toIsoWithOffset(end);
	}
	const category = String(options.category ?? '').trim();
	const chartId = String(options.chartId ?? '').trim();
	const details = String(options.details ?? '');
	if (category) body.category = category;
	if (chartId) body.chart_id = chartId;
	if (details.trim() !== '') body.details = details;
	const answer = await writeJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/3/annotations', body },
		itemIndex,
		(response, failure) => {
			if (response.statusCode !== 404) return;
			failure.description =
				category || chartId
					? `Amplitude found no ${[category && `annotation category "${category}"`, chartId && `chart "${chartId}"`].filter(Boolean).join(' or ')} in this project. Create the category in Amplitude first (or leave Category empty for Uncategorized), and check the chart ID in the chart's URL.`
					: 'Amplitude has no annotations API at this address. Check the credential region, and the Dashboard URL if the region is custom.';
		},
	);
	return { success: true, ...mapAnnotation(isPlainObject(answer.data) ? answer.data : answer) };
}
