import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as analytics from './actions/analytics/Analytics.resource';
import * as cohort from './actions/cohort/Cohort.resource';
import * as annotation from './actions/annotation/Annotation.resource';
import * as experiment from './actions/experiment/Experiment.resource';
import * as release from './actions/release/Release.resource';
import * as event from './actions/event/Event.resource';
import * as group from './actions/group/Group.resource';
import { router } from './actions/router';
import * as user from './actions/user/User.resource';

export class Amplitude implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amplitude',
		name: 'amplitude',
		icon: { light: 'file:../../icons/amplitude.svg', dark: 'file:../../icons/amplitude.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send events, identify users and groups, and read users and analytics in Amplitude (HTTP V2, Identify, Dashboard REST and User Profile APIs)',
		defaults: { name: 'Amplitude' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amplitudeApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Analytics',
						value: 'analytics',
						description:
							'Read charts: segmentation, active users, realtime, revenue, funnels, retention, sessions, user composition, saved charts',
					},
					{
						name: 'Annotation',
						value: 'annotation',
						description: 'Mark deploys, campaigns and incidents on the charts',
					},
					{
						name: 'Cohort',
						value: 'cohort',
						description: 'List cohorts, download their members, upload or change static cohorts',
					},
					{
						name: 'Event',
						value: 'event',
						description: 'Send events, list event types, or export raw events',
					},
					{
						name: 'Experiment',
						value: 'experiment',
						description: 'Evaluate feature flags and experiments for a user',
					},
					{ name: 'Group', value: 'group', description: 'Set group (account) properties' },
					{ name: 'Release', value: 'release', description: 'Record releases shown on the charts' },
					{
						name: 'User',
						value: 'user',
						description: 'Identify, search and look up users; map user IDs; delete users (privacy)',
					},
				],
				default: 'event',
			},
			...event.description,
			...user.description,
			...group.description,
			...analytics.description,
			...cohort.description,
			...annotation.description,
			...release.description,
			...experiment.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
