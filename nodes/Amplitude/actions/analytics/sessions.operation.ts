import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toRows } from '../../helpers/responses';
import { mapSessions, seriesNames } from '../../helpers/sessionsAndComposition';
import type { AmplitudeContext } from '../../transport';
import {
	analyticsOptions,
	dateRangeProperties,
	outputFormatProperty,
} from '../common.descriptions';
import { choiceParameter, dateRangeParameters, outputAs, readDashboard } from './chartOutput';

const metric: INodeProperties = {
	displayName: 'Metric',
	name: 'metric',
	type: 'options',
	options: [
		{
			name: 'Average Session Length',
			value: 'average',
			description: 'Average length of a session per day, in seconds',
		},
		{
			name: 'Average Sessions per User',
			value: 'perUser',
			description: 'Sessions per active user per day',
		},
		{
			name: 'Session Length Distribution',
			value: 'length',
			description:
				'Number of sessions in each length bin (0–3 s, 3–10 s, … up to 1 day) over the whole range',
		},
	],
	default: 'average',
};

const PATHS: Record<string, string> = {
	average: '/api/2/sessions/average',
	perUser: '/api/2/sessions/peruser',
	length: '/api/2/sessions/length',
};

const properties: INodeProperties[] = [
	metric,
	...dateRangeProperties,
	analyticsOptions(
		outputFormatProperty(
			"One item holding Amplitude's series and x values (days, or length bins for the distribution)",
			'One item per data point: date (or session_length for the distribution), series label, value; numbers as numbers',
		),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['sessions'] } },
	properties,
);

/** GET /api/2/sessions/{average,peruser,length}: sessions from the events' session_id. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const chosen = choiceParameter.call(this, metric, itemIndex);
	const qs = dateRangeParameters.call(this, itemIndex);
	const body = await readDashboard.call(this, context, itemIndex, PATHS[chosen], qs);
	const xKey = chosen === 'length' ? 'session_length' : 'date';
	return outputAs.call(this, itemIndex, mapSessions(body), (chart) =>
		toRows(chart, seriesNames(chart), xKey),
	);
}
