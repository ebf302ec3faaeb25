import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toDateRange } from '../../helpers/dates';
import { mapActiveUsers } from '../../helpers/output';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { analyticsOptions, dateRangeProperties, intervalProperty } from '../common.descriptions';
import { chartOutput } from './chart';

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

export const description = updateDisplayOptions({ show: { resource: ['analytics'], operation: ['activeUsers'] } }, properties);

/** GET /api/2/users: active or new users per day, week or month. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: AmplitudeContext): Promise<IDataObject[]> {
	const { start, end } = toDateRange(this.getNodeParameter('start', itemIndex), this.getNodeParameter('end', itemIndex));
	const qs = {
		start,
		end,
		m: this.getNodeParameter('metric', itemIndex, 'active') as string,
		i: this.getNodeParameter('interval', itemIndex, '1') as string,
	};
	const body = await readJson.call(this, context, { api: 'dashboard', path: '/api/2/users', qs }, itemIndex);
	return chartOutput.call(this, itemIndex, mapActiveUsers(body));
}
