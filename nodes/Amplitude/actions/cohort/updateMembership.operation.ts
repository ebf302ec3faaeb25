import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type MembershipChange, requireCohortId } from '../../helpers/cohorts';
import { InvalidInput } from '../../helpers/errors';
import { requireUserId, toIdType } from '../../helpers/identity';
import { COHORT_IDS_PER_REQUEST } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { retryPolicyFromOptions } from '../../transport/retry';
import { bulkItems } from '../bulkItems';
import { idTypeProperty, optionsCollection, userIdPerItemProperty } from '../common.descriptions';
import { parameterReader } from '../ingestion/parameterReader';
import { MEMBERSHIP_ID_TYPE, changeMemberships, cohortIdProperty, userKey } from './membership';

const ACTIONS = { add: 'ADD', remove: 'REMOVE' } as const;

const properties: INodeProperties[] = [
	cohortIdProperty(
		'The static cohort to change, as in its Amplitude URL or from Cohort → Get Many. May differ per item.',
	),
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: "Add the item's user to the cohort",
				action: 'Add users to a cohort',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: "Remove the item's user from the cohort",
				action: 'Remove users from a cohort',
			},
		],
		default: 'add',
		description: 'What to do with the user of each item; may differ per item through an expression',
	},
	idTypeProperty,
	userIdPerItemProperty(
		`The user of each item. All items go in as few requests as possible, ${COHORT_IDS_PER_REQUEST.toLocaleString('en-US')} IDs per request, one request at a time per cohort.`,
	),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cohort'], operation: ['updateMembership'] } },
	properties,
);

function actionOf(value: unknown): keyof typeof ACTIONS {
	if (value === 'add' || value === 'remove') return value;
	throw new InvalidInput(`'Action' must be add or remove, but it is ${JSON.stringify(value)}`);
}

/** POST /api/3/cohorts/membership: every item's user added to or removed from its cohort. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await bulkItems.call(this, context, () => {
		const read = parameterReader.call(this, this.getInputData());
		const policy = retryPolicyFromOptions(this.getNodeParameter('options', 0, {}) as IDataObject);
		return {
			api: 'dashboard',
			done: 'applied or skipped',
			build: (itemIndex): MembershipChange => {
				const idType = toIdType(read('idType', itemIndex, 'userId'));
				return {
					cohort_id: requireCohortId(read('cohortId', itemIndex, '')),
					id: requireUserId(read('id', itemIndex, ''), 'ID', idType),
					id_type: MEMBERSHIP_ID_TYPE[idType],
					operation: ACTIONS[actionOf(read('action', itemIndex, 'add'))],
				};
			},
			send: async (payloads, queue) =>
				await changeMemberships.call(this, context, payloads, queue, policy, (change, status) => ({
					success: true,
					cohort_id: change.cohort_id,
					...userKey(change.id, change.id_type === 'BY_ID' ? 'amplitudeId' : 'userId'),
					action: change.operation === 'ADD' ? 'add' : 'remove',
					status,
				})),
		};
	});
}
