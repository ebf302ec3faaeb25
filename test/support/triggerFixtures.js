// What Amplitude's webhook destinations send (shared/reference/amplitude-api-more.md §8), for the
// Amplitude Trigger tests: an event in Amplitude's export format (its webhook default, times with
// milliseconds), the same in the export files' microsecond format, a user update ("Send Users"),
// a custom FreeMarker payload and a cohort batch (the documented example).

/** A streamed event: export-format keys, webhook time format, user properties sent as strings. */
function streamedEvent(overrides = {}) {
	return {
		$insert_id: 'c41afc6f-19ee-4343-9e9d-a6991430a746',
		amplitude_id: 1610447902357,
		app: 829528,
		city: 'Berlin',
		client_event_time: '2026-11-30 09:57:13.345',
		country: 'Germany',
		data: { path: '/2/httpapi', user_properties_updated: true },
		device_id: '7f302356-8228-58e7-aaab-85a98ff09bae',
		event_id: 77800092,
		event_properties: { cart_value: 129.5, reason: 'card_declined' },
		event_time: '2026-11-30 09:57:13.345',
		event_type: 'checkout_failed',
		group_properties: {},
		groups: {},
		library: 'http/2.0',
		platform: 'Web',
		server_received_time: '2026-11-30 09:57:13.411',
		server_upload_time: '2026-11-30 09:57:13.417',
		session_id: -1,
		user_id: 'user-00042',
		user_properties: { plan: 'pro', seats: '12', beta: 'true' },
		uuid: 'dce23c5f-7e0e-47df-b6ea-632fdb1084c2',
		...overrides,
	};
}

/** The same event with the export files' microsecond times. */
function exportedEvent(overrides = {}) {
	return streamedEvent({
		client_event_time: '2026-11-30 09:57:13.345000',
		event_time: '2026-11-30 09:57:13.345000',
		server_received_time: '2026-11-30 09:57:13.411000',
		server_upload_time: '2026-11-30 09:57:13.417000',
		uuid: '0b6f1f4e-4d7c-4f4e-9d6b-3e1b2c8a9f01',
		$insert_id: 'a3c2b1d0-0000-4000-8000-000000000001',
		...overrides,
	});
}

/** A user update (Send Users): the Identify shape, no event type, no uuid. */
function userUpdate(overrides = {}) {
	return {
		user_id: 'user-00042',
		device_id: '7f302356-8228-58e7-aaab-85a98ff09bae',
		user_properties: { plan: 'enterprise', seats: '40' },
		country: 'Germany',
		platform: 'Web',
		...overrides,
	};
}

/** The documented FreeMarker example's output: passed through as it is. */
const CUSTOM_PAYLOAD = {
	external_id: 'user-00042',
	name: 'checkout_failed',
	time: '2026-11-30 09:57:13.345',
};

/** The documented cohort batch (computed_time: a string of epoch seconds). */
function cohortBatch(overrides = {}) {
	return {
		cohort_name: 'My Test Cohort',
		cohort_id: '7khm89cz',
		in_cohort: true,
		computed_time: '1692206763',
		message_id: '9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0',
		users: [
			{
				user_id: 'user_one@example.com',
				user_properties: { name: 'John Doe', country: 'US', city: 'San Francisco' },
			},
			{
				user_id: 'user_two@example.com',
				user_properties: { name: 'Jane Smith', country: 'US', city: 'New York' },
			},
		],
		...overrides,
	};
}

module.exports = { streamedEvent, exportedEvent, userUpdate, CUSTOM_PAYLOAD, cohortBatch };
