import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { cohortsOf } from '../../helpers/cohorts';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { optionsCollection } from '../common.descriptions';
import { wholeListLimit, wholeListProperties } from '../wholeList';

const properties: INodeProperties[] = [
	...wholeListProperties('cohort of the project'),
	optionsCollection([
		{
			displayName: 'Include Sync Info',
			name: 'includeSyncInfo',
			type: 'boolean',
			default: false,
			description:
				"Whether to add each cohort's syncs to other tools (sync_metadata: target, frequency, last success and failure)",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cohort'], operation: ['getMany'] } },
	properties,
);

/** GET /api/3/cohorts: one item per cohort, keys in snake_case. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const limit = wholeListLimit.call(this, itemIndex);
	const body = await readJson.call(
		this,
		context,
		{
			api: 'dashboard',
			path: '/api/3/cohorts',
			qs: options.includeSyncInfo === true ? { includeSyncInfo: 'true' } : undefined,
		},
		itemIndex,
	);
	return cohortsOf(body).slice(0, limit);
}
