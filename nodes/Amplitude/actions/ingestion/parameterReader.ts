import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeParameterValueType,
} from 'n8n-workflow';

export type ReadParameter = (
	name: string,
	itemIndex: number,
	fallback?: NodeParameterValueType | object,
) => unknown;

// `={{ $json.a.b }}`: a plain property path into the item, read directly.
const JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

function readPath(json: IDataObject, path: string[]): unknown {
	let value: unknown = json;
	for (const key of path) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/**
 * Reads node parameters for many items without paying n8n's expression cost where none is due:
 * a parameter without expressions is the same for every item, so it is read once; one that is
 * just `={{ $json.path }}` is the item's own value at that path; anything else goes through
 * n8n's getNodeParameter per item, as usual.
 */
export function parameterReader(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): ReadParameter {
	const raw = this.getNode().parameters as IDataObject;
	const constants = new Map<string, unknown>();
	const paths = new Map<string, string[] | null>();
	return (name, itemIndex, fallback) => {
		if (constants.has(name)) return constants.get(name);
		let path = paths.get(name);
		if (path === undefined) {
			const value = raw[name];
			if (!hasExpression(value)) {
				const constant = this.getNodeParameter(name, 0, fallback as NodeParameterValueType);
				constants.set(name, constant);
				return constant;
			}
			const match = typeof value === 'string' ? JSON_PATH.exec(value) : null;
			path = match ? match[1].slice(1).split('.') : null;
			paths.set(name, path);
		}
		if (path) return readPath(items[itemIndex].json, path);
		return this.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType);
	};
}
