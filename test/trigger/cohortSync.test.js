const {
	cohortKeyOf,
	cohortMembers,
	isCohortBatch,
} = require('../../dist/nodes/Amplitude/trigger/cohortSync');
const { cohortBatch } = require('../support/triggerFixtures');

test.each([
	[{ message_id: 'm::enter::0' }, 'message:m::enter::0'],
	[{ message_id: 12 }, 'message:12'],
	[{ message_id: '' }, undefined],
	[{ cohort_id: 'c' }, undefined],
	[['m'], undefined],
])('cohortKeyOf(%j) → %j', (payload, key) => {
	expect(cohortKeyOf(payload)).toBe(key);
});

test('isCohortBatch: an object with a users array', () => {
	expect(isCohortBatch(cohortBatch())).toBe(true);
	expect(isCohortBatch(cohortBatch({ users: [] }))).toBe(true);
	expect(isCohortBatch({ users: 'u' })).toBe(false);
	expect(isCohortBatch([cohortBatch()])).toBe(false);
});

describe('cohortMembers', () => {
	test('each user with the batch fields; user properties and extra user fields kept', () => {
		const members = cohortMembers(
			cohortBatch({ users: [{ user_id: 'a', amplitude_id: 5, user_properties: { plan: 'pro' } }] }),
		);
		expect(members).toEqual([
			{
				user_id: 'a',
				amplitude_id: 5,
				user_properties: { plan: 'pro' },
				cohort_id: '7khm89cz',
				cohort_name: 'My Test Cohort',
				in_cohort: true,
				message_id: '9baaa88f-9d46-4ee5-a946-be0c6aea0046::enter::0',
				computed_time: 1692206763000,
			},
		]);
	});

	test.each([
		['1692206763', 1692206763000],
		[1692206763, 1692206763000],
		['1692206763000', 1692206763000],
		['2023-08-16 17:26:03.000', 1692206763000],
		['2023-08-16T17:26:03Z', 1692206763000],
		['soon', 'soon'],
		[null, null],
	])('computed_time %j → %j', (sent, expected) => {
		const [member] = cohortMembers(cohortBatch({ computed_time: sent }));
		expect(member.computed_time).toBe(expected);
	});

	test('the older name compute_time is read too', () => {
		const [member] = cohortMembers(
			cohortBatch({ computed_time: undefined, compute_time: '1692206763' }),
		);
		expect(member.computed_time).toBe(1692206763000);
		expect(member).not.toHaveProperty('compute_time');
	});

	test.each([
		[true, true],
		[false, false],
		['true', true],
		['false', false],
		[undefined, null],
		['yes', 'yes'],
	])('in_cohort %j → %j', (sent, expected) => {
		expect(cohortMembers(cohortBatch({ in_cohort: sent }))[0].in_cohort).toBe(expected);
	});

	test('missing batch fields are null, so every member item has the same keys', () => {
		const [member] = cohortMembers({ users: [{ user_id: 'a' }] });
		expect(member).toEqual({
			user_id: 'a',
			cohort_id: null,
			cohort_name: null,
			in_cohort: null,
			message_id: null,
			computed_time: null,
		});
	});

	test('a bare user ID becomes user_id; the batch fields win over same-named user fields', () => {
		const members = cohortMembers(
			cohortBatch({ users: ['u@example.com', { user_id: 'v', cohort_id: 'x' }] }),
		);
		expect(members.map((m) => [m.user_id, m.cohort_id])).toEqual([
			['u@example.com', '7khm89cz'],
			['v', '7khm89cz'],
		]);
	});
});
