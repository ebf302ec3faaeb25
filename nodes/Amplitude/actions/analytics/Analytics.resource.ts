import type { INodeProperties } from 'n8n-workflow';

import * as activeUsers from './activeUsers.operation';
import * as eventSegmentation from './eventSegmentation.operation';
import * as realtimeActiveUsers from './realtimeActiveUsers.operation';
import * as revenue from './revenue.operation';

export { activeUsers, eventSegmentation, realtimeActiveUsers, revenue };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analytics'] } },
		options: [
			{
				name: 'Get Active Users',
				value: 'activeUsers',
				description:
					'Read-only: active or new users per day, week or month. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get active users',
			},
			{
				name: 'Get Event Segmentation',
				value: 'eventSegmentation',
				description:
					'Read-only: a chart of one event (uniques, totals, property sums …), optionally grouped by a user property. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get event segmentation',
			},
			{
				name: 'Get Realtime Active Users',
				value: 'realtimeActiveUsers',
				description: 'Read-only: active users in 5-minute buckets for today and yesterday',
				action: 'Get realtime active users',
			},
			{
				name: 'Get Revenue LTV',
				value: 'revenue',
				description:
					'Read-only: revenue lifetime value (ARPU, ARPPU, total revenue or paying users) by cohort day. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get revenue LTV',
			},
		],
		default: 'eventSegmentation',
	},
	...eventSegmentation.description,
	...activeUsers.description,
	...realtimeActiveUsers.description,
	...revenue.description,
];
