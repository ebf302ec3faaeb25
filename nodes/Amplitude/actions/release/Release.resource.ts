import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['release'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Writes data: records a release (version, title, start time) that Amplitude shows on the charts, e.g. from a deploy pipeline. Needs the secret key.',
				action: 'Create a release',
			},
		],
		default: 'create',
	},
	...create.description,
];
