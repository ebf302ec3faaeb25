import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { TRIGGER_DEDUP, WEBHOOK_MAX_CUSTOM_HEADERS } from '../limits';
import { USER_UPDATE_TYPE } from './eventStream';
import { DEFAULT_SECRET_HEADER } from './secretHeader';

const PRODUCTION_URL = "this node's <b>Production URL</b> (under Webhook URLs at the top)";
const HEADER = `the credential's <b>Header Name</b> (default ${DEFAULT_SECRET_HEADER}) and <b>Header Value</b> (one of the ${WEBHOOK_MAX_CUSTOM_HEADERS} custom headers Amplitude allows)`;
const NO_API = 'Paid Amplitude plans only. Amplitude has no API for this: it is set up by hand.';

const securityNotice: INodeProperties = {
	displayName: `Amplitude signs nothing it sends: the secret header is the only thing that tells its deliveries from anyone else's. Pick an Amplitude Webhook credential above and add its header in Amplitude. Without a credential, this webhook accepts any caller.`,
	name: 'securityNotice',
	type: 'notice',
	default: '',
};

const eventStreamSetup: INodeProperties = {
	displayName: [
		`<b>Set up in Amplitude</b>. ${NO_API}`,
		'1. Data → Catalog → Destinations → Event Streaming → <b>Webhook</b>; name the sync.',
		`2. Webhook URL: ${PRODUCTION_URL}.`,
		`3. Headers: ${HEADER}.`,
		'4. Turn on <b>Send Events</b> (and <b>Send Users</b> for user updates), choose the events, keep the default payload.',
		'5. Status: Enabled; Save. Then publish this workflow.',
		'Amplitude sends each event once it is ingested (no backfill) and retries a delivery that fails or takes longer than about 2 seconds.',
	].join('<br>'),
	name: 'eventStreamSetup',
	type: 'notice',
	default: '',
	displayOptions: { show: { source: ['eventStream'] } },
};

const cohortSyncSetup: INodeProperties = {
	displayName: [
		`<b>Set up in Amplitude</b>. ${NO_API}`,
		`1. Data → Catalog → Destinations → Cohorts → <b>Webhook</b>. Webhook URL: ${PRODUCTION_URL}. Headers: ${HEADER}. Keep the default payload; Save.`,
		'2. On each cohort: <b>Sync</b> → Webhook → this destination → up to 50 user properties → cadence → Sync.',
		'3. Publish this workflow.',
		'Each batch lists users who entered (in_cohort true) or left (false) one cohort; the first sync sends every member. Amplitude retries a batch not answered within 2 seconds.',
	].join('<br>'),
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
			"Amplitude pushes to the one URL a destination holds. <b>While you build</b>, put the Test URL in the destination, click 'Listen for test event' and send a test from Amplitude: the delivery shows up in the editor. <b>To run on every delivery</b>, put the Production URL in the destination and publish the workflow: executions show up in the executions list.",
		active:
			'The workflow is published: every delivery to the Production URL starts it, and shows up in the <a data-key="executions">executions list</a>. To see a delivery in the editor, put the Test URL in the Amplitude destination for a while and click \'Listen for test event\'.',
	},
	activationHint:
		'Publish the workflow and put the Production URL in the Amplitude destination to run it on every delivery.',
};
