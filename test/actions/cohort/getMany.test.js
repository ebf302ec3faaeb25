const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	INVALID_CHART_BODY,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/3/cohorts';
const getMany = (extra = {}) => ({ resource: 'cohort', operation: 'getMany', ...extra });

/** A cohort as Amplitude lists it (NANGO list-cohorts.test.json, 2026-06; definition trimmed). */
function cohort(id, name, size, extra = {}) {
	return {
		appId: 829528,
		archived: false,
		definition: { version: 3, cohortType: 'UNIQUES', andClauses: [] },
		description: null,
		finished: true,
		id,
		name,
		published: true,
		type: 'redshift',
		lastMod: 1781554538,
		createdAt: 1781554538,
		lastComputed: 1781610980,
		hidden: false,
		metadata: null,
		per_app_metadata: null,
		cohort_output_type: 'UNIQUES',
		owners: ['amp'],
		viewers: [],
		size,
		...extra,
	};
}

const BODY = {
	cohorts: [cohort('9apg8e8f', '14 day user retention', 0), cohort('1a2bc3d', 'Power users', 1234)],
};

describe.each(REGIONS)('Cohort → Get Many on the %s region', (region, credentials) => {
	test('GETs /api/3/cohorts with Basic auth; one item per cohort, keys in snake_case', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, BODY]);
		const result = await runAmplitude({ parameters: getMany(), credentials });

		expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}${PATH}`,
			query: {},
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toHaveLength(2);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(result.output[1].json).toEqual({
			app_id: 829528,
			archived: false,
			definition: { version: 3, cohortType: 'UNIQUES', andClauses: [] },
			description: null,
			finished: true,
			id: '1a2bc3d',
			name: 'Power users',
			published: true,
			type: 'redshift',
			last_mod: 1781554538,
			created_at: 1781554538,
			last_computed: 1781610980,
			hidden: false,
			metadata: null,
			per_app_metadata: null,
			cohort_output_type: 'UNIQUES',
			owners: ['amp'],
			viewers: [],
			size: 1234,
		});
		expectNoSecrets(result.run, credentials);
	});
});

test('Include Sync Info asks for includeSyncInfo=true and maps the sync entries', async () => {
	const sync = [
		{ target: 'braze', frequency: 'daily', last_successful: '2026-11-29T00:00:00Z', params: {} },
	];
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [
		200,
		{ cohorts: [cohort('1a2bc3d', 'Power users', 3, { syncMetadata: sync })] },
	]);
	const result = await runAmplitude({
		parameters: getMany({ options: { includeSyncInfo: true } }),
	});

	expect(seen.calls[0].query).toEqual({ includeSyncInfo: 'true' });
	expect(jsonOf(result)[0].sync_metadata).toEqual(sync);
});

test('Limit keeps the first cohorts; Return All keeps them all', async () => {
	const many = { cohorts: Array.from({ length: 60 }, (_, i) => cohort(`c${i}`, `Cohort ${i}`, i)) };
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, many]);
	const limited = await runAmplitude({ parameters: getMany({ limit: 3 }) });
	expect(jsonOf(limited).map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);

	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, many]);
	const defaults = await runAmplitude({ parameters: getMany() });
	expect(jsonOf(defaults)).toHaveLength(50);

	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, many]);
	const all = await runAmplitude({ parameters: getMany({ returnAll: true }) });
	expect(jsonOf(all)).toHaveLength(60);
});

test('a project without cohorts gives no items', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, { cohorts: [] }]);
	const result = await runAmplitude({ parameters: getMany() });
	expect(result.status).toBe('success');
	expect(result.output).toEqual([]);
});

test('each input item lists the cohorts once, paired to it', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, BODY]);
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, BODY]);
	const result = await runAmplitude({ items: [{}, {}], parameters: getMany() });
	expect(result.output.map((item) => item.pairedItem.item).sort()).toEqual([0, 0, 1, 1]);
	expect(seen.calls).toHaveLength(1);
});

test('a 403 fails with the Dashboard key hint; continue on error gives the failure item', async () => {
	const body = {
		error: {
			http_code: 403,
			type: 'unspecified',
			metadata: { details: 'Invalid API/Secret Key combination' },
		},
	};
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [403, body]);
	const result = await runAmplitude({ parameters: getMany(), continueOnFail: true });
	expect(jsonOf(result)).toEqual([
		{
			success: false,
			error: expect.stringMatching(
				/^Amplitude answered 403: .* \[item 0\]\. The Dashboard REST API refused the API key and secret key/,
			),
			code: 403,
		},
	]);
});

test("a 400 names Amplitude's message and the item", async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [400, INVALID_CHART_BODY]);
	const result = await runAmplitude({ parameters: getMany() });
	expect(result.status).toBe('error');
	expect(result.error.message).toBe(
		'Amplitude answered 400: Invalid chart definition: event_type is unknown [item 0]',
	);
});

test('without a secret key: a clear error before any request', async () => {
	const trap = trapAllHosts();
	const result = await runAmplitude({ parameters: getMany(), credentials: US_WITHOUT_SECRET });
	expectOperationError(result, missingSecretMessage('Dashboard REST'));
	expect(trap.calls).toEqual([]);
});
