// The benchmark's events: the same content for every scenario.
const BATCH_SIZE = 1000;

/** Input items as a CRM or database node gives them, mapped by expressions in scenario (a). */
function itemsFor(count) {
	return Array.from({ length: count }, (_, i) => ({
		event: 'crm_sync',
		uid: `user-${String(i % 5000).padStart(6, '0')}`,
		props: { deal: i, stage: 'won', amount: i % 997 },
	}));
}

/** The same events in Amplitude's wire shape, as auto-mapped input (b), the floor (c) and (e) use them. */
function eventsFor(count) {
	return itemsFor(count).map((item) => ({
		event_type: item.event,
		user_id: item.uid,
		event_properties: item.props,
	}));
}

module.exports = { BATCH_SIZE, itemsFor, eventsFor };
