import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapRealtime } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { analyticsOptions } from '../common.descriptions';
import { chartOutput } from './chartOutput';

const properties: INodeProperties[] = [analyticsOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['realtimeActiveUsers'] } },
	properties,
);

/** GET /api/2/realtime?i=5: active users in 5-minute buckets, today and yesterday. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const body = await readJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/2/realtime', qs: { i: 5 } },
		itemIndex,
	);
	return chartOutput.call(this, itemIndex, mapRealtime(body));
}
