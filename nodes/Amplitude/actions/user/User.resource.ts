import type { INodeProperties } from 'n8n-workflow';

import * as getActivity from './getActivity.operation';
import * as getProfile from './getProfile.operation';
import * as identify from './identify.operation';
import * as search from './search.operation';

export { getActivity, getProfile, identify, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Activity',
				value: 'getActivity',
				description:
					"Read-only: a user's event stream and summary. Needs the numeric Amplitude ID (get it with Search first), not your user ID.",
				action: 'Get user activity',
			},
			{
				name: 'Get Profile',
				value: 'getProfile',
				description:
					"Read-only: a user's profile (properties, cohorts, computations) by user ID or device ID. US region only; needs the secret key.",
				action: 'Get a user profile',
			},
			{
				name: 'Identify',
				value: 'identify',
				description:
					'Set user properties without sending an event (Identify API). Writes data; give a user ID or device ID and the properties, e.g. {"$set": {"plan": "pro"}}.',
				action: 'Identify a user',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Read-only: find users by user ID, device ID, Amplitude ID or user ID prefix; returns their Amplitude IDs',
				action: 'Search for a user',
			},
		],
		default: 'identify',
	},
	...identify.description,
	...search.description,
	...getActivity.description,
	...getProfile.description,
];
