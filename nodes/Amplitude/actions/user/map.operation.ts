import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { requireUserId } from '../../helpers/identity';
import { ENVELOPE_BYTES, megabytes, USER_MAP_API } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { type DeliveryEndpoint, type Outcome, deliver } from '../../transport/delivery';
import { retryPolicyFromOptions } from '../../transport/retry';
import { bulkItems } from '../bulkItems';
import { optionsCollection } from '../common.descriptions';
import { parameterReader } from '../ingestion/parameterReader';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.app_user_id }}',
		description: `The user ID (in one of your projects) to map, or to unmap. Items travel in batches of up to ${USER_MAP_API.maxMappings} mappings and ${megabytes(USER_MAP_API.maxBytes)}, under Amplitude's ${USER_MAP_API.requestsPerSecond} requests a second. Needs Amplitude's Portfolio add-on.`,
	},
	{
		displayName: 'Global User ID',
		name: 'globalUserId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.crm_id }}',
		description:
			"The ID that User ID's events appear under across projects (user properties are not merged)",
		displayOptions: { show: { unmap: [false] } },
	},
	{
		displayName: 'Unmap',
		name: 'unmap',
		type: 'boolean',
		default: false,
		description: 'Whether to remove the mapping of User ID instead of adding one',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['map'] } },
	properties,
);

/**
 * POST /usermap (form field `mapping`, api_key added by the credential): up to 2000 mappings and
 * 1 MB per request, requests started far enough apart to stay under 50 a second.
 */
const endpoint: DeliveryEndpoint = {
	api: 'usermap',
	path: '/usermap',
	form: true,
	formField: 'mapping',
	maxCount: USER_MAP_API.maxMappings,
	maxBytes: USER_MAP_API.maxBytes - ENVELOPE_BYTES,
	throttlePauseMs: USER_MAP_API.throttlePauseMs,
	minIntervalMs: USER_MAP_API.minIntervalMs,
	// Every mapping is checked before sending: a 400 is about the request (key, add-on), not one mapping.
	splittable: false,
	success: () => () => ({}),
	// Amplitude documents no answer body: a 2xx maps every mapping of the request.
	delivered: (_response, batch) =>
		batch.map((mapping): Outcome => ({ ok: true, json: () => ({ success: true, ...mapping }) })),
};

function mappingOf(userId: string, globalUserId: unknown, unmap: boolean): IDataObject {
	if (unmap) return { user_id: userId, unmap: true };
	const text = typeof globalUserId === 'number' ? String(globalUserId) : globalUserId;
	if (typeof text !== 'string' || text.trim() === '') {
		throw new InvalidInput(
			"'Global User ID' is empty. Give the ID to map 'User ID' to, or turn on 'Unmap' to remove the user's mapping",
		);
	}
	const globalUserIdText = requireUserId(text, 'Global User ID', 'userId');
	if (globalUserIdText === userId) {
		throw new InvalidInput(
			`'Global User ID' is the same as 'User ID' ("${userId}"): a user cannot be mapped to itself`,
		);
	}
	return { user_id: userId, global_user_id: globalUserIdText };
}

/** POST /usermap: every item's user mapped to its global user ID, or unmapped, in batches. */
export async function executeAll(this: IExecuteFunctions, context: AmplitudeContext) {
	return await bulkItems.call(this, context, () => {
		const read = parameterReader.call(this, this.getInputData());
		const policy = retryPolicyFromOptions(this.getNodeParameter('options', 0, {}) as IDataObject);
		return {
			api: 'usermap',
			done: 'mapped or unmapped',
			build: (itemIndex) =>
				mappingOf(
					requireUserId(read('userId', itemIndex, ''), 'User ID', 'userId'),
					read('globalUserId', itemIndex, ''),
					read('unmap', itemIndex, false) === true,
				),
			send: async (payloads, queue) =>
				await deliver.call(this, context, endpoint, payloads, queue, policy),
		};
	});
}
