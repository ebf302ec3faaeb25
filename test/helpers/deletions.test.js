const {
	toIsoDay,
	addMonths,
	deletionJobRange,
	jobsOf,
	invalidIdsOf,
	jobsOfUser,
	mapJob,
} = require('../../dist/nodes/Amplitude/helpers/deletions');

// POST /api/2/deletions/users as Amplitude answered it (NANGO create-user-deletion-job, 2026-06).
const OBSERVED_JOB = {
	active_scrub_done_date: null,
	amplitude_ids: [
		{ amplitude_id: 1610447902357, requested_on_day: '2026-06-16', requester: 'rest' },
	],
	app: '829528',
	day: '2026-06-28',
	status: 'staging',
};

describe('toIsoDay', () => {
	test.each([
		['20261101', '2026-11-01'],
		['2026-11-01', '2026-11-01'],
		['2026-11-01T23:00:00Z', '2026-11-01'],
		[20261101, '2026-11-01'],
	])('%j → %s', (value, expected) => expect(toIsoDay(value, 'Job Day')).toBe(expected));

	test('names the field when the date is not one', () => {
		expect(() => toIsoDay('2026-02-30', 'Job Day')).toThrow(
			`'Job Day' is not a valid date: "2026-02-30"`,
		);
	});
});

describe('addMonths', () => {
	test.each([
		['2026-01-15', 6, '2026-07-15'],
		['2026-08-31', 6, '2027-02-28'],
		['2028-08-31', 6, '2029-02-28'],
		['2027-08-31', 6, '2028-02-29'],
		['2026-12-01', 1, '2027-01-01'],
	])('%s + %i months = %s', (day, months, expected) =>
		expect(addMonths(day, months)).toBe(expected),
	);
});

describe('deletionJobRange', () => {
	test('a range within 6 months, as YYYY-MM-DD', () => {
		expect(deletionJobRange('20260101', '2026-07-01', 6)).toEqual({
			start_day: '2026-01-01',
			end_day: '2026-07-01',
		});
	});

	test('a range over 6 months is refused, saying where it may end', () => {
		expect(() => deletionJobRange('2026-01-01', '2026-07-02', 6)).toThrow(
			'The range 2026-01-01 to 2026-07-02 is longer than the 6 months Amplitude lists at once. End it by 2026-07-01, or list the rest in a second item',
		);
	});

	test('start after end is refused', () => {
		expect(() => deletionJobRange('2026-02-01', '2026-01-01', 6)).toThrow(
			"'Start' (2026-02-01) is after 'End' (2026-01-01)",
		);
	});
});

describe('jobsOf and invalidIdsOf', () => {
	test('an array of jobs, or one job object', () => {
		expect(jobsOf([OBSERVED_JOB, 'x'])).toEqual([OBSERVED_JOB]);
		expect(jobsOf(OBSERVED_JOB)).toEqual([OBSERVED_JOB]);
		expect(jobsOf('No valid IDs')).toEqual([]);
		expect(jobsOf({ error: 'x' })).toEqual([]);
	});

	test('invalid IDs at the top, in jobs, or in an error answer', () => {
		expect(invalidIdsOf([{ ...OBSERVED_JOB, invalid_ids: ['ghost', 42] }])).toEqual(
			new Set(['ghost', '42']),
		);
		expect(invalidIdsOf({ invalid_ids: ['a'] })).toEqual(new Set(['a']));
		expect(
			invalidIdsOf({
				error: { http_code: 400, message: 'Invalid IDs', metadata: { invalid_ids: ['b'] } },
			}),
		).toEqual(new Set(['b']));
		expect(invalidIdsOf([OBSERVED_JOB])).toEqual(new Set());
		expect(invalidIdsOf('text')).toEqual(new Set());
	});
});

describe('jobsOfUser', () => {
	const org = [
		{ ...OBSERVED_JOB, app: '1', amplitude_ids: [{ amplitude_id: 11, user_id: 'alice' }] },
		{
			...OBSERVED_JOB,
			app: '2',
			amplitude_ids: [{ amplitude_id: 22, user_id: 'alice' }, { amplitude_id: 33 }],
		},
	];

	test('by Amplitude ID', () => {
		expect(jobsOfUser(org, { amplitude_id: 33 })).toEqual([
			{ job: org[1], entry: { amplitude_id: 33 } },
		]);
	});

	test('by user ID, in every job that names it', () => {
		expect(jobsOfUser(org, { user_id: 'alice' }).map(({ job }) => job.app)).toEqual(['1', '2']);
	});

	test('a single job holds the user even when no entry names it', () => {
		expect(jobsOfUser([OBSERVED_JOB], { user_id: 'bob' })).toEqual([{ job: OBSERVED_JOB }]);
	});

	test('several jobs and no entry: none', () => {
		expect(jobsOfUser(org, { user_id: 'carol' })).toEqual([]);
	});
});

test('mapJob keeps the job fields and its users', () => {
	expect(mapJob(OBSERVED_JOB)).toEqual(OBSERVED_JOB);
	expect(mapJob({ day: '2026-06-28' })).toEqual({
		day: '2026-06-28',
		status: null,
		app: null,
		active_scrub_done_date: null,
		amplitude_ids: [],
	});
});
