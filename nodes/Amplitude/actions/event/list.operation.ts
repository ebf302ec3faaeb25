import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapListEvents } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { readOptions } from '../common.descriptions';

const properties: INodeProperties[] = [readOptions];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['list'] } },
	properties,
);

/** GET /api/2/events/list: the project's visible event types with this week's totals. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const body = await readJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/2/events/list' },
		itemIndex,
	);
	return { success: true, ...mapListEvents(body) };
}
