import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	chartIdFrom,
	parseSavedChart,
	savedChartCsv,
	savedChartRows,
} from '../../helpers/savedChart';
import type { AmplitudeContext } from '../../transport';
import { toNodeApiError } from '../../transport/errors';
import { NOT_AN_AMPLITUDE_API } from '../../transport/read';
import { analyticsOptions, outputFormatProperty } from '../common.descriptions';
import { outputAs, readDashboard } from './chartOutput';

const properties: INodeProperties[] = [
	{
		displayName: 'Chart ID',
		name: 'chartId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. abc123xy or https://app.amplitude.com/analytics/acme/chart/abc123xy',
		description:
			"The saved chart's ID: the letters and digits after /chart/ in its address in Amplitude. The whole address works too. The chart is read as saved, with its own date range.",
	},
	analyticsOptions(
		outputFormatProperty(
			"One item holding the chart's title, x values, series labels and series (or the CSV's grid of cells when the chart is not a time series)",
			'One item per cell: date (or x_value), series label, value; or row, column, value for charts that are not a time series',
		),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['analytics'], operation: ['savedChart'] } },
	properties,
);

/** GET /api/3/chart/{id}/csv: JSON whose `data` is the chart as CSV text, parsed into a series. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject[]> {
	const chartId = chartIdFrom(this.getNodeParameter('chartId', itemIndex, ''));
	const body = await readDashboard.call(
		this,
		context,
		itemIndex,
		`/api/3/chart/${encodeURIComponent(chartId)}/csv`,
	);
	const csv = savedChartCsv(body);
	if (csv === undefined) {
		const failure = {
			code: 200,
			message: `Amplitude answered 200 for chart ${chartId} without the chart's CSV in "data"`,
			description: NOT_AN_AMPLITUDE_API,
		};
		throw toNodeApiError(this.getNode(), failure, itemIndex);
	}
	return outputAs.call(
		this,
		itemIndex,
		{ chart_id: chartId, ...parseSavedChart(csv) },
		savedChartRows,
	);
}
