import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { mapUserSearch } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { readOptions } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user@example.com',
		description:
			'A user ID, device ID, Amplitude ID, or the beginning of a user ID. Returns the matching users with their numeric Amplitude IDs (needed by Get Activity).',
	},
	readOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['search'] } },
	properties,
);

/** GET /api/2/usersearch?user=… */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const user = String(this.getNodeParameter('user', itemIndex, '') ?? '').trim();
	if (user === '') {
		throw new InvalidInput(
			"'User' is empty. Give a user ID, device ID, Amplitude ID or the start of a user ID",
		);
	}
	const body = await readJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/2/usersearch', qs: { user } },
		itemIndex,
	);
	return { success: true, ...mapUserSearch(body) };
}
