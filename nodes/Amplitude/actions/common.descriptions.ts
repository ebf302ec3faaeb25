import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const mappingModeProperty: INodeProperties = {
	displayName: 'Input Data Mode',
	name: 'mappingMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Define Below',
			value: 'defineBelow',
			description: 'Set each field below, with expressions over the input item where needed',
		},
		{
			name: 'Auto-Map Input Data',
			value: 'autoMapInputData',
			description:
				"Each input item's JSON already is the Amplitude object in the API's own snake_case shape (fastest for bulk sends)",
		},
	],
	default: 'defineBelow',
};

export const defineBelow = { mappingMode: ['defineBelow'] };

export function eventTypeProperty(description: string): INodeProperties {
	return {
		displayName: 'Event Type',
		name: 'eventType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. page_view',
		description,
	};
}

export const userAndDeviceIdProperties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		description: 'Your ID for the user, at least 5 characters (give this or Device ID)',
		displayOptions: { show: defineBelow },
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		description: 'The device ID, at least 5 characters (give this or User ID)',
		displayOptions: { show: defineBelow },
	},
];

export function batchSizeOption(
	maxValue: number,
	defaultValue: number,
	description: string,
): INodeProperties {
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue },
		default: defaultValue,
		description,
	};
}

export const minIdLengthOption: INodeProperties = {
	displayName: 'Min ID Length',
	name: 'minIdLength',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 5,
	description:
		'Shortest user ID or device ID Amplitude accepts (its default is 5); sent as options.min_id_length with events',
};

export function jsonObjectProperty(
	name: string,
	displayName: string,
	description: string,
	required = false,
): INodeProperties {
	// An empty object, not '', so the editor's JSON field starts valid; empty objects are not sent.
	const example = required ? '{\n  "$set": {\n    "plan": "pro"\n  }\n}' : '{}';
	return {
		displayName,
		name,
		type: 'json',
		default: example,
		required,
		description,
	};
}

export const USER_PROPERTIES_HINT =
	'Plain keys ({"plan": "pro"}) or operations ($set, $setOnce, $add, $append, $prepend, $unset, $preInsert, $postInsert, $remove, $clearAll); Amplitude rejects a mix of both';

export const dateRangeProperties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'string',
		required: true,
		default: '={{ $today.minus(7, "days").toFormat("yyyyMMdd") }}',
		placeholder: 'e.g. 20261101',
		description:
			"First day, included: YYYYMMDD, an ISO date (2026-11-01) or an n8n date. Amplitude reads it in the project's time zone.",
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'string',
		required: true,
		default: '={{ $today.toFormat("yyyyMMdd") }}',
		placeholder: 'e.g. 20261107',
		description: 'Last day, included, in the same formats as Start; not before Start',
	},
];

export const intervalOptions: INodePropertyOptions[] = [
	{ name: 'Daily', value: '1' },
	{ name: 'Weekly', value: '7' },
	{ name: 'Monthly', value: '30' },
];

export function intervalProperty(extra: INodePropertyOptions[] = []): INodeProperties {
	return {
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		options: [...intervalOptions, ...extra],
		default: '1',
		description: 'Size of each data point',
	};
}

export const retryOptions: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'retryAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 5,
		description:
			'How many times one request is tried in all when Amplitude throttles (429), has a server error (5xx) or does not answer',
	},
	{
		displayName: 'Longest Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 600 },
		default: 60,
		description:
			"The longest pause before one retry. Waits grow exponentially with jitter; throttled requests wait Amplitude's documented pause or its Retry-After, capped by this.",
	},
];

export const outputFormatOption: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	options: [
		{
			name: 'Raw',
			value: 'raw',
			description: "One item holding Amplitude's series, labels and x values",
		},
		{
			name: 'Rows',
			value: 'rows',
			description:
				'One item per data point (date, series label, value), ready for a spreadsheet or database',
		},
	],
	default: 'raw',
};

/** The operation's Options collection: its own options, then the retry options every operation has. */
export function optionsCollection(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, ...retryOptions],
	};
}

export function analyticsOptions(): INodeProperties {
	return optionsCollection([outputFormatOption]);
}

export const readOptions = optionsCollection();
