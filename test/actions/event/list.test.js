const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	EU_WITHOUT_SECRET,
	LIST_EVENTS_BODY,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const list = (extra = {}) => ({ resource: 'event', operation: 'list', ...extra });

describe.each(REGIONS)('List Events on the %s region', (region, credentials) => {
	test('GETs /api/2/events/list with Basic auth and maps every event', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', '/api/2/events/list', [
			200,
			LIST_EVENTS_BODY,
		]);
		const result = await runAmplitude({ parameters: list(), credentials });

		const call = expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}/api/2/events/list`,
			query: {},
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					events: [
						{
							value: 'Add Content to Cart',
							display_name: 'Add Content to Cart',
							totals: 1505645,
							hidden: false,
							deleted: false,
							non_active: false,
							flow_hidden: false,
						},
						{
							value: 'page_view',
							display_name: 'Page View',
							totals: 88,
							hidden: false,
							deleted: false,
							non_active: true,
							flow_hidden: true,
						},
					],
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});
});

test('an empty project gives one item with no events', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/events/list', [200, { data: [] }]);
	const result = await runAmplitude({ parameters: list() });
	expect(jsonOf(result)).toEqual([{ success: true, events: [] }]);
});

test('every input item gets its own request and its own paired output', async () => {
	const first = expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/events/list', [
		200,
		LIST_EVENTS_BODY,
	]);
	const second = expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/events/list', [
		200,
		{ data: [] },
	]);
	const result = await runAmplitude({ items: [{ a: 1 }, { a: 2 }], parameters: list() });

	expect(first.calls.length + second.calls.length).toBe(2);
	expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(
		jsonOf(result)
			.map((json) => json.events.length)
			.sort(),
	).toEqual([0, 2]);
});

test.each([
	['us', US_WITHOUT_SECRET],
	['eu', EU_WITHOUT_SECRET],
])(
	'a %s credential without a secret key is refused before any request',
	async (_region, credentials) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: list(), credentials });

		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
		expectNoSecrets(result.run, credentials);
	},
);
