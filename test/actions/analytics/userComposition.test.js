const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	dashboardAuth,
	n8nToday,
	yyyymmdd,
	urlWithQuery,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	trapAllHosts,
} = require('../../support/fixtures');
const { COMPOSITION_BODY } = require('../../support/analyticsFixtures');

setupNock();

const PATH = '/api/2/composition';
const composition = (extra = {}) => ({
	resource: 'analytics',
	operation: 'userComposition',
	property: 'gp:plan',
	start: '20260901',
	end: '2026-09-30',
	...extra,
});

describe.each(REGIONS)('User Composition on the %s region', (region, credentials) => {
	test('GETs /api/2/composition with p and maps the chart', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, COMPOSITION_BODY]);
		const result = await runAmplitude({ parameters: composition(), credentials });

		expectOneGet(result, seen, {
			url: urlWithQuery(HOSTS[region].dashboard, PATH, [
				['start', '20260901'],
				['end', '20260930'],
				['p', 'gp:plan'],
			]),
			query: { start: '20260901', end: '20260930', p: 'gp:plan' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					x_values: ['(none)', 'premium'],
					series: [[1, 1]],
					series_labels: ['gp:plan'],
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});

	test('Output Format "rows": one item per property value', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, COMPOSITION_BODY]);
		const result = await runAmplitude({
			parameters: composition({ options: { outputFormat: 'rows' } }),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: { property_value: '(none)', series_label: 'gp:plan', value: 1 },
				pairedItem: { item: 0 },
			},
			{
				json: { property_value: 'premium', series_label: 'gp:plan', value: 1 },
				pairedItem: { item: 0 },
			},
		]);
	});
});

test('built-in properties are sent as they are; spaces as %20; dates default to the last 7 days', async () => {
	const today = n8nToday();
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, COMPOSITION_BODY]);
	const result = await runAmplitude({
		parameters: { resource: 'analytics', operation: 'userComposition', property: 'gp:first plan' },
	});
	expect(result.status).toBe('success');
	expect(seen.calls[0].query).toEqual({
		start: yyyymmdd(today.minus({ days: 7 })),
		end: yyyymmdd(today),
		p: 'gp:first plan',
	});
	expect(seen.calls[0].url).toContain('p=gp%3Afirst%20plan');

	const country = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, COMPOSITION_BODY]);
	await runAmplitude({ parameters: composition({ property: ' country ' }) });
	expect(country.calls[0].query.p).toBe('country');
});

test('several input items: one request each, rows paired to their item', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, COMPOSITION_BODY]);
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, COMPOSITION_BODY]);
	const result = await runAmplitude({
		items: [{ p: 'gp:plan' }, { p: 'gp:plan' }],
		parameters: composition({ property: '={{ $json.p }}', options: { outputFormat: 'rows' } }),
	});
	expect(result.output.map((item) => item.pairedItem.item)).toEqual([0, 0, 1, 1]);
	expect(jsonOf(result)[2]).toEqual({
		property_value: '(none)',
		series_label: 'gp:plan',
		value: 1,
	});
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			'an empty property',
			{ property: '={{ $json.missing }}' },
			"'Property' is empty. Give a user property, e.g. country, platform or gp:plan for a custom one [item 0]",
		],
		[
			'start after end',
			{ start: '20261001' },
			"'Start' (20261001) is after 'End' (20260930). Swap them or pick an earlier start [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: composition(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});
});
