import type { INodeProperties } from 'n8n-workflow';

import * as identify from './identify.operation';

export { identify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Identify',
				value: 'identify',
				description:
					'Set properties of a group, such as a company account (Group Identify API). Writes data; give group type, group value and properties.',
				action: 'Identify a group',
			},
		],
		default: 'identify',
	},
	...identify.description,
];
