import type { INodeProperties } from 'n8n-workflow';

import { COHORT_DOWNLOAD, COHORT_IDS_PER_REQUEST } from '../../limits';
import * as getMany from './getMany.operation';
import * as getMembers from './getMembers.operation';
import * as updateMembership from './updateMembership.operation';
import * as upload from './upload.operation';

export { getMany, getMembers, updateMembership, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cohort'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Read-only: the project's cohorts, one item each (ID, name, size, owners …)",
				action: 'Get many cohorts',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description: `Read-only: the users in a cohort, one item each or as a CSV file. Give the cohort ID; each run counts toward Amplitude's ${COHORT_DOWNLOAD.monthlyQuota} downloads a month.`,
				action: 'Get cohort members',
			},
			{
				name: 'Update Membership',
				value: 'updateMembership',
				description: `Writes data: adds or removes each item's user (user ID or Amplitude ID) in a static cohort, ${COHORT_IDS_PER_REQUEST.toLocaleString('en-US')} per request`,
				action: 'Update cohort membership',
			},
			{
				name: 'Upload',
				value: 'upload',
				description:
					"Writes data: all input items' users become one static cohort (new, or replacing an existing one's members). Give a name, an owner email and each item's ID.",
				action: 'Upload a cohort',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getMembers.description,
	...upload.description,
	...updateMembership.description,
];
