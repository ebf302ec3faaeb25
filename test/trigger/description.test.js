// The trigger's description: fixed names (shared/design/node-interface.md), the webhook, the setup
// notices for both sources, options read from limits.ts.
const { AmplitudeTrigger } = require('../../dist/nodes/Amplitude/AmplitudeTrigger.node');
const limits = require('../../dist/nodes/Amplitude/limits');

const { description } = new AmplitudeTrigger();
const property = (name) => description.properties.find((p) => p.name === name);
const option = (name) => property('options').options.find((o) => o.name === name);

test('names, group, no inputs, one POST webhook answered when the execution is created', () => {
	expect(description).toMatchObject({
		name: 'amplitudeTrigger',
		displayName: 'Amplitude Trigger',
		version: 1,
		group: ['trigger'],
		inputs: [],
		outputs: ['main'],
		defaults: { name: 'Amplitude Trigger' },
	});
	expect(description.webhooks).toEqual([
		{
			name: 'default',
			httpMethod: 'POST',
			responseMode: 'onReceived',
			responseData: '',
			path: 'amplitude',
		},
	]);
	expect(description.icon).toEqual({
		light: 'file:../../icons/amplitude.svg',
		dark: 'file:../../icons/amplitude.dark.svg',
	});
});

test('source: eventStream (default) or cohortSync', () => {
	expect(property('source')).toMatchObject({ type: 'options', default: 'eventStream' });
	expect(property('source').options.map((o) => o.value)).toEqual(['eventStream', 'cohortSync']);
});

test('one setup notice per source: the Production URL, the header, the steps in Amplitude', () => {
	const streamSetup = property('eventStreamSetup');
	const cohortSetup = property('cohortSyncSetup');
	expect(streamSetup.displayOptions).toEqual({ show: { source: ['eventStream'] } });
	expect(cohortSetup.displayOptions).toEqual({ show: { source: ['cohortSync'] } });
	for (const notice of [streamSetup, cohortSetup]) {
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/Production URL/);
		expect(notice.displayName).toMatch(/X-Amplitude-Webhook-Secret/);
		expect(notice.displayName).toMatch(/paid plans only/);
		expect(notice.displayName).toMatch(/Data → Catalog → Destinations/);
		expect(notice.displayName).toMatch(/publish this workflow/i);
	}
	expect(streamSetup.displayName).toMatch(/Event Streaming → Webhook/);
	expect(streamSetup.displayName).toMatch(/Send Events/);
	expect(cohortSetup.displayName).toMatch(/Cohorts → Webhook/);
	expect(cohortSetup.displayName).toMatch(/Sync → Webhook → this destination/);
	// n8n strips HTML from a community node's notices: plain text only.
	for (const notice of description.properties.filter((p) => p.type === 'notice'))
		expect(notice.displayName).not.toMatch(/<[a-z/]/i);
});

test('the security notice is always shown and says what happens without a credential', () => {
	const notice = property('securityNotice');
	expect(notice.displayOptions).toBeUndefined();
	expect(notice.displayName).toMatch(/Without a credential, this webhook accepts any caller/);
});

test('options: eventTypes (event stream only), outputMode, deduplicate with the memory limits', () => {
	expect(
		property('options')
			.options.map((o) => o.name)
			.sort(),
	).toEqual(['deduplicate', 'eventTypes', 'outputMode']);
	expect(option('eventTypes')).toMatchObject({
		type: 'string',
		default: '',
		displayOptions: { show: { '/source': ['eventStream'] } },
	});
	expect(option('outputMode').default).toBe('perEvent');
	expect(option('outputMode').options.map((o) => o.value)).toEqual(['perEvent', 'perRequest']);
	expect(option('deduplicate').default).toBe(true);
	expect(option('deduplicate').description).toContain(
		`last ${limits.TRIGGER_DEDUP.maxKeys.toLocaleString('en-US')} keys for ${limits.TRIGGER_DEDUP.windowMs / 3_600_000} hours`,
	);
});

test('the trigger panel explains test and production URLs', () => {
	expect(description.triggerPanel.executionsHelp.inactive).toMatch(/Test URL.*Production URL/s);
	expect(description.triggerPanel.activationHint).toMatch(/Production URL/);
});
