import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deletionJobRange, jobsOf, mapJob } from '../../helpers/deletions';
import { DELETION_API } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { readJsonArray } from '../../transport/read';
import { optionsCollection } from '../common.descriptions';
import { wholeListLimit, wholeListProperties } from '../wholeList';

const properties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'string',
		required: true,
		default: '={{ $today.minus(30, "days").toFormat("yyyy-MM-dd") }}',
		placeholder: 'e.g. 2026-11-01',
		description: `First day of the jobs' scheduled days: YYYY-MM-DD, YYYYMMDD or an n8n date. The range may span at most ${DELETION_API.maxRangeMonths} months.`,
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'string',
		required: true,
		default: '={{ $today.plus(30, "days").toFormat("yyyy-MM-dd") }}',
		placeholder: 'e.g. 2026-12-31',
		description:
			'Last day, included. A new request joins a job scheduled up to about 30 days ahead, so end a month after today to see it.',
	},
	...wholeListProperties('job of the range'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getDeletionJobs'] } },
	properties,
);

/** GET /api/2/deletions/users: one item per deletion job scheduled in the range. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const qs = deletionJobRange(
		this.getNodeParameter('start', itemIndex, ''),
		this.getNodeParameter('end', itemIndex, ''),
		DELETION_API.maxRangeMonths,
	);
	const limit = wholeListLimit.call(this, itemIndex);
	const body = await readJsonArray.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/2/deletions/users', qs },
		itemIndex,
	);
	return jobsOf(body).map(mapJob).slice(0, limit);
}
