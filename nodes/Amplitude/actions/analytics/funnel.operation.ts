import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { funnelRows, mapFunnel } from '../../helpers/funnel';
import { integerInRange, numberInRange } from '../../helpers/numbers';
import { FUNNEL_CONVERSION_WINDOW_DAYS, FUNNEL_MAX_GROUPS, FUNNEL_MIN_STEPS } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import {
	analyticsOptions,
	dateRangeProperties,
	groupByProperty,
	intervalProperty,
	limitedNumber,
	limitProperty,
	outputFormatProperty,
} from '../common.descriptions';
import {
	choiceParameter,
	dateRangeParameters,
	outputAs,
	readDashboard,
	textParameter,
} from './chartOutput';

const DAY_SECONDS = 86_400;

const limit = limitProperty(
	FUNNEL_MAX_GROUPS,
	`The number of group-by values Amplitude returns, up to ${FUNNEL_MAX_GROUPS}`,
);

const mode: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	options: [
		{
			name: 'This Order',
			value: 'ordered',
			description: 'Steps in this order, other events in between allowed',
		},
		{ name: 'Any Order', value: 'unordered', description: 'All steps, in any order' },
		{
			name: 'Exact Order',
			value: 'sequential',
			description: 'Steps in this order with no other event in between',
		},
	],
	default: 'ordered',
};

const newOrActive: INodeProperties = {
	displayName: 'New or Active',
	name: 'newOrActive',
	type: 'options',
	options: [
		{ name: 'Active Users', value: 'active', description: 'Every user who did the first step' },
		{ name: 'New Users', value: 'new', description: 'Only users new in the date range' },
	],
	default: 'active',
	description: 'Which users enter the funnel',
};

const interval = intervalProperty([
	{ name: 'Hourly (Up to 7 Days)', value: '-3600000' },
	{ name: 'Realtime 5 Minutes (Up to 2 Days)', value: '-300000' },
]);

const conversionWindow: INodeProperties = {
	...limitedNumber(
		'Conversion Window (Days)',
		'conversionWindowDays',
		FUNNEL_CONVERSION_WINDOW_DAYS,
		'How long users have from the first step to finish the funnel, in days (0.25 = 6 hours). Any Order rounds it down to whole days.',
	),
	typeOptions: {
		minValue: FUNNEL_CONVERSION_WINDOW_DAYS.min,
		maxValue: FUNNEL_CONVERSION_WINDOW_DAYS.max,
		numberPrecision: 3,
	},
};

const properties: INodeProperties[] = [
	{
		displayName: 'Steps',
		name: 'steps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Step',
		default: {},
		description: `The funnel's events in the order users do them, at least ${FUNNEL_MIN_STEPS}`,
		options: [
			{
				name: 'step',
				displayName: 'Step',
				values: [
					{
						displayName: 'Event Type',
						name: 'eventType',
						type: 'string',
						default: '',
						placeholder: 'e.g. Sign Up',
						description:
							'The event name as tracked, e.g. Sign Up. Use _active for any active event or _all for any event; for new users set New or Active to New instead of using _new.',
					},
				],
			},
		],
	},
	...dateRangeProperties,
	mode,
	newOrActive,
	conversionWindow,
	interval,
	groupByProperty('A user property to split the funnel by, one funnel per value.'),
	limit,
	analyticsOptions(
		outputFormatProperty(
			"One item holding Amplitude's funnels (one per group-by value) with per-step counts, conversion and times, also per day",
			'One item per step (and group-by value): step number, event type, users, conversion from the start and from the previous step (fractions of 1), and median and average milliseconds from the previous step',
		),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['funnel'] } },
	properties,
);

/** The steps' event types, checked: at least two, none empty, none `_new`. */
function stepEvents(value: unknown): string[] {
	const entries = (value as { step?: unknown } | undefined)?.step;
	const steps = Array.isArray(entries) ? entries : [];
	if (steps.length < FUNNEL_MIN_STEPS) {
		throw new InvalidInput(
			`'Steps' has ${steps.length} ${steps.length === 1 ? 'step' : 'steps'}, and a funnel needs at least ${FUNNEL_MIN_STEPS}. Add a step per event, in order, e.g. Sign Up, then Purchase`,
		);
	}
	return steps.map((step: unknown, index) => {
		const eventType = String((step as IDataObject | null)?.eventType ?? '').trim();
		if (!eventType) {
			throw new InvalidInput(
				`Step ${index + 1}'s 'Event Type' is empty. Give the event name, e.g. Sign Up, or _active for any active event`,
			);
		}
		if (eventType === '_new') {
			throw new InvalidInput(
				`Step ${index + 1} is _new, which funnels do not take. Set 'New or Active' to New Users and give the step's event`,
			);
		}
		return eventType;
	});
}

/** GET /api/2/funnels with one `e` per step, in order (repeated keys, never e[]). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const events = stepEvents(this.getNodeParameter('steps', itemIndex, {}));
	const { start, end } = dateRangeParameters.call(this, itemIndex);
	const days = numberInRange(
		this.getNodeParameter('conversionWindowDays', itemIndex, FUNNEL_CONVERSION_WINDOW_DAYS.default),
		'Conversion Window (Days)',
		FUNNEL_CONVERSION_WINDOW_DAYS.min,
		FUNNEL_CONVERSION_WINDOW_DAYS.max,
	);
	const groupBy = textParameter.call(this, 'groupBy', itemIndex);
	const qs: IDataObject = {
		e: events.map((eventType) => JSON.stringify({ event_type: eventType })),
		start,
		end,
		mode: choiceParameter.call(this, mode, itemIndex),
		n: choiceParameter.call(this, newOrActive, itemIndex),
		i: choiceParameter.call(this, interval, itemIndex),
		cs: Math.max(1, Math.round(days * DAY_SECONDS)),
	};
	if (groupBy) qs.g = groupBy;
	qs.limit = integerInRange(
		this.getNodeParameter('limit', itemIndex, limit.default),
		'Limit',
		1,
		FUNNEL_MAX_GROUPS,
	);
	const body = await readDashboard.call(this, context, itemIndex, '/api/2/funnels', qs);
	return outputAs.call(this, itemIndex, mapFunnel(body), (chart) =>
		funnelRows(chart, events, groupBy !== ''),
	);
}
