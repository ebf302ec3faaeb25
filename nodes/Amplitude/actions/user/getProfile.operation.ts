import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isPlainObject } from '../../helpers/json';
import { mapProfile } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { toNodeApiError } from '../../transport/errors';
import { readJson } from '../../transport/read';
import { userOrDeviceId } from '../itemParameters';
import { readOptions } from '../common.descriptions';

function flag(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'boolean', default: false, description };
}

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		description: 'Your user ID for the user (give this or Device ID)',
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		description: 'The device ID (give this or User ID)',
	},
	flag('getAmpProps', 'Get User Properties', 'Whether to include all user properties (amp_props)'),
	flag(
		'getCohortIds',
		'Get Cohort IDs',
		'Whether to include the IDs of cohorts synced to the profile API that the user is in',
	),
	flag('getComputations', 'Get Computations', 'Whether to include computed user properties'),
	{
		displayName:
			'The User Profile API is US-only: Amplitude does not offer it in the EU data region',
		name: 'profileNotice',
		type: 'notice',
		default: '',
	},
	readOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getProfile'] } },
	properties,
);

const FLAGS: Array<[string, string]> = [
	['getAmpProps', 'get_amp_props'],
	['getCohortIds', 'get_cohort_ids'],
	['getComputations', 'get_computations'],
];

/** GET /v1/userprofile on the profile host, authenticated with `Api-Key <secret key>`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const { userId, deviceId } = userOrDeviceId.call(
		this,
		itemIndex,
		"Neither 'User ID' nor 'Device ID' is set. Give one of them to look up the profile",
	);
	const qs: IDataObject = {};
	if (userId) qs.user_id = userId;
	if (deviceId) qs.device_id = deviceId;
	for (const [parameter, key] of FLAGS) {
		if (this.getNodeParameter(parameter, itemIndex, false)) qs[key] = 'true';
	}
	const body = await readJson.call(
		this,
		context,
		{ api: 'profile', path: '/v1/userprofile', qs },
		itemIndex,
	);
	if (typeof body.error === 'string' && !isPlainObject(body.userData)) {
		// Amplitude answers unknown users with 200 and {"error": "User id and device id not seen before"}.
		throw toNodeApiError(
			this.getNode(),
			{
				code: 404,
				message: `Amplitude found no profile: ${body.error}`,
				description:
					'Check the user ID or device ID, and that the credential belongs to the project that has this user.',
			},
			itemIndex,
		);
	}
	return { success: true, ...mapProfile(body) };
}
