import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export function pairedItems(json: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return json.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }));
}

/** The output of one failed item: exactly success, error and code. */
export function failureJson(error: string, code: number | null): IDataObject {
	return { success: false, error, code };
}
