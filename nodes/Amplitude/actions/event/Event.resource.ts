import type { INodeProperties } from 'n8n-workflow';

import * as list from './list.operation';
import * as send from './send.operation';

export { list, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					'Track events (HTTP V2 API). Writes data: each input item becomes one event with an event type and a user ID or device ID; items are sent in batches.',
				action: 'Send an event',
			},
			{
				name: 'List',
				value: 'list',
				description:
					"Read-only: list the project's event types with this week's totals (Dashboard API, needs the secret key)",
				action: 'List event types',
			},
		],
		default: 'send',
	},
	...send.description,
	...list.description,
];
