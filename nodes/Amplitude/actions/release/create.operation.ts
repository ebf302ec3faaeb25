import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { INSTANT_FORMATS, toInstant, toUtcSeconds } from '../../helpers/instants';
import { isPlainObject } from '../../helpers/json';
import type { AmplitudeContext } from '../../transport';
import { writeJson } from '../../transport/read';
import { optionsCollection, textOption } from '../common.descriptions';
import { textParameter } from '../itemParameters';

const TIME_FORMATS = `${INSTANT_FORMATS}; sent in UTC as yyyy-MM-dd HH:mm:ss`;

const properties: INodeProperties[] = [
	{
		displayName: 'Version',
		name: 'version',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2.4.0',
		description: 'The version released',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Checkout redesign',
		description: 'The name of the release, shown on the charts',
	},
	{
		displayName: 'Release Start',
		name: 'releaseStart',
		type: 'string',
		required: true,
		default: '={{ $now.toISO() }}',
		placeholder: 'e.g. 2026-11-30T14:00:00Z',
		description: `When the release went out: ${TIME_FORMATS}`,
	},
	optionsCollection([
		{
			displayName: 'Chart Visibility',
			name: 'chartVisibility',
			type: 'boolean',
			default: true,
			description: 'Whether the release is shown on charts',
		},
		textOption('Created By', 'createdBy', 'e.g. release-bot', 'Who made the release'),
		textOption(
			'Description',
			'description',
			'e.g. New checkout for all users',
			'What the release changed',
		),
		textOption(
			'Platforms',
			'platforms',
			'e.g. iOS, Android',
			'The platforms released to, separated by commas',
		),
		textOption(
			'Release End',
			'releaseEnd',
			'e.g. 2026-12-01T00:00:00Z',
			`When a staged rollout ended, in the same formats as Release Start`,
		),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['release'], operation: ['create'] } },
	properties,
);

function requiredText(this: IExecuteFunctions, name: string, field: string, itemIndex: number) {
	const value = textParameter.call(this, name, itemIndex);
	if (value === '') throw new InvalidInput(`'${field}' is empty. It is required for a release`);
	return value;
}

/** POST /api/2/release: one release per item, shown on the project's charts. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<IDataObject> {
	const version = requiredText.call(this, 'version', 'Version', itemIndex);
	const title = requiredText.call(this, 'title', 'Title', itemIndex);
	const start = toInstant(this.getNodeParameter('releaseStart', itemIndex), 'Release Start');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { version, title, release_start: toUtcSeconds(start) };
	if (String(options.releaseEnd ?? '').trim() !== '') {
		const end = toInstant(options.releaseEnd, 'Release End');
		if (end.ms < start.ms) {
			throw new InvalidInput(
				`'Release End' (${toUtcSeconds(end)} UTC) is before 'Release Start' (${body.release_start} UTC). Give a later end, or none`,
			);
		}
		body.release_end = toUtcSeconds(end);
	}
	const text = (key: string) => String(options[key] ?? '').trim();
	if (text('description')) body.description = text('description');
	if (text('createdBy')) body.created_by = text('createdBy');
	const platforms = text('platforms')
		.split(',')
		.map((platform) => platform.trim())
		.filter(Boolean);
	if (platforms.length) body.platforms = platforms;
	if (options.chartVisibility !== undefined)
		body.chart_visibility = options.chartVisibility === true;
	const answer = await writeJson.call(
		this,
		context,
		{ api: 'dashboard', path: '/api/2/release', body },
		itemIndex,
	);
	return { success: true, ...(isPlainObject(answer.release) ? answer.release : body) };
}
