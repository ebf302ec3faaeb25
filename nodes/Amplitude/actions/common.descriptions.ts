import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MIN_ID_LENGTH, RETRY_ATTEMPTS, RETRY_WAIT_SECONDS } from '../limits';

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
		description: `Your ID for the user, at least ${MIN_ID_LENGTH.default} characters unless Options → Min ID Length says otherwise (give this or Device ID)`,
		displayOptions: { show: defineBelow },
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		description: `The device ID, at least ${MIN_ID_LENGTH.default} characters unless Options → Min ID Length says otherwise (give this or User ID)`,
		displayOptions: { show: defineBelow },
	},
];

/** A number parameter whose bounds and default are one of the limits in limits.ts. */
export function limitedNumber(
	displayName: string,
	name: string,
	limit: { min?: number; max: number; default: number },
	description: string,
): INodeProperties {
	const { min = 1, max, default: defaultValue } = limit;
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: min, maxValue: max },
		default: defaultValue,
		description,
	};
}

export function batchSizeOption(
	size: { default: number; max: number },
	description: string,
): INodeProperties {
	return limitedNumber('Batch Size', 'batchSize', size, description);
}

export function minIdLengthOption(minValue: number, description: string): INodeProperties {
	return limitedNumber(
		'Min ID Length',
		'minIdLength',
		{ ...MIN_ID_LENGTH, min: minValue },
		description,
	);
}

/**
 * A JSON object parameter. It starts empty, with an example as placeholder, so nothing is sent
 * until the user writes something.
 */
export function jsonObjectProperty(
	name: string,
	displayName: string,
	description: string,
	example: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'json',
		default: '',
		placeholder: `e.g. ${example}`,
		description,
	};
}

/** Return All, with a hint on how the pages are fetched. */
export function returnAllProperty(hint: string): INodeProperties {
	return {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint,
	};
}

/** A Limit parameter. */
export function limitProperty(maxValue: number, hint: string): INodeProperties {
	return {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue },
		// n8n's verified-node lint (which the package scanner runs without inline exceptions) wants
		// every Limit default to be the literal 50.
		default: 50,
		description: 'Max number of results to return',
		hint,
	};
}

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only validate every item and output the exact payload it would carry (with its insert_id), sending nothing',
};

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
	limitedNumber(
		'Max Attempts',
		'retryAttempts',
		RETRY_ATTEMPTS,
		'How many times one request is tried in all when Amplitude throttles (429), has a server error (5xx) or does not answer',
	),
	limitedNumber(
		'Longest Wait (Seconds)',
		'maxRetryWait',
		RETRY_WAIT_SECONDS,
		"The longest pause before one retry. Waits grow exponentially with jitter; throttled requests wait Amplitude's documented pause or its Retry-After, capped by this.",
	),
];

const CHART_ROWS =
	'One item per data point (date, series label, value), ready for a spreadsheet or database';

/** Output Format: Amplitude's answer in one item, or one item per data point as `rows` describes. */
export function outputFormatProperty(
	raw = "One item holding Amplitude's series, labels and x values",
	rows = CHART_ROWS,
): INodeProperties {
	return {
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'Raw', value: 'raw', description: raw },
			{ name: 'Rows', value: 'rows', description: rows },
		],
		default: 'raw',
	};
}

export const outputFormatOption = outputFormatProperty();

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

/** Options of an analytics chart; `outputFormat` when its Raw and Rows outputs need their own words. */
export function analyticsOptions(outputFormat = outputFormatOption): INodeProperties {
	return optionsCollection([outputFormat]);
}

/** Group By: one user property (Amplitude allows one per chart), `gp:` for custom ones. */
export function groupByProperty(description: string): INodeProperties {
	return {
		displayName: 'Group By',
		name: 'groupBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. country or gp:plan',
		description: `${description} Built-in ones as is (country, city, region, platform, os, version, language, paying); custom user properties need the gp: prefix`,
		hint: 'Custom user properties need the gp: prefix, e.g. gp:plan',
	};
}

export const readOptions = optionsCollection();

/** Which kind of user ID each item gives (cohorts, deletions). */
export const idTypeProperty: INodeProperties = {
	displayName: 'ID Type',
	name: 'idType',
	type: 'options',
	options: [
		{ name: 'User ID', value: 'userId', description: 'Your own ID for the user (its user_id)' },
		{
			name: 'Amplitude ID',
			value: 'amplitudeId',
			description: "Amplitude's numeric ID for the user (User → Search finds it)",
		},
	],
	default: 'userId',
};

/** The user ID of each input item. */
export function userIdPerItemProperty(description: string): INodeProperties {
	return {
		displayName: 'ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.user_id }}',
		description,
	};
}

/** Amplitude's numeric ID of a user, for operations that take no other ID. */
export function amplitudeIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Amplitude ID',
		name: 'amplitudeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456789',
		description,
	};
}

/** A text field of an Options or Filters collection. */
export function textOption(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, description };
}
