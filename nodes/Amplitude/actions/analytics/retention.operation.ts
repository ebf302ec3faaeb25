import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { type Bracket, mapRetention, parseBrackets, retentionRows } from '../../helpers/retention';
import type { AmplitudeContext } from '../../transport';
import {
	analyticsOptions,
	dateRangeProperties,
	groupByProperty,
	intervalProperty,
	outputFormatProperty,
} from '../common.descriptions';
import {
	choiceParameter,
	dateRangeParameters,
	outputAs,
	readDashboard,
	textParameter,
} from './chartOutput';

// Amplitude's docs say "n-day", which its API refuses with 400: nday is what it takes.
const retentionMode: INodeProperties = {
	displayName: 'Retention Mode',
	name: 'retentionMode',
	type: 'options',
	options: [
		{
			name: 'N-Day',
			value: 'nday',
			description: 'Users who came back exactly N days (weeks, months) after the start event',
		},
		{
			name: 'Unbounded',
			value: 'rolling',
			description: 'Users who came back on day N or any later day',
		},
		{
			name: 'Bracket',
			value: 'bracket',
			description: 'Users who came back within each of your day ranges (Brackets)',
		},
	],
	default: 'nday',
};

const interval = intervalProperty();

const properties: INodeProperties[] = [
	{
		displayName: 'Start Event',
		name: 'startEvent',
		type: 'string',
		required: true,
		default: '_new',
		placeholder: 'e.g. Sign Up',
		description:
			'The event that puts a user into the cohort of its day: _new (new users, the default), _active (any active event), or an event name as tracked',
	},
	{
		displayName: 'Return Event',
		name: 'returnEvent',
		type: 'string',
		required: true,
		default: '_active',
		placeholder: 'e.g. Open App',
		description:
			'The event that counts as coming back: _active (any active event, the default), _all (any event), or an event name as tracked',
	},
	...dateRangeProperties,
	retentionMode,
	{
		displayName: 'Brackets',
		name: 'brackets',
		type: 'string',
		default: '',
		placeholder: 'e.g. [[0,1],[1,8],[8,31]]',
		description:
			'A JSON array of [fromDay, toDayExclusive] pairs, in order: the second number is excluded, so Day 1 to Day 7 is [1,8]',
		displayOptions: { show: { retentionMode: ['bracket'] } },
	},
	interval,
	groupByProperty('A user property to split the cohorts by, one series per value.'),
	analyticsOptions(
		outputFormatProperty(
			"One item holding Amplitude's retention series: per cohort day its size and the users retained after each interval",
			'One item per cohort day and interval: cohort date, interval (0 = the start day), cohort size, retained users, retention rate (a fraction of 1) and whether the interval is still running (incomplete)',
		),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['retention'] } },
	properties,
);

function eventParameter(
	this: IExecuteFunctions,
	name: 'startEvent' | 'returnEvent',
	itemIndex: number,
): string {
	const eventType = textParameter.call(this, name, itemIndex);
	const field = name === 'startEvent' ? 'Start Event' : 'Return Event';
	if (!eventType) {
		throw new InvalidInput(
			name === 'startEvent'
				? `'${field}' is empty. Give _new for new users, _active for any active event, or an event name, e.g. Sign Up`
				: `'${field}' is empty. Give _active for any active event, _all for any event, or an event name, e.g. Open App`,
		);
	}
	if (name === 'returnEvent' && eventType === '_new') {
		throw new InvalidInput(
			`'${field}' is _new, which only a start event can be. Give _active for any active event, _all for any event, or an event name`,
		);
	}
	return eventType;
}

/** GET /api/2/retention; `rm=nday` (Amplitude answers 400 to the documented "n-day"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const startEvent = eventParameter.call(this, 'startEvent', itemIndex);
	const returnEvent = eventParameter.call(this, 'returnEvent', itemIndex);
	const { start, end } = dateRangeParameters.call(this, itemIndex);
	const mode = choiceParameter.call(this, retentionMode, itemIndex);
	const intervalValue = choiceParameter.call(this, interval, itemIndex);
	const qs: IDataObject = {
		se: JSON.stringify({ event_type: startEvent }),
		re: JSON.stringify({ event_type: returnEvent }),
		start,
		end,
		rm: mode,
	};
	let brackets: Bracket[] | undefined;
	if (mode === 'bracket') {
		brackets = parseBrackets(this.getNodeParameter('brackets', itemIndex, ''));
		qs.rb = JSON.stringify(brackets);
	}
	qs.i = intervalValue;
	const groupBy = textParameter.call(this, 'groupBy', itemIndex);
	if (groupBy) qs.g = groupBy;
	const body = await readDashboard.call(this, context, itemIndex, '/api/2/retention', qs);
	return outputAs.call(this, itemIndex, mapRetention(body), (chart) =>
		retentionRows(chart, { interval: intervalValue, brackets }),
	);
}
