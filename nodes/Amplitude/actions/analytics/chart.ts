import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toRows } from '../../helpers/output';

/** An analytics result as the seed's single item, or one row per data point (Options → Output Format). */
export function chartOutput(this: IExecuteFunctions, itemIndex: number, chart: IDataObject): IDataObject[] {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.outputFormat === 'rows' ? toRows(chart) : [{ success: true, ...chart }];
}
