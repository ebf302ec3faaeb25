import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toIsoDay } from '../../helpers/deletions';
import { requireUserId } from '../../helpers/identity';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { amplitudeIdProperty, optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [
	amplitudeIdProperty(
		"Amplitude's numeric ID of the user to take out of the job (Delete and Get Deletion Jobs output it)",
	),
	{
		displayName: 'Job Day',
		name: 'jobDay',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2026-12-12',
		description:
			"The job's day (its `day`, YYYY-MM-DD). Only a job still in staging can change: until 3 days before that day.",
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['cancelDeletion'] } },
	properties,
);

/** DELETE /api/2/deletions/users/{amplitude_id}/{day}: the user taken out of a staging job. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const amplitudeId = requireUserId(
		this.getNodeParameter('amplitudeId', itemIndex, ''),
		'Amplitude ID',
		'amplitudeId',
		"Delete and Get Deletion Jobs output each user's amplitude_id",
	);
	const day = toIsoDay(this.getNodeParameter('jobDay', itemIndex, ''), 'Job Day');
	const body = await readJson.call(
		this,
		context,
		{
			api: 'dashboard',
			method: 'DELETE',
			path: `/api/2/deletions/users/${amplitudeId}/${day}`,
			notFound: `Amplitude has no deletion job on ${day} holding Amplitude ID ${amplitudeId}. Check both with User → Get Deletion Jobs.`,
		},
		itemIndex,
	);
	return {
		success: true,
		amplitude_id: Number(amplitudeId),
		day,
		requested_on_day: body.requested_on_day ?? null,
		requester: body.requester ?? null,
	};
}
