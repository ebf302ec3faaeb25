const {
	snakeCase,
	mapCohort,
	cohortsOf,
	memberRow,
	membershipEntries,
	skippedIds,
	uploadAnswer,
	requireCohortId,
} = require('../../dist/nodes/Amplitude/helpers/cohorts');

// An element of GET /api/3/cohorts as Amplitude sent it (NANGO list-cohorts.test.json, 2026-06).
const OBSERVED_COHORT = {
	appId: 829528,
	archived: false,
	definition: {
		version: 3,
		countGroup: { name: 'User', is_computed: false },
		cohortType: 'UNIQUES',
	},
	description: null,
	finished: true,
	id: '9apg8e8f',
	name: '14 day user retention',
	published: true,
	type: 'redshift',
	lastMod: 1781554538,
	createdAt: 1781554538,
	lastComputed: 1781610980,
	hidden: false,
	view_count: null,
	is_predictive: false,
	shortcut_ids: [],
	cohort_output_type: 'UNIQUES',
	owners: ['amp'],
	viewers: [],
	size: 0,
	syncMetadata: [
		{
			target: 'braze',
			frequency: 'daily',
			lastSuccessful: '2026-06-01T00:00:00Z',
			params: { a: 1 },
		},
	],
};

describe('snakeCase', () => {
	test.each([
		['lastComputed', 'last_computed'],
		['appId', 'app_id'],
		['view_count', 'view_count'],
		['id', 'id'],
		['syncMetadata', 'sync_metadata'],
	])('%s → %s', (key, expected) => expect(snakeCase(key)).toBe(expected));
});

describe('mapCohort and cohortsOf', () => {
	test('top-level and sync keys become snake_case; the definition stays as Amplitude wrote it', () => {
		expect(mapCohort(OBSERVED_COHORT)).toEqual({
			app_id: 829528,
			archived: false,
			definition: OBSERVED_COHORT.definition,
			description: null,
			finished: true,
			id: '9apg8e8f',
			name: '14 day user retention',
			published: true,
			type: 'redshift',
			last_mod: 1781554538,
			created_at: 1781554538,
			last_computed: 1781610980,
			hidden: false,
			view_count: null,
			is_predictive: false,
			shortcut_ids: [],
			cohort_output_type: 'UNIQUES',
			owners: ['amp'],
			viewers: [],
			size: 0,
			sync_metadata: [
				{
					target: 'braze',
					frequency: 'daily',
					last_successful: '2026-06-01T00:00:00Z',
					params: { a: 1 },
				},
			],
		});
	});

	test('cohortsOf reads {cohorts: [...]} and nothing else', () => {
		expect(cohortsOf({ cohorts: [OBSERVED_COHORT, 'junk'] })).toEqual([mapCohort(OBSERVED_COHORT)]);
		expect(cohortsOf({ cohorts: [] })).toEqual([]);
		expect(cohortsOf({})).toEqual([]);
		expect(cohortsOf('<html>')).toEqual([]);
	});
});

describe('memberRow', () => {
	const columns = ['amplitude_id', 'user_id', 'amplitude_id_2', 'plan'];

	test('every column by position; amplitude_id a number; properties as text', () => {
		expect(memberRow(columns, ['550106004607', 'u@example.com', '550106004607', 'pro'])).toEqual({
			amplitude_id: 550106004607,
			user_id: 'u@example.com',
			amplitude_id_2: '550106004607',
			plan: 'pro',
		});
	});

	test('an anonymous member has user_id null', () => {
		expect(memberRow(['amplitude_id', 'user_id'], ['617244169723', ''])).toEqual({
			amplitude_id: 617244169723,
			user_id: null,
		});
	});

	test('short rows get null, long rows keep the extra values under column_N', () => {
		expect(memberRow(columns, ['1', 'a'])).toEqual({
			amplitude_id: 1,
			user_id: 'a',
			amplitude_id_2: null,
			plan: null,
		});
		expect(memberRow(['amplitude_id'], ['1', 'x'])).toEqual({ amplitude_id: 1, column_2: 'x' });
	});

	test('an amplitude_id that is not a safe whole number stays text', () => {
		expect(memberRow(['amplitude_id'], ['99999999999999999999']).amplitude_id).toBe(
			'99999999999999999999',
		);
		expect(memberRow(['amplitude_id'], ['abc']).amplitude_id).toBe('abc');
	});
});

describe('membershipEntries and skippedIds', () => {
	const change = (id, operation, id_type = 'BY_NAME') => ({
		cohort_id: 'c1',
		id,
		id_type,
		operation,
	});

	test('runs of the same operation and ID type share an entry, in item order', () => {
		const changes = [
			change('a', 'ADD'),
			change('b', 'ADD'),
			change('1', 'ADD', 'BY_ID'),
			change('c', 'REMOVE'),
			change('d', 'ADD'),
		];
		expect(membershipEntries(changes)).toEqual({
			memberships: [
				{ ids: ['a', 'b'], id_type: 'BY_NAME', operation: 'ADD' },
				{ ids: ['1'], id_type: 'BY_ID', operation: 'ADD' },
				{ ids: ['c'], id_type: 'BY_NAME', operation: 'REMOVE' },
				{ ids: ['d'], id_type: 'BY_NAME', operation: 'ADD' },
			],
			entryOf: [0, 0, 1, 2, 3],
		});
	});

	test('skipped_ids per entry; missing results skip nothing', () => {
		const body = {
			cohort_id: 'c1',
			memberships_result: [{ skipped_ids: ['b', 7] }, { skipped_ids: [] }],
		};
		expect(skippedIds(body, 3)).toEqual([new Set(['b', '7']), new Set(), new Set()]);
		expect(skippedIds('oops', 1)).toEqual([new Set()]);
	});
});

describe('uploadAnswer', () => {
	test('cohortId (current) or cohort_id (before 2024-10), and the invalid-ID sample', () => {
		expect(
			uploadAnswer({
				cohortId: '1a2bc3d',
				metadata: { matched: 2, totals: 3, invalid_ids_sample: ['x'] },
			}),
		).toEqual({ cohortId: '1a2bc3d', invalidSample: new Set(['x']) });
		expect(uploadAnswer({ cohort_id: '1a2bc3d' })).toEqual({
			cohortId: '1a2bc3d',
			invalidSample: new Set(),
		});
		expect(uploadAnswer({})).toEqual({ cohortId: undefined, invalidSample: new Set() });
		expect(uploadAnswer(null)).toEqual({ invalidSample: new Set() });
	});
});

describe('requireCohortId', () => {
	test('trims a cohort ID', () => expect(requireCohortId(' 1a2bc3d ')).toBe('1a2bc3d'));
	test.each([
		['', "'Cohort ID' is empty"],
		[undefined, "'Cohort ID' is empty"],
		['a/b', '\'Cohort ID\' "a/b" is not a cohort ID'],
		['../x', '\'Cohort ID\' "../x" is not a cohort ID'],
	])('%j is refused', (value, message) => {
		expect(() => requireCohortId(value)).toThrow(message);
	});
});
