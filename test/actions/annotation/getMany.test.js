// Annotation → Get Many: GET /api/3/annotations on the Dashboard host, one item per annotation.
const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, nock, setupNock } = require('../../support/http');
const {
	REGIONS,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	expectSecretsOnlyInAuthorization,
	route,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/3/annotations';
const getMany = (extra = {}) => ({
	resource: 'annotation',
	operation: 'getMany',
	options: { retryAttempts: 2, maxRetryWait: 0 },
	...extra,
});
const annotation = (id, category, extra = {}) => ({
	id,
	start: `2026-11-${String(id).padStart(2, '0')}T00:00:00+00:00`,
	label: `Annotation ${id}`,
	details: null,
	category,
	end: null,
	chart_id: null,
	...extra,
});
const LIST = {
	data: [
		annotation(1, { id: 1, category: 'Uncategorized' }),
		annotation(2, { id: 7, category: 'Releases' }, { chart_id: 'abc123de', details: 'v2' }),
		// As Amplitude's documentation shows it: `name`.
		annotation(3, { id: 7, name: 'Releases' }, { end: '2026-11-04T00:00:00+00:00' }),
	],
};
const mapped = (id, category, categoryId, extra = {}) => ({
	id,
	label: `Annotation ${id}`,
	details: null,
	start: `2026-11-${String(id).padStart(2, '0')}T00:00:00+00:00`,
	end: null,
	chart_id: null,
	category,
	category_id: categoryId,
	...extra,
});
const ALL = [
	mapped(1, 'Uncategorized', 1),
	mapped(2, 'Releases', 7, { chart_id: 'abc123de', details: 'v2' }),
	mapped(3, 'Releases', 7, { end: '2026-11-04T00:00:00+00:00' }),
];

describe.each(REGIONS)('Get Many Annotations on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test('Return All: one GET, one item per annotation, the category flattened to its name', async () => {
		const seen = route(host, PATH, () => [200, LIST]);
		const result = await runAmplitude({ parameters: getMany({ returnAll: true }), credentials });

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		expect(seen.calls[0].url).toBe(`${host}${PATH}`);
		expect(seen.calls[0].headers.authorization).toBe(dashboardAuth(credentials));
		expectSecretsOnlyInAuthorization(seen.calls[0], credentials);
		expect(result.output).toEqual(ALL.map((json) => ({ json, pairedItem: { item: 0 } })));
		expectNoSecrets(result.run, credentials);
	});

	test('filters go on the query; times as ISO 8601 with an offset (+ encoded)', async () => {
		const seen = route(host, PATH, () => [200, LIST]);
		await runAmplitude({
			credentials,
			parameters: getMany({
				returnAll: true,
				filters: { category: 'Releases', start: '2026-11-01T00:00:00+01:00', end: '20261130' },
			}),
		});
		expect(seen.calls[0].query).toEqual({
			category: 'Releases',
			start: '2026-11-01T00:00:00+01:00',
			end: '2026-11-30T00:00:00+00:00',
		});
		expect(seen.calls[0].url).toContain('start=2026-11-01T00%3A00%3A00%2B01%3A00');
	});
});

test('Limit (default 50) cuts the list', async () => {
	route(HOSTS.us.dashboard, PATH, () => [200, LIST]);
	expect(jsonOf(await runAmplitude({ parameters: getMany({ limit: 2 }) }))).toEqual(
		ALL.slice(0, 2),
	);
	nock.cleanAll();
	const many = { data: Array.from({ length: 60 }, (_, i) => annotation(i + 1, null)) };
	route(HOSTS.us.dashboard, PATH, () => [200, many]);
	expect(await runAmplitude({ parameters: getMany() }).then((r) => r.output.length)).toBe(50);
});

test('category and chart together: the chart goes to Amplitude, the category is matched here', async () => {
	const seen = route(HOSTS.us.dashboard, PATH, () => [200, LIST]);
	const result = await runAmplitude({
		parameters: getMany({
			returnAll: true,
			filters: { category: 'Releases', chartId: 'abc123de' },
		}),
	});
	expect(seen.calls[0].query).toEqual({ chart_id: 'abc123de' });
	expect(jsonOf(result)).toEqual([ALL[1], ALL[2]]);
});

test('no annotations: no items', async () => {
	route(HOSTS.us.dashboard, PATH, () => [200, { data: [] }]);
	const result = await runAmplitude({ parameters: getMany({ returnAll: true }) });
	expect(result.status).toBe('success');
	expect(result.output).toEqual([]);
});

test('an answer without a data list is an error', async () => {
	route(HOSTS.us.dashboard, PATH, () => [200, { annotations: [] }]);
	const result = await runAmplitude({ parameters: getMany() });
	expect(result.error.name).toBe('NodeApiError');
	expect(result.error.message).toBe(
		'Amplitude answered 200 without a list of annotations (no "data" array) [item 0]',
	);
});

test('a 500 is retried (a read)', async () => {
	const seen = route(HOSTS.us.dashboard, PATH, (_call, index) =>
		index === 0 ? [500, 'oops'] : [200, LIST],
	);
	const result = await runAmplitude({ parameters: getMany({ returnAll: true }) });
	expect(seen.calls).toHaveLength(2);
	expect(jsonOf(result)).toEqual(ALL);
});

test('an unreadable filter time is refused before any request', async () => {
	const trap = trapAllHosts();
	const result = await runAmplitude({ parameters: getMany({ filters: { start: 'last month' } }) });
	expectOperationError(
		result,
		`'Start' is not a valid date or time: "last month". Use an ISO date-time (2026-11-01T07:00:00+01:00), a date (2026-11-01 or 20261101), epoch milliseconds or an n8n date such as {{ $now }} [item 0]`,
	);
	expect(trap.calls).toEqual([]);
});
