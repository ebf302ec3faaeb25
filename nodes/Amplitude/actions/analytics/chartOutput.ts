import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { toDateRange } from '../../helpers/dates';
import { InvalidInput } from '../../helpers/errors';
import { toRows } from '../../helpers/responses';
import type { AmplitudeContext } from '../../transport';
import { readJson } from '../../transport/read';

/** An analytics result as one item, or as `rows` makes it (Options → Output Format: Rows). */
export function outputAs(
	this: IExecuteFunctions,
	itemIndex: number,
	chart: IDataObject,
	rows: (chart: IDataObject) => IDataObject[],
): IDataObject[] {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.outputFormat === 'rows' ? rows(chart) : [{ success: true, ...chart }];
}

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
	return outputAs.call(this, itemIndex, chart, (data) => toRows(data, rowLabels));
}

/** A Dashboard REST GET for one item (retried, errors as NodeApiError naming the item). */
export async function readDashboard(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	itemIndex: number,
	path: string,
	qs?: IDataObject,
): Promise<IDataObject> {
	return await readJson.call(this, context, { api: 'dashboard', path, qs }, itemIndex);
}

/** A text parameter, trimmed; '' when empty. */
export function textParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

/**
 * The value of an options parameter, which expressions may set to anything: checked against the
 * property's own options (its default when empty), with a clear error listing them.
 */
export function choiceParameter(
	this: IExecuteFunctions,
	property: INodeProperties,
	itemIndex: number,
): string {
	const allowed = (property.options as INodePropertyOptions[]).map((option) =>
		String(option.value),
	);
	const value = textParameter.call(this, property.name, itemIndex) || String(property.default);
	if (!allowed.includes(value)) {
		throw new InvalidInput(
			`'${property.displayName}' is "${value}", which is not one of ${allowed.join(', ')}. Pick one of those`,
		);
	}
	return value;
}

/** Start and End as YYYYMMDD, checked (a clear error before any request). */
export function dateRangeParameters(
	this: IExecuteFunctions,
	itemIndex: number,
): { start: string; end: string } {
	return toDateRange(
		this.getNodeParameter('start', itemIndex),
		this.getNodeParameter('end', itemIndex),
	);
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
	const { start, end } = dateRangeParameters.call(this, itemIndex);
	const qs = {
		start,
		end,
		m: this.getNodeParameter('metric', itemIndex, request.defaultMetric) as string,
		i: this.getNodeParameter('interval', itemIndex, '1') as string,
	};
	const body = await readDashboard.call(this, context, itemIndex, request.path, qs);
	return chartOutput.call(this, itemIndex, request.map(body));
}
