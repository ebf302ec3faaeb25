import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toDateRange } from '../../helpers/dates';
import { toRows } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';

/**
 * An analytics result as one item, or one row per data point (Options → Output
 * Format), its series named by `rowLabels` when given.
 */
export function chartOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	chart: IDataObject,
	rowLabels?: string[],
): IDataObject[] {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.outputFormat === 'rows' ? toRows(chart, rowLabels) : [{ success: true, ...chart }];
}

/**
 * A chart over Start … End with Metric (`m`) and Interval (`i`), the shape of /api/2/users and
 * /api/2/revenue/ltv.
 */
export async function readDatedChart(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	itemIndex: number,
	request: { path: string; defaultMetric: string; map: (body: unknown) => IDataObject },
): Promise<IDataObject[]> {
	const { start, end } = toDateRange(
		this.getNodeParameter('start', itemIndex),
		this.getNodeParameter('end', itemIndex),
	);
	const qs = {
		start,
		end,
		m: this.getNodeParameter('metric', itemIndex, request.defaultMetric) as string,
		i: this.getNodeParameter('interval', itemIndex, '1') as string,
	};
	const body = await readJson.call(
		this,
		context,
		{ api: 'dashboard', path: request.path, qs },
		itemIndex,
	);
	return chartOutput.call(this, itemIndex, request.map(body));
}
