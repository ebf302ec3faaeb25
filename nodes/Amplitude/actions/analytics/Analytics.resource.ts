import type { INodeProperties } from 'n8n-workflow';

import * as activeUsers from './activeUsers.operation';
import * as eventSegmentation from './eventSegmentation.operation';
import * as funnel from './funnel.operation';
import * as realtimeActiveUsers from './realtimeActiveUsers.operation';
import * as retention from './retention.operation';
import * as revenue from './revenue.operation';
import * as savedChart from './savedChart.operation';
import * as sessions from './sessions.operation';
import * as userComposition from './userComposition.operation';

export {
	activeUsers,
	eventSegmentation,
	funnel,
	realtimeActiveUsers,
	retention,
	revenue,
	savedChart,
	sessions,
	userComposition,
};

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
				name: 'Get Funnel',
				value: 'funnel',
				description:
					'Read-only: how many users go through a sequence of events (steps) and how long each step takes, optionally by a user property. Steps are event names as tracked, or _active / _all. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get a funnel',
			},
			{
				name: 'Get Realtime Active Users',
				value: 'realtimeActiveUsers',
				description: 'Read-only: active users in 5-minute buckets for today and yesterday',
				action: 'Get realtime active users',
			},
			{
				name: 'Get Retention',
				value: 'retention',
				description:
					'Read-only: of the users who did a start event (_new for new users) each day, how many came back (_active, _all or an event) N days later. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get retention',
			},
			{
				name: 'Get Revenue LTV',
				value: 'revenue',
				description:
					'Read-only: revenue lifetime value (ARPU, ARPPU, total revenue or paying users) by cohort day. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get revenue LTV',
			},
			{
				name: 'Get Saved Chart',
				value: 'savedChart',
				description:
					"Read-only: the data of a chart saved in Amplitude, as saved (its own date range). Give the chart's ID or its address.",
				action: 'Get a saved chart',
			},
			{
				name: 'Get Sessions',
				value: 'sessions',
				description:
					'Read-only: average session length (seconds), sessions per user, or the session length distribution. Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get sessions',
			},
			{
				name: 'Get User Composition',
				value: 'userComposition',
				description:
					'Read-only: how many active users have each value of one user property (country, platform, gp:plan …). Dates are YYYYMMDD or ISO (2026-11-01), in the project time zone.',
				action: 'Get user composition',
			},
		],
		default: 'eventSegmentation',
	},
	...eventSegmentation.description,
	...activeUsers.description,
	...realtimeActiveUsers.description,
	...revenue.description,
	...funnel.description,
	...retention.description,
	...sessions.description,
	...userComposition.description,
	...savedChart.description,
];
