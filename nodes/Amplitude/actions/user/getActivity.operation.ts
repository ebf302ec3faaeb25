import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { integerInRange } from '../../helpers/numbers';
import { mapActivity } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { readOptions } from '../common.descriptions';

const MAX_LIMIT = 1000;
// Bounds Return All at a million events, so a looping answer cannot run forever.
const MAX_PAGES = 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'Amplitude ID',
		name: 'amplitudeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456789',
		description:
			"Amplitude's numeric internal user ID, not your user ID. Find it with the User → Search operation (matches[].amplitude_id).",
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: "Pages through all of the user's events, 1000 per request",
	},
	{
		displayName: 'Offset',
		name: 'offset',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How many events to skip, counted from the first event in the chosen direction',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
		// n8n's verified-node lint (which the package scanner runs without inline exceptions) fixes
		// every Limit default at 50; Amplitude's maximum of 1000 is in the hint and in Return All.
		default: 50,
		description: 'Max number of results to return',
		hint: 'Amplitude returns up to 1000 events per request',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Latest First', value: 'latest' },
			{ name: 'Earliest First', value: 'earliest' },
		],
		default: 'latest',
	},
	readOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getActivity'] } },
	properties,
);

function offsetOf(value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
		throw new InvalidInput(
			`'Offset' must be a whole number of 0 or more, but it is ${JSON.stringify(value)}`,
		);
	}
	return number;
}

/** GET /api/2/useractivity, one page or (Return All) every page by offset. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const amplitudeId = String(this.getNodeParameter('amplitudeId', itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(amplitudeId)) {
		throw new InvalidInput(
			`'Amplitude ID' must be Amplitude's numeric user ID, but it is "${amplitudeId}". Look it up with User → Search, which returns matches[].amplitude_id`,
		);
	}
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let offset = offsetOf(this.getNodeParameter('offset', itemIndex, 0));
	const limit = returnAll
		? MAX_LIMIT
		: integerInRange(this.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, MAX_LIMIT);
	const direction = this.getNodeParameter('direction', itemIndex, 'latest') as string;

	const events: IDataObject[] = [];
	let userData: IDataObject | null = null;
	for (let page = 0; page < MAX_PAGES; page++) {
		const qs = { user: amplitudeId, offset, limit, direction };
		const result = mapActivity(
			await readJson.call(
				this,
				context,
				{ api: 'dashboard', path: '/api/2/useractivity', qs },
				itemIndex,
			),
		);
		userData = userData ?? result.user_data;
		events.push(...result.events);
		// Amplitude may return more than the limit so as not to cut a session; fewer means the end.
		if (!returnAll || result.events.length < limit) break;
		offset += result.events.length;
	}
	return { success: true, events, user_data: userData };
}
