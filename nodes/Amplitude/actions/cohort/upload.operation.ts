import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type MembershipChange, requireCohortId, uploadAnswer } from '../../helpers/cohorts';
import { InvalidInput } from '../../helpers/errors';
import { type IdType, requireUserId, toIdType } from '../../helpers/identity';
import { COHORT_IDS_PER_REQUEST } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { type DeliveryEndpoint, type Outcome, deliver } from '../../transport/delivery';
import { retryPolicyFromOptions } from '../../transport/retry';
import { bulkItems } from '../bulkItems';
import { idTypeProperty, optionsCollection, userIdPerItemProperty } from '../common.descriptions';
import { parameterReader } from '../ingestion/parameterReader';
import {
	MEMBERSHIP_ID_TYPE,
	UPLOAD_ID_TYPE,
	changeMemberships,
	cohortWrite,
	userKey,
} from './membership';

const CHUNK = COHORT_IDS_PER_REQUEST.toLocaleString('en-US');

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. CRM: enterprise trials',
		description: 'Name of the cohort in Amplitude (read from the first item)',
	},
	idTypeProperty,
	userIdPerItemProperty(
		`The user of each item: all input items become the members of one static cohort. Above ${CHUNK} IDs the cohort is created with the first ${CHUNK} and the rest are added ${CHUNK} at a time.`,
	),
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"The numeric ID of the Amplitude project the cohort belongs to (Settings → Projects). 0 uses the credential's Project ID.",
	},
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. name@example.com',
		description: 'Login email of the Amplitude user who will own the cohort',
	},
	{
		displayName: 'Published',
		name: 'published',
		type: 'boolean',
		default: true,
		description:
			'Whether the cohort is discoverable by everyone in the project (else only its owner sees it)',
	},
	optionsCollection([
		{
			displayName: 'Existing Cohort ID',
			name: 'existingCohortId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1a2bc3d',
			description:
				"Replace the members of this cohort with the input items' users instead of creating a new cohort",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cohort'], operation: ['upload'] } },
	properties,
);

function requireText(value: unknown, field: string, hint: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InvalidInput(`'${field}' is empty. ${hint}`);
	return text;
}

/** The project the cohort goes to: the operation's Project ID, else the credential's. */
function projectIdOf(value: unknown, context: AmplitudeContext): number {
	const own = Number(value ?? 0);
	if (!Number.isSafeInteger(own) || own < 0) {
		throw new InvalidInput(
			`'Project ID' must be a whole number, but it is ${JSON.stringify(value)}`,
		);
	}
	const projectId = own > 0 ? own : context.credentials.projectId;
	if (!projectId) {
		throw new InvalidInput(
			"Uploading a cohort needs the project's numeric ID, and neither 'Project ID' nor the credential has one. Fill in Project ID in the Amplitude API credential (Amplitude: Settings → Projects → your project) or in this operation",
		);
	}
	return projectId;
}

interface UploadSettings {
	name: string;
	appId: number;
	idType: IdType;
	owner: string;
	published: boolean;
	existingCohortId?: string;
}

/**
 * POST /api/3/cohorts/upload for the first chunk: every item learns the cohort's ID, and is
 * skipped when Amplitude's sample of invalid IDs names it.
 */
function uploadEndpoint(settings: UploadSettings, cohort: { id?: string }): DeliveryEndpoint {
	return {
		...cohortWrite('/api/3/cohorts/upload'),
		build: (payloads, itemIndexes) => {
			const body: IDataObject = {
				name: settings.name,
				app_id: settings.appId,
				id_type: UPLOAD_ID_TYPE[settings.idType],
				ids: itemIndexes.map((itemIndex) => String(payloads[itemIndex].id)),
				owner: settings.owner,
				published: settings.published,
			};
			if (settings.existingCohortId) body.existing_cohort_id = settings.existingCohortId;
			return { body: Buffer.from(JSON.stringify(body), 'utf8'), count: itemIndexes.length };
		},
		delivered: (response, batch) => {
			const answer = uploadAnswer(response.body);
			cohort.id = answer.cohortId ?? settings.existingCohortId;
			if (!cohort.id) {
				const failure = {
					code: response.statusCode,
					message: `Amplitude answered ${response.statusCode} to the cohort upload without a cohort ID`,
					description:
						'The address may not be an Amplitude API. Check the credential region or custom URLs.',
				};
				return batch.map((): Outcome => ({ ok: false, failure }));
			}
			const cohortId = cohort.id;
			return batch.map((payload): Outcome => {
				const id = String(payload.id);
				const status = answer.invalidSample.has(id) ? 'skipped' : 'applied';
				return {
					ok: true,
					json: () => ({
						success: true,
						cohort_id: cohortId,
						...userKey(id, settings.idType),
						status,
					}),
				};
			});
		},
	};
}

/** POST /api/3/cohorts/upload: all input items' users as one static cohort, new or replaced. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await bulkItems.call(this, context, () => {
		const read = parameterReader.call(this, this.getInputData());
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const idType = toIdType(this.getNodeParameter('idType', 0, 'userId'));
		const existing = String(options.existingCohortId ?? '').trim();
		const settings: UploadSettings = {
			name: requireText(this.getNodeParameter('name', 0, ''), 'Name', 'Give the cohort a name'),
			appId: projectIdOf(this.getNodeParameter('projectId', 0, 0), context),
			idType,
			owner: requireText(
				this.getNodeParameter('owner', 0, ''),
				'Owner',
				'Give the login email of the Amplitude user who will own the cohort',
			),
			published: this.getNodeParameter('published', 0, true) as boolean,
			existingCohortId: existing ? requireCohortId(existing, 'Existing Cohort ID') : undefined,
		};
		const policy = retryPolicyFromOptions(options);
		return {
			api: 'dashboard',
			done: 'added to the cohort',
			build: (itemIndex) => ({ id: requireUserId(read('id', itemIndex, ''), 'ID', idType) }),
			send: async (payloads, queue) => {
				const first = queue.slice(0, COHORT_IDS_PER_REQUEST);
				const rest = queue.slice(COHORT_IDS_PER_REQUEST);
				const cohort: { id?: string } = {};
				const endpoint = uploadEndpoint(settings, cohort);
				const outcomes = await deliver.call(this, context, endpoint, payloads, first, policy);
				if (rest.length === 0) return outcomes;
				const created = cohort.id;
				if (!created) {
					const failure = {
						code: null,
						message: `Not sent: the cohort upload of the first ${CHUNK} IDs failed, so there was no cohort to add this ID to`,
						description: 'Fix the failure of the first items and run the node again.',
					};
					for (const itemIndex of rest) outcomes[itemIndex] = { ok: false, failure };
					return outcomes;
				}
				const changes = payloads.map(
					(payload): MembershipChange | undefined =>
						payload && {
							cohort_id: created,
							id: String(payload.id),
							id_type: MEMBERSHIP_ID_TYPE[idType],
							operation: 'ADD',
						},
				) as IDataObject[];
				const added = await changeMemberships.call(
					this,
					context,
					changes,
					rest,
					policy,
					(change, status) => ({
						success: true,
						cohort_id: created,
						...userKey(change.id, idType),
						status,
					}),
				);
				for (const itemIndex of rest) outcomes[itemIndex] = added[itemIndex];
				return outcomes;
			},
		};
	});
}
