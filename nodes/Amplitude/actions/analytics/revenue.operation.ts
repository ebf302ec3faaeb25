import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapRevenue } from '../../helpers/responses';
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
			{ name: 'ARPU', value: '0', description: 'Average revenue per user' },
			{ name: 'ARPPU', value: '1', description: 'Average revenue per paying user' },
			{ name: 'Total Revenue', value: '2' },
			{ name: 'Paying Users', value: '3' },
		],
		default: '0',
	},
	intervalProperty(),
	analyticsOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['revenue'] } },
	properties,
);

/** GET /api/2/revenue/ltv: lifetime value by cohort day (r1d … r90d, count, paid, total_amount). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	return await readDatedChart.call(this, context, itemIndex, {
		path: '/api/2/revenue/ltv',
		defaultMetric: '0',
		map: mapRevenue,
	});
}
