import type { INodeProperties } from 'n8n-workflow';

import * as exportEvents from './export.operation';
import * as list from './list.operation';
import * as send from './send.operation';

export { exportEvents, list, send };

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
			{
				name: 'Export',
				value: 'export',
				description:
					"Read-only: the raw events Amplitude received in a range of UTC hours (Export API, needs the secret key), as one item per event or as Amplitude's zip file",
				action: 'Export raw events',
			},
		],
		default: 'send',
	},
	...send.description,
	...list.description,
	...exportEvents.description,
];
