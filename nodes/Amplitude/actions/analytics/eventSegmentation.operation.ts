import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toDateRange } from '../../helpers/dates';
import { InvalidInput } from '../../helpers/errors';
import { integerInRange } from '../../helpers/numbers';
import { labelText, mapSegmentation } from '../../helpers/responses';
import { SEGMENTATION_MAX_GROUPS } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import {
	analyticsOptions,
	dateRangeProperties,
	eventTypeProperty,
	groupByProperty,
	intervalProperty,
	limitProperty,
} from '../common.descriptions';
import { chartOutput } from './chartOutput';

const PROPERTY_METRICS = ['histogram', 'sums', 'value_avg'];

const limit = limitProperty(
	SEGMENTATION_MAX_GROUPS,
	`The number of group-by values Amplitude returns, up to ${SEGMENTATION_MAX_GROUPS}`,
);

const properties: INodeProperties[] = [
	eventTypeProperty(
		'The event name as tracked. Use _active for any active event or _all for any event; ce:Name only for custom events defined in Amplitude.',
	),
	...dateRangeProperties,
	{
		displayName: 'Metric',
		name: 'metric',
		type: 'options',
		options: [
			{ name: 'Average', value: 'average', description: 'Average events per active user' },
			{ name: 'Formula', value: 'formula', description: 'A formula such as UNIQUES(A)/UNIQUES(B)' },
			{ name: 'Histogram', value: 'histogram', description: 'Distribution of an event property' },
			{ name: 'Percent of Daily Active Users', value: 'pct_dau' },
			{ name: 'Property Average', value: 'value_avg', description: 'Average of an event property' },
			{ name: 'Property Sum', value: 'sums', description: 'Sum of an event property' },
			{ name: 'Totals', value: 'totals', description: 'Number of events' },
			{ name: 'Uniques', value: 'uniques', description: 'Number of users who did the event' },
		],
		default: 'uniques',
	},
	{
		displayName: 'Formula',
		name: 'formula',
		type: 'string',
		default: '',
		placeholder: 'e.g. UNIQUES(A)',
		description: 'The formula over the event (A); required for the Formula metric',
		displayOptions: { show: { metric: ['formula'] } },
	},
	{
		displayName: 'Event Property',
		name: 'eventProperty',
		type: 'string',
		default: '',
		placeholder: 'e.g. price',
		description: 'The event property the metric is computed over (no prefix for event properties)',
		displayOptions: { show: { metric: PROPERTY_METRICS } },
	},
	intervalProperty([
		{ name: 'Hourly (Up to 7 Days)', value: '-3600000' },
		{ name: 'Realtime 5 Minutes (Up to 2 Days)', value: '-300000' },
	]),
	groupByProperty('A user property to split the chart by.'),
	limit,
	analyticsOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['eventSegmentation'] } },
	properties,
);

/** The `e` parameter: the event, with the group-by and the metric's property as group_by entries. */
export function segmentationEvent(
	eventType: string,
	groupBy: string,
	eventProperty: string,
): IDataObject {
	const groups: IDataObject[] = [];
	if (eventProperty) groups.push({ type: 'event', value: eventProperty });
	if (groupBy) groups.push({ type: 'user', value: groupBy });
	return groups.length > 0
		? { event_type: eventType, group_by: groups }
		: { event_type: eventType };
}

/** GET /api/2/events/segmentation with `e` as URL-encoded JSON. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const eventType = text('eventType');
	if (!eventType) {
		throw new InvalidInput(
			"'Event Type' is empty. Give the event name, e.g. page_view, or _active for any active event",
		);
	}
	const { start, end } = toDateRange(
		this.getNodeParameter('start', itemIndex),
		this.getNodeParameter('end', itemIndex),
	);
	const metric = text('metric') || 'uniques';
	const qs: IDataObject = { start, end, m: metric, i: text('interval') || '1' };
	const eventProperty = PROPERTY_METRICS.includes(metric) ? text('eventProperty') : '';
	if (PROPERTY_METRICS.includes(metric) && !eventProperty) {
		throw new InvalidInput(
			`'Event Property' is empty, and the ${metric} metric needs one. Name the event property to compute it over, e.g. price`,
		);
	}
	if (metric === 'formula') {
		qs.formula = text('formula');
		if (!qs.formula)
			throw new InvalidInput("'Formula' is empty. Give a formula over the event, e.g. UNIQUES(A)");
	}
	qs.e = JSON.stringify(segmentationEvent(eventType, text('groupBy'), eventProperty));
	qs.limit = integerInRange(
		this.getNodeParameter('limit', itemIndex, limit.default),
		'Limit',
		1,
		SEGMENTATION_MAX_GROUPS,
	);
	const body = await readJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/2/events/segmentation', qs },
		itemIndex,
	);
	const chart = mapSegmentation(body);
	// Without a group-by Amplitude labels a series by the event's index (0): rows name the event.
	const rowLabels = (chart.series_labels as unknown[]).map((label) =>
		typeof label === 'number' ? eventType : labelText(label),
	);
	return chartOutput.call(this, itemIndex, chart, rowLabels);
}
