const { planDelivery, asItemJson } = require('../../dist/nodes/Amplitude/trigger/delivery');
const { streamedEvent, userUpdate, cohortBatch } = require('../support/triggerFixtures');

const settings = (overrides = {}) => ({
	source: 'eventStream',
	eventTypes: [],
	outputMode: 'perEvent',
	deduplicate: true,
	...overrides,
});
const nothingKnown = () => false;

test('asItemJson: objects as they are, other values under body', () => {
	const event = streamedEvent();
	expect(asItemJson(event)).toBe(event);
	expect(asItemJson([1])).toEqual({ body: [1] });
	expect(asItemJson(null)).toEqual({ body: null });
});

describe('planDelivery', () => {
	test('an event: its item and its key to remember', () => {
		expect(planDelivery(streamedEvent(), settings(), nothingKnown)).toEqual({
			start: true,
			items: [streamedEvent()],
			keys: ['uuid:dce23c5f-7e0e-47df-b6ea-632fdb1084c2'],
		});
	});

	test('keys only for payloads that have one', () => {
		const plan = planDelivery(
			[userUpdate(), streamedEvent({ uuid: 'a' })],
			settings(),
			nothingKnown,
		);
		expect(plan.keys).toEqual(['uuid:a']);
		expect(plan.items).toHaveLength(2);
	});

	test('Deduplicate off: nothing is looked up or remembered', () => {
		const isKnown = jest.fn(() => true);
		const plan = planDelivery(streamedEvent(), settings({ deduplicate: false }), isKnown);
		expect(plan).toEqual({ start: true, items: [streamedEvent()], keys: [] });
		expect(isKnown).not.toHaveBeenCalled();
	});

	test('filtering comes before the lookup: filtered events are never looked up', () => {
		const isKnown = jest.fn(() => false);
		const plan = planDelivery(
			[streamedEvent({ uuid: 'a', event_type: 'Open App' }), streamedEvent({ uuid: 'b' })],
			settings({ eventTypes: ['checkout_failed'] }),
			isKnown,
		);
		expect(isKnown.mock.calls).toEqual([['uuid:b']]);
		expect(plan.keys).toEqual(['uuid:b']);
	});

	test.each([
		['nothing in the body', [], settings(), 'empty'],
		['no listed event', streamedEvent(), settings({ eventTypes: ['Purchase'] }), 'filtered'],
		['everything seen', streamedEvent(), settings(), 'duplicate', () => true],
		[
			'a cohort batch without users',
			cohortBatch({ users: [] }),
			settings({ source: 'cohortSync' }),
			'empty',
		],
	])('%s: no start (%s)', (_, body, s, reason, isKnown = nothingKnown) => {
		expect(planDelivery(body, s, isKnown)).toEqual({ start: false, reason });
	});

	test('cohort batches are keyed on message_id and expanded per member', () => {
		const plan = planDelivery(cohortBatch(), settings({ source: 'cohortSync' }), nothingKnown);
		expect(plan.keys).toEqual(['message:9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0']);
		expect(plan.items.map((i) => i.user_id)).toEqual([
			'user_one@example.com',
			'user_two@example.com',
		]);
	});

	test('cohort batches ignore Event Types and event keys', () => {
		const plan = planDelivery(
			cohortBatch({ uuid: 'not-a-cohort-key' }),
			settings({ source: 'cohortSync', eventTypes: ['Purchase'] }),
			nothingKnown,
		);
		expect(plan.keys).toEqual(['message:9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0']);
	});

	test('per request: an object body is the item; an array body keeps only the new, listed payloads', () => {
		const perRequest = settings({ outputMode: 'perRequest', eventTypes: ['checkout_failed'] });
		expect(planDelivery(streamedEvent(), perRequest, nothingKnown).items).toEqual([
			streamedEvent(),
		]);
		const fresh = streamedEvent({ uuid: 'fresh' });
		const plan = planDelivery(
			[streamedEvent({ uuid: 'seen' }), userUpdate(), fresh],
			perRequest,
			(key) => key === 'uuid:seen',
		);
		expect(plan).toEqual({ start: true, items: [{ body: [fresh] }], keys: ['uuid:fresh'] });
	});
});
