import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getMany from './getMany.operation';

export { create, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['annotation'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Writes data: marks a moment or a time range (a deploy, a campaign, an incident) on every chart of the project, or on one chart. Needs the secret key.',
				action: 'Create an annotation',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"Read-only: the project's chart annotations, one item each, filtered by category or chart and time. Needs the secret key.",
				action: 'Get many annotations',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
];
