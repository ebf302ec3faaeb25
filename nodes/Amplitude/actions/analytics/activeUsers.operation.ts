import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapActiveUsers } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { analyticsOptions, dateRangeProperties, intervalProperty } from '../common.descriptions';
import { readDatedChart } from './chartOutput';

const properties: INodeProperties[] = [
	...dateRangeProperties,
	{
		displayName: 'Metric',
		name: 'metric',
		type: 'options',
		options: [
			{ name: 'Active Users', value: 'active' },
			{ name: 'New Users', value: 'new' },
		],
		default: 'active',
	},
	intervalProperty(),
	analyticsOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['activeUsers'] } },
	properties,
);

/** GET /api/2/users: active or new users per day, week or month. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	return await readDatedChart.call(this, context, itemIndex, {
		path: '/api/2/users',
		defaultMetric: 'active',
		map: mapActiveUsers,
	});
}
