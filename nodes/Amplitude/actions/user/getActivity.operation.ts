import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { integerInRange } from '../../helpers/numbers';
import { mapActivity } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';
import { ACTIVITY_PAGE } from '../../limits';
import {
	amplitudeIdProperty,
	limitProperty,
	readOptions,
	returnAllProperty,
} from '../common.descriptions';

const limitParameter: INodeProperties = {
	...limitProperty(
		ACTIVITY_PAGE.maxEvents,
		`Amplitude returns up to ${ACTIVITY_PAGE.maxEvents} events per request`,
	),
	displayOptions: { show: { returnAll: [false] } },
};

const properties: INodeProperties[] = [
	amplitudeIdProperty(
		"Amplitude's numeric internal user ID, not your user ID. Find it with the User → Search operation (matches[].amplitude_id).",
	),
	returnAllProperty(
		`Pages through all of the user's events, ${ACTIVITY_PAGE.maxEvents} per request`,
	),
	{
		displayName: 'Offset',
		name: 'offset',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How many events to skip, counted from the first event in the chosen direction',
	},
	limitParameter,
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
		? ACTIVITY_PAGE.maxEvents
		: integerInRange(
				this.getNodeParameter('limit', itemIndex, limitParameter.default),
				'Limit',
				1,
				ACTIVITY_PAGE.maxEvents,
			);
	const direction = this.getNodeParameter('direction', itemIndex, 'latest') as string;

	const events: IDataObject[] = [];
	let userData: IDataObject | null = null;
	// Bounded, so an answer that keeps coming back full cannot loop for ever.
	for (let page = 0; page < ACTIVITY_PAGE.maxPages; page++) {
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
