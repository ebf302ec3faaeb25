import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { TRIGGER_DEDUP, WEBHOOK_MAX_CUSTOM_HEADERS } from '../limits';
import { USER_UPDATE_TYPE } from './eventStream';
import { DEFAULT_SECRET_HEADER } from './secretHeader';

// n8n shows a community node's notices as plain text (it strips HTML), so steps are numbered inline.
const PRODUCTION_URL = "this node's Production URL (Webhook URLs, at the top)";
const HEADER = `the credential's Header Name (default ${DEFAULT_SECRET_HEADER}) with its Header Value, as one of the ${WEBHOOK_MAX_CUSTOM_HEADERS} custom headers Amplitude allows`;
const SET_UP = 'Set up in Amplitude (paid plans only; by hand, Amplitude has no API for it):';

const securityNotice: INodeProperties = {
	displayName: `Amplitude signs nothing it sends: the secret header is the only thing that tells its deliveries from anyone else's. Pick an Amplitude Webhook credential above and add its header in Amplitude. Without a credential, this webhook accepts any caller.`,
	name: 'securityNotice',
	type: 'notice',
	default: '',
};

const eventStreamSetup: INodeProperties = {
	displayName: [
		SET_UP,
		'(1) Data → Catalog → Destinations → Event Streaming → Webhook; name the sync.',
		`(2) Webhook URL: ${PRODUCTION_URL}.`,
		`(3) Headers: ${HEADER}.`,
		'(4) Turn on Send Events (and Send Users for user updates), choose the events, keep the default payload.',
		'(5) Status Enabled, Save; then publish this workflow.',
		'Amplitude sends each event as it is ingested (no backfill) and retries a delivery that fails or takes longer than about 2 seconds.',
	].join(' '),
	name: 'eventStreamSetup',
	type: 'notice',
	default: '',
	displayOptions: { show: { source: ['eventStream'] } },
};

const cohortSyncSetup: INodeProperties = {
	displayName: [
		SET_UP,
		'(1) Data → Catalog → Destinations → Cohorts → Webhook.',
		`(2) Webhook URL: ${PRODUCTION_URL}.`,
		`(3) Headers: ${HEADER}. Keep the default payload; Save.`,
		'(4) On each cohort: Sync → Webhook → this destination → up to 50 user properties → cadence → Sync.',
		'(5) Publish this workflow.',
		'Each batch lists users who entered (in_cohort true) or left (false) one cohort; the first sync sends every member. Amplitude retries a batch not answered within 2 seconds.',
	].join(' '),
	name: 'cohortSyncSetup',
	type: 'notice',
	default: '',
	displayOptions: { show: { source: ['cohortSync'] } },
};

export const triggerProperties: INodeProperties[] = [
	securityNotice,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Event Stream',
				value: 'eventStream',
				description:
					"Amplitude's Webhook event-streaming destination: each event, and each user update, as Amplitude ingests it",
			},
			{
				name: 'Cohort Sync',
				value: 'cohortSync',
				description: 'Cohort webhooks: batches of users entering or leaving a synced cohort',
			},
		],
		default: 'eventStream',
		description: 'Which Amplitude destination sends to this webhook',
	},
	eventStreamSetup,
	cohortSyncSetup,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Deduplicate',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description: `Whether to start no second execution for a delivery Amplitude retries: events are recognised by uuid (else $insert_id with device_id), cohort batches by message_id. The trigger remembers the last ${TRIGGER_DEDUP.maxKeys.toLocaleString('en-US')} keys for ${TRIGGER_DEDUP.windowMs / 3_600_000} hours, in this n8n process.`,
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. checkout_failed, Purchase',
				description: `Only these event types start the workflow, separated by commas (exact names, as in Amplitude). Other deliveries are still answered 200, so Amplitude does not retry them. User updates count as ${USER_UPDATE_TYPE}. Empty: every event and user update.`,
				displayOptions: { show: { '/source': ['eventStream'] } },
			},
			{
				displayName: 'Output',
				name: 'outputMode',
				type: 'options',
				options: [
					{
						name: 'One Item per Event or Cohort Member',
						value: 'perEvent',
						description:
							"One item per event; for cohorts, one per user with the batch's cohort_id, cohort_name, in_cohort, message_id and computed_time (epoch milliseconds)",
					},
					{
						name: 'One Item per Request',
						value: 'perRequest',
						description: 'The JSON body Amplitude sent, as one item (an array body under "body")',
					},
				],
				default: 'perEvent',
				description: 'How deliveries become items',
			},
		],
	},
];

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Pushes from Amplitude start this workflow',
	executionsHelp: {
		inactive:
			"Amplitude pushes to the one URL a destination holds. While you build, put the Test URL in the destination, click 'Execute step' and let Amplitude send an event: the delivery shows up in the editor. To run on every delivery, put the Production URL in the destination and publish the workflow: executions show up in the executions list.",
		active:
			"The workflow is published: every delivery to the Production URL starts it and shows up in the executions list. To see a delivery in the editor, put the Test URL in the Amplitude destination for a while and click 'Execute step'.",
	},
	activationHint:
		'Publish the workflow and put the Production URL in the Amplitude destination to run it on every delivery.',
};
