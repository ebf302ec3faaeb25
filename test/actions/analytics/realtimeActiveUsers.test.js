const { runAmplitude, jsonOf } = require('../../support/harness');
const { nock, HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	EU_WITHOUT_SECRET,
	REALTIME_BODY,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/2/realtime';
const realtime = (extra = {}) => ({
	resource: 'analytics',
	operation: 'realtimeActiveUsers',
	...extra,
});

const EXPECTED_ROWS = [
	{ date: '15:00', series_label: 'Today', value: 123 },
	{ date: '15:05', series_label: 'Today', value: 144 },
	{ date: '15:10', series_label: 'Today', value: 101 },
	{ date: '15:00', series_label: 'Yesterday', value: 139 },
	{ date: '15:05', series_label: 'Yesterday', value: 111 },
	{ date: '15:10', series_label: 'Yesterday', value: 180 },
];

describe.each(REGIONS)('Realtime Active Users on the %s region', (region, credentials) => {
	test('GETs /api/2/realtime?i=5 and maps the chart', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, REALTIME_BODY]);
		const result = await runAmplitude({ parameters: realtime(), credentials });

		const call = expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}${PATH}?i=5`,
			query: { i: '5' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					series: [
						[123, 144, 101],
						[139, 111, 180],
					],
					series_labels: ['Today', 'Yesterday'],
					x_values: ['15:00', '15:05', '15:10'],
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});

	test('Output Format "rows" gives one item per 5-minute bucket and day', async () => {
		expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, REALTIME_BODY]);
		const result = await runAmplitude({
			parameters: realtime({ options: { outputFormat: 'rows' } }),
			credentials,
		});
		expect(result.output).toEqual(EXPECTED_ROWS.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

test('rows for two input items are paired to each item in order', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, REALTIME_BODY]);
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, REALTIME_BODY]);
	const result = await runAmplitude({
		items: [{}, {}],
		parameters: realtime({ options: { outputFormat: 'rows' } }),
	});

	expect(nock.isDone()).toBe(true);
	expect(result.output.map((item) => item.pairedItem.item)).toEqual([
		0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
	]);
	expect(jsonOf(result)).toEqual([...EXPECTED_ROWS, ...EXPECTED_ROWS]);
});

test('an answer without data keeps the output shape with empty arrays', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, { data: {} }]);
	const result = await runAmplitude({ parameters: realtime() });
	expect(jsonOf(result)).toEqual([{ success: true, series: [], series_labels: [], x_values: [] }]);
});

test.each([
	['us', US_WITHOUT_SECRET],
	['eu', EU_WITHOUT_SECRET],
])(
	'a %s credential without a secret key is refused before any request',
	async (_region, credentials) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: realtime(), credentials });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	},
);
