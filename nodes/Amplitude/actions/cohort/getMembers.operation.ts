import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { memberRow, requireCohortId } from '../../helpers/cohorts';
import { csvRecords, uniqueColumns } from '../../helpers/csv';
import { InvalidInput } from '../../helpers/errors';
import { integerInRange } from '../../helpers/numbers';
import { COHORT_DOWNLOAD, COHORT_MAX_WAIT_SECONDS } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { retryPolicyFromOptions } from '../../transport/retry';
import type { ByteStream } from '../../transport/stream';
import { limitedNumber, optionsCollection } from '../common.descriptions';
import {
	type MemberDownload,
	brokenOff,
	openFile,
	requestDownload,
	waitForFile,
} from './memberDownload';
import { cohortIdProperty } from './membership';

const QUOTA_NOTE = `Each run requests a new download, which counts toward Amplitude's ${COHORT_DOWNLOAD.monthlyQuota} cohort downloads a month (Options → Request ID picks up an earlier one instead)`;

const properties: INodeProperties[] = [
	cohortIdProperty(
		`The cohort whose members to download, as in its Amplitude URL or from Cohort → Get Many. ${QUOTA_NOTE}.`,
	),
	{
		displayName: 'Include Properties',
		name: 'includeProperties',
		type: 'boolean',
		default: false,
		description:
			"Whether to add the members' user properties as columns (Amplitude advises leaving it off when downloads time out)",
	},
	{
		displayName: 'Property Keys',
		name: 'propertyKeys',
		type: 'string',
		default: '',
		placeholder: 'e.g. plan, company',
		description: 'Comma-separated user properties to include; empty includes them all',
		displayOptions: { show: { includeProperties: [true] } },
	},
	optionsCollection([
		{
			displayName: 'Output Format',
			name: 'outputFormat',
			type: 'options',
			options: [
				{
					name: 'Items',
					value: 'items',
					description: 'One item per member (amplitude_id, user_id and any properties)',
				},
				{
					name: 'Binary',
					value: 'binary',
					description: `The CSV file Amplitude sends, as binary data, streamed to n8n (for large cohorts, up to ${COHORT_DOWNLOAD.maxMembers.toLocaleString('en-US')} members)`,
				},
			],
			default: 'items',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The binary field of the output item that holds the file (Binary output only)',
		},
		limitedNumber(
			'Max Wait (Seconds)',
			'maxWaitSeconds',
			COHORT_MAX_WAIT_SECONDS,
			'How long to wait for Amplitude to prepare the file. When it runs out, the error names the request ID to pick the download up later.',
		),
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5d1b3c2a',
			description:
				'Pick up a download requested earlier (its ID is in the error of a run that waited too long) instead of requesting a new one; Amplitude keeps a prepared file for 7 days',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cohort'], operation: ['getMembers'] } },
	properties,
);

/** One item per member, read row by row from the CSV as it arrives. */
async function memberItems(
	this: IExecuteFunctions,
	download: MemberDownload,
	requestId: string,
	body: ByteStream,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	let columns: string[] | undefined;
	try {
		for await (const record of csvRecords(body as AsyncIterable<Buffer>)) {
			if (!columns) columns = uniqueColumns(record);
			else items.push({ json: memberRow(columns, record) });
		}
	} catch (error) {
		body.destroy();
		brokenOff.call(this, download, requestId, error, `after ${items.length} members`);
	}
	return items;
}

function propertyKeysOf(value: unknown): string[] {
	if (typeof value !== 'string') {
		throw new InvalidInput(
			`'Property Keys' must be text, such as plan, company, but it is ${JSON.stringify(value)}`,
		);
	}
	return value
		.split(',')
		.map((key) => key.trim())
		.filter((key) => key !== '');
}

/**
 * GET /api/5/cohorts/request/{id}, then request-status until ready, then the file: one item per
 * member, or the CSV as binary data streamed to n8n, never whole in memory.
 */
export async function executeItem(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<INodeExecutionData[]> {
	const cohortId = requireCohortId(this.getNodeParameter('cohortId', itemIndex, ''));
	const include = this.getNodeParameter('includeProperties', itemIndex, false) as boolean;
	const keys = include ? propertyKeysOf(this.getNodeParameter('propertyKeys', itemIndex, '')) : [];
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const binary = options.outputFormat === 'binary';
	const binaryField = String(options.binaryPropertyName ?? 'data').trim() || 'data';
	const download: MemberDownload = {
		cohortId,
		itemIndex,
		policy: retryPolicyFromOptions(options),
		maxWaitMs:
			integerInRange(
				options.maxWaitSeconds ?? COHORT_MAX_WAIT_SECONDS.default,
				'Max Wait (Seconds)',
				COHORT_MAX_WAIT_SECONDS.min,
				COHORT_MAX_WAIT_SECONDS.max,
			) * 1000,
	};
	const resumed = String(options.requestId ?? '').trim();
	const requestId =
		resumed || (await requestDownload.call(this, context, download, { include, keys }));
	await waitForFile.call(this, context, download, requestId);
	const file = await openFile.call(this, context, download, requestId);
	if (!binary) return await memberItems.call(this, download, requestId, file.body);

	const fileName = `cohort-${cohortId}.csv`;
	let data;
	try {
		data = await this.helpers.prepareBinaryData(file.body, fileName, 'text/csv');
	} catch (error) {
		file.body.destroy();
		return brokenOff.call(this, download, requestId, error, 'while n8n stored the file');
	}
	return [
		{
			json: {
				cohort_id: cohortId,
				request_id: requestId,
				file_name: fileName,
				bytes: data.bytes ?? null,
			},
			binary: { [binaryField]: data },
		},
	];
}

/** Downloads are large and Amplitude allows few at once: one at a time. */
export const concurrency = 1;
