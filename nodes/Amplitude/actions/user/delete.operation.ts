import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type DeletionUser, invalidIdsOf, jobsOf, jobsOfUser } from '../../helpers/deletions';
import { amplitudeMessage } from '../../transport/errors';
import { requireUserId, toIdType } from '../../helpers/identity';
import { DELETION_API } from '../../limits';
import type { AmplitudeContext, ApiResponse } from '../../transport';
import { type DeliveryEndpoint, type Outcome, deliver } from '../../transport/delivery';
import type { ApiFailure } from '../../transport/errors';
import { retryPolicyFromOptions } from '../../transport/retry';
import { bulkItems } from '../bulkItems';
import { idTypeProperty, optionsCollection, userIdPerItemProperty } from '../common.descriptions';
import { parameterReader } from '../ingestion/parameterReader';

const properties: INodeProperties[] = [
	idTypeProperty,
	userIdPerItemProperty(
		`The user of each item to delete from Amplitude (GDPR/CCPA): all their data, within 30 days. Items go ${DELETION_API.maxIds} to a request, one request a second.`,
	),
	{
		displayName: 'Requester',
		name: 'requester',
		type: 'string',
		default: '',
		placeholder: 'e.g. privacy@example.com',
		description:
			'Who asked for the deletion, for Amplitude\'s records (it shows "rest" when empty)',
	},
	optionsCollection([
		{
			displayName: 'Ignore Invalid IDs',
			name: 'ignoreInvalidIds',
			type: 'boolean',
			default: false,
			description:
				'Whether Amplitude schedules the known users of a request when it does not know some of them, naming the unknown ones (each of them then fails on its own). When off, Amplitude refuses a request that holds an unknown user: the node sends the others again when Amplitude names the unknown ones, else all items of that request fail.',
		},
		{
			displayName: 'Delete From Whole Organization',
			name: 'deleteFromOrg',
			type: 'boolean',
			default: false,
			description:
				'Whether to delete the users from every project of the organization (one job per project; Amplitude then ignores unknown IDs)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['delete'] } },
	properties,
);

interface DeletionSettings {
	requester: string;
	ignoreInvalidIds: boolean;
	deleteFromOrg: boolean;
}

function keyOf(user: DeletionUser): string {
	return user.amplitude_id !== undefined ? String(user.amplitude_id) : String(user.user_id);
}

function describeUser(user: DeletionUser): string {
	return user.amplitude_id !== undefined
		? `Amplitude ID ${user.amplitude_id}`
		: `user ID "${user.user_id}"`;
}

function unknownUser(user: DeletionUser, code: number): ApiFailure {
	return {
		code,
		message: `Amplitude knows no user with ${describeUser(user)} in this project`,
		description:
			'Nothing was scheduled for this user. Check the ID and ID Type, and that the credential is for the project holding the user.',
	};
}

/** What each user of a 2xx answer got: its job, or its own failure when Amplitude named it invalid. */
function outcomesOf(response: ApiResponse, batch: IDataObject[]): Outcome[] {
	const jobs = jobsOf(response.body);
	const invalid = invalidIdsOf(response.body);
	return (batch as DeletionUser[]).map((user): Outcome => {
		if (invalid.has(keyOf(user)))
			return { ok: false, failure: unknownUser(user, response.statusCode) };
		const found = jobsOfUser(jobs, user);
		if (found.length === 0 && jobs.length === 0) {
			const text = amplitudeMessage(response.body);
			return {
				ok: false,
				failure: {
					code: response.statusCode,
					message: `Amplitude scheduled no deletion for ${describeUser(user)}${text ? `: ${text}` : ''}`,
					description: 'Amplitude may not know this user. Check the ID and ID Type.',
				},
			};
		}
		const [first] = found;
		const json: IDataObject = {
			success: true,
			...user,
			...(user.amplitude_id === undefined && first?.entry?.amplitude_id !== undefined
				? { amplitude_id: first.entry.amplitude_id }
				: {}),
			day: first?.job.day ?? null,
			status: first?.job.status ?? null,
			app: first?.job.app ?? null,
			requester: first?.entry?.requester ?? null,
			requested_on_day: first?.entry?.requested_on_day ?? null,
		};
		const all = found.length > 0 ? found.map(({ job }) => job) : jobs;
		if (all.length > 1) {
			json.jobs = all.map((job) => ({
				app: job.app ?? null,
				day: job.day ?? null,
				status: job.status ?? null,
			}));
		}
		return { ok: true, json: () => structuredClone(json) };
	});
}

/** POST /api/2/deletions/users: up to 100 users per request, one request a second, one at a time. */
function deletionEndpoint(settings: DeletionSettings): DeliveryEndpoint {
	return {
		api: 'dashboard',
		path: '/api/2/deletions/users',
		form: false,
		maxCount: DELETION_API.maxIds,
		maxBytes: Number.MAX_SAFE_INTEGER,
		throttlePauseMs: DELETION_API.throttlePauseMs,
		maxInFlight: 1,
		minIntervalMs: DELETION_API.minIntervalMs,
		// Halving a refused request to find unknown users would cost many requests at one a second.
		splittable: false,
		build: (payloads, itemIndexes) => {
			const users = itemIndexes.map((itemIndex) => payloads[itemIndex] as DeletionUser);
			const amplitudeIds = users
				.filter((u) => u.amplitude_id !== undefined)
				.map((u) => u.amplitude_id);
			const userIds = users.filter((u) => u.amplitude_id === undefined).map((u) => u.user_id);
			const body: IDataObject = {};
			if (amplitudeIds.length) body.amplitude_ids = amplitudeIds as number[];
			if (userIds.length) body.user_ids = userIds as string[];
			if (settings.requester) body.requester = settings.requester;
			body.ignore_invalid_id = settings.ignoreInvalidIds;
			body.delete_from_org = settings.deleteFromOrg;
			// Makes Amplitude name each user ID in the jobs, so every item finds its own job.
			body.include_mapped_user_ids = true;
			return { body: Buffer.from(JSON.stringify(body), 'utf8'), count: users.length };
		},
		success: () => () => ({}),
		delivered: outcomesOf,
		rejected: (body, batch) => {
			const invalid = invalidIdsOf(body);
			const positions = new Map<number, string>();
			(batch as DeletionUser[]).forEach((user, position) => {
				if (invalid.has(keyOf(user)))
					positions.set(position, `Amplitude knows no user with ${describeUser(user)}`);
			});
			return positions;
		},
	};
}

/** POST /api/2/deletions/users: every item's user scheduled for deletion, with the job it joined. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await bulkItems.call(this, context, () => {
		const read = parameterReader.call(this, this.getInputData());
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const settings: DeletionSettings = {
			requester: String(this.getNodeParameter('requester', 0, '') ?? '').trim(),
			ignoreInvalidIds: options.ignoreInvalidIds === true,
			deleteFromOrg: options.deleteFromOrg === true,
		};
		const policy = retryPolicyFromOptions(options);
		return {
			api: 'dashboard',
			done: 'scheduled for deletion',
			build: (itemIndex): DeletionUser => {
				const idType = toIdType(read('idType', itemIndex, 'userId'));
				const id = requireUserId(read('id', itemIndex, ''), 'ID', idType);
				return idType === 'amplitudeId' ? { amplitude_id: Number(id) } : { user_id: id };
			},
			send: async (payloads, queue) =>
				await deliver.call(this, context, deletionEndpoint(settings), payloads, queue, policy),
		};
	});
}
