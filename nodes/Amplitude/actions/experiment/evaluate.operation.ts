import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseJsonObject } from '../../helpers/json';
import { mapVariants, parseFlagKeys } from '../../helpers/variants';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { jsonObjectProperty, optionsCollection } from '../common.descriptions';
import { userOrDeviceId } from '../itemParameters';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. user-00001',
		description: 'The user to evaluate the flags for (give this or Device ID)',
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		description: 'The device to evaluate the flags for (give this or User ID)',
	},
	{
		displayName: 'Flag Keys',
		name: 'flagKeys',
		type: 'string',
		default: '',
		placeholder: 'e.g. onboarding-email, new-checkout',
		description:
			'The keys of the flags and experiments to evaluate, separated by commas; empty evaluates every flag of the deployment',
	},
	jsonObjectProperty(
		'userProperties',
		'User Properties',
		'User properties that targeting rules may use, as a JSON object',
		'{"plan": "pro", "country": "Germany"}',
	),
	optionsCollection([
		{
			displayName: 'Track Assignment',
			name: 'trackAssignment',
			type: 'boolean',
			default: false,
			description:
				'Whether Amplitude records an [Experiment] Assignment event for the user. Off: a read-only lookup that writes nothing into the project.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['experiment'], operation: ['evaluate'] } },
	properties,
);

/** GET /v1/vardata on the Experiment host: the variants one user gets, keyed by flag. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const { userId, deviceId } = userOrDeviceId.call(
		this,
		itemIndex,
		"Neither 'User ID' nor 'Device ID' is set. Give at least one: Amplitude Experiment assigns variants per user or device",
	);
	const flagKeys = parseFlagKeys(this.getNodeParameter('flagKeys', itemIndex, ''));
	const userProperties = parseJsonObject(
		this.getNodeParameter('userProperties', itemIndex, ''),
		'User Properties',
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (userId) qs.user_id = userId;
	if (deviceId) qs.device_id = deviceId;
	if (flagKeys.length) qs.flag_keys = flagKeys.join(',');
	if (userProperties) qs.context = JSON.stringify({ user_properties: userProperties });
	const answer = await readJson.call(
		this,
		context,
		{
			api: 'experiment',
			path: '/v1/vardata',
			qs,
			// Every evaluation would otherwise write an assignment event into the project.
			headers: options.trackAssignment === true ? {} : { 'X-Amp-Exp-Track': 'no-track' },
		},
		itemIndex,
	);
	return {
		success: true,
		user_id: userId || null,
		device_id: deviceId || null,
		variants: mapVariants(answer, flagKeys),
	};
}
