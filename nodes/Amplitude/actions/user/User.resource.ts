import type { INodeProperties } from 'n8n-workflow';

import { DELETION_API } from '../../limits';
import * as cancelDeletion from './cancelDeletion.operation';
import * as deleteUsers from './delete.operation';
import * as getActivity from './getActivity.operation';
import * as getDeletionJobs from './getDeletionJobs.operation';
import * as getProfile from './getProfile.operation';
import * as identify from './identify.operation';
import * as map from './map.operation';
import * as search from './search.operation';

export {
	cancelDeletion,
	deleteUsers,
	getActivity,
	getDeletionJobs,
	getProfile,
	identify,
	map,
	search,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Cancel Deletion',
				value: 'cancelDeletion',
				description:
					"Writes data: takes a user out of a deletion job that is still in staging. Give the Amplitude ID and the job's day.",
				action: 'Cancel a user deletion',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: `Deletes data (GDPR/CCPA): schedules each item's user for deletion from Amplitude, ${DELETION_API.maxIds} per request, one request a second; each item gets its job's day and status`,
				action: 'Delete users',
			},
			{
				name: 'Get Activity',
				value: 'getActivity',
				description:
					"Read-only: a user's event stream and summary. Needs the numeric Amplitude ID (get it with Search first), not your user ID.",
				action: 'Get user activity',
			},
			{
				name: 'Get Deletion Jobs',
				value: 'getDeletionJobs',
				description: `Read-only: the deletion jobs scheduled in a range of days (at most ${DELETION_API.maxRangeMonths} months), one item per job`,
				action: 'Get deletion jobs',
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
				name: 'Map',
				value: 'map',
				description:
					"Writes data: maps each item's user ID to a global user ID across projects (or unmaps it). Needs Amplitude's Portfolio add-on.",
				action: 'Map a user ID',
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
	...map.description,
	...deleteUsers.description,
	...getDeletionJobs.description,
	...cancelDeletion.description,
];
