import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { toRows } from '../../helpers/responses';
import { mapComposition, seriesNames } from '../../helpers/sessionsAndComposition';
import type { AmplitudeContext } from '../../transport';
import {
	analyticsOptions,
	dateRangeProperties,
	outputFormatProperty,
} from '../common.descriptions';
import { dateRangeParameters, outputAs, readDashboard, textParameter } from './chartOutput';

const properties: INodeProperties[] = [
	{
		displayName: 'Property',
		name: 'property',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. country or gp:plan',
		description:
			'The user property to break active users down by. Built-in ones as is (version, country, city, region, DMA, language, platform, os, device, start_version, paying); custom user properties need the gp: prefix.',
		hint: 'Custom user properties need the gp: prefix, e.g. gp:plan',
	},
	...dateRangeProperties,
	analyticsOptions(
		outputFormatProperty(
			"One item holding Amplitude's x values (the property's values, (none) for users without it) and the users for each",
			'One item per property value: property_value, series label (the property), value (unique users with that value in the range)',
		),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['userComposition'] } },
	properties,
);

/** GET /api/2/composition?p=<property>: active users per value of one user property. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const property = textParameter.call(this, 'property', itemIndex);
	if (!property) {
		throw new InvalidInput(
			"'Property' is empty. Give a user property, e.g. country, platform or gp:plan for a custom one",
		);
	}
	const { start, end } = dateRangeParameters.call(this, itemIndex);
	const body = await readDashboard.call(this, context, itemIndex, '/api/2/composition', {
		start,
		end,
		p: property,
	});
	return outputAs.call(this, itemIndex, mapComposition(body), (chart) =>
		toRows(chart, seriesNames(chart), 'property_value'),
	);
}
