import type { INodeProperties } from 'n8n-workflow';

import * as evaluate from './evaluate.operation';

export { evaluate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['experiment'] } },
		options: [
			{
				name: 'Evaluate',
				value: 'evaluate',
				description:
					"Read-only: the variant a user gets for each feature flag or experiment (Experiment evaluation API, needs the credential's Deployment Key), to branch a workflow per variant",
				action: 'Evaluate flags for a user',
			},
		],
		default: 'evaluate',
	},
	...evaluate.description,
];
