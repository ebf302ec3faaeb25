// Annotation → Create: POST /api/3/annotations (v3) on the Dashboard host, JSON body.
const { DateTime } = require('luxon');
const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	expectSecretsOnlyInAuthorization,
	missingSecretMessage,
	routePosts,
} = require('../../support/fixtures');
const { recordSleeps } = require('../../support/sleeps');

setupNock();

const PATH = '/api/3/annotations';
const create = (extra = {}, options = {}) => ({
	resource: 'annotation',
	operation: 'create',
	label: 'Release 2.4.0',
	start: '2026-11-30T14:00:00+01:00',
	...extra,
	options: { maxRetryWait: 0, ...options },
});
// Amplitude's observed answer: the category object names itself with `category`.
const ANSWER = {
	data: {
		id: 939891,
		start: '2026-11-30T13:00:00+00:00',
		label: 'Release 2.4.0',
		details: null,
		category: { id: 1, category: 'Uncategorized' },
		end: null,
		chart_id: null,
	},
};

const posts = (host, replies) => routePosts(host, PATH, replies);

describe.each(REGIONS)('Create Annotation on the %s region', (region, credentials) => {
	const host = HOSTS[region].dashboard;

	test('POSTs the label and start (ISO 8601 with its offset) as JSON, with Basic auth; outputs the annotation', async () => {
		const seen = posts(host, [[200, ANSWER]]);
		const result = await runAmplitude({ parameters: create(), credentials });

		expect(result.status).toBe('success');
		expect(seen.calls).toHaveLength(1);
		const [call] = seen.calls;
		expect(call.url).toBe(`${host}${PATH}`);
		expect(call.headers.authorization).toBe(dashboardAuth(credentials));
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.body).toEqual({ label: 'Release 2.4.0', start: '2026-11-30T14:00:00+01:00' });
		expectSecretsOnlyInAuthorization(call, credentials);
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					id: 939891,
					label: 'Release 2.4.0',
					details: null,
					start: '2026-11-30T13:00:00+00:00',
					end: null,
					chart_id: null,
					category: 'Uncategorized',
					category_id: 1,
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});

	test('every option goes on the wire: end, details, category, chart', async () => {
		const seen = posts(host, [
			[
				200,
				{
					data: {
						...ANSWER.data,
						end: '2026-12-07T00:00:00+00:00',
						details: 'Campaign',
						chart_id: 'abc123de',
						// The documentation's shape of the category: `name`.
						category: { id: 45678, name: 'Campaigns' },
					},
				},
			],
		]);
		const result = await runAmplitude({
			credentials,
			parameters: create(
				{ label: 'Black Friday', start: '20261127' },
				{
					end: '2026-12-07T00:00:00Z',
					details: 'Campaign',
					category: 'Campaigns',
					chartId: 'abc123de',
				},
			),
		});
		expect(seen.calls[0].body).toEqual({
			label: 'Black Friday',
			start: '2026-11-27T00:00:00+00:00',
			end: '2026-12-07T00:00:00+00:00',
			details: 'Campaign',
			category: 'Campaigns',
			chart_id: 'abc123de',
		});
		expect(jsonOf(result)[0]).toMatchObject({
			category: 'Campaigns',
			category_id: 45678,
			chart_id: 'abc123de',
		});
	});
});

test('start and end accept what the analytics dates accept, and n8n dates keep their offset', async () => {
	const seen = posts(HOSTS.us.dashboard, [[200, ANSWER]]);
	const start = DateTime.fromISO('2026-11-30T09:30:00', { zone: 'Europe/Berlin' });
	const result = await runAmplitude({
		items: [{ at: start.toISO() }, { at: '2026-11-30' }, { at: 1796083200000 }],
		parameters: create({ start: '={{ $json.at }}' }),
	});
	expect(result.status).toBe('success');
	expect(seen.calls.map((call) => call.body.start)).toEqual([
		'2026-11-30T09:30:00+01:00',
		'2026-11-30T00:00:00+00:00',
		'2026-12-01T00:00:00+00:00',
	]);
});

test('the default start is now, sent with the workflow time zone offset', async () => {
	const seen = posts(HOSTS.us.dashboard, [[200, ANSWER]]);
	const { start, ...withoutStart } = create();
	void start;
	const before = Date.now();
	const result = await runAmplitude({ parameters: { ...withoutStart, start: '={{ $now }}' } });
	expect(result.status).toBe('success');
	const sent = seen.calls[0].body.start;
	expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
	expect(Math.abs(Date.parse(sent) - before)).toBeLessThan(60_000);
});

describe('errors', () => {
	const host = HOSTS.us.dashboard;

	test('404 for an unknown category says to create it or leave Category empty', async () => {
		posts(host, [
			[404, { error: { http_code: 404, type: 'not_found', message: 'Category not found' } }],
		]);
		const result = await runAmplitude({ parameters: create({}, { category: 'Deploys' }) });
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe('Amplitude answered 404: Category not found [item 0]');
		expect(result.error.description).toBe(
			'Amplitude found no annotation category "Deploys" in this project. Create the category in Amplitude first (or leave Category empty for Uncategorized), and check the chart ID in the chart\'s URL.',
		);
	});

	test('429 is retried; a 500 is not (the annotation may exist: a retry could write it twice)', async () => {
		const sleeps = recordSleeps();
		const seen = posts(host, [
			[429, { error: 'Too many requests' }],
			[500, { error: 'Internal error' }],
		]);
		const result = await runAmplitude({ parameters: create({}, { retryAttempts: 5 }) });
		sleeps.restore();
		expect(seen.calls).toHaveLength(2);
		expect(result.error.message).toBe('Amplitude answered 500: Internal error [item 0]');
	});

	test('with continue on error the item fails alone with its status', async () => {
		posts(host, [
			[400, { error: { http_code: 400, type: 'invalid', message: 'Invalid field' } }],
			[200, ANSWER],
		]);
		const result = await runAmplitude({
			items: [{}, {}],
			parameters: create(),
			continueOnFail: true,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: false,
					error:
						'Amplitude answered 400: Invalid field [item 0]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
					code: 400,
				},
				pairedItem: { item: 0 },
			},
			expect.objectContaining({
				json: expect.objectContaining({ success: true, id: 939891 }),
				pairedItem: { item: 1 },
			}),
		]);
	});
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			'an empty label',
			{ label: '  ' },
			{},
			"'Label' is empty. Give the text to show on the charts [item 0]",
		],
		[
			'an unreadable start',
			{ start: 'soon' },
			{},
			`'Start' is not a valid date or time: "soon". Use an ISO date-time (2026-11-01T07:00:00+01:00), a date (2026-11-01 or 20261101), epoch milliseconds or an n8n date such as {{ $now }} [item 0]`,
		],
		[
			'an end before the start',
			{},
			{ end: '2026-11-30T12:00:00Z' },
			"'End' (2026-11-30T12:00:00+00:00) is before 'Start' (2026-11-30T14:00:00+01:00). Give an end after the start, or none [item 0]",
		],
	])('%s', async (_name, extra, options, message) => {
		const seen = posts(HOSTS.us.dashboard, [[200, ANSWER]]);
		const result = await runAmplitude({ parameters: create(extra, options) });
		expectOperationError(result, message);
		expect(seen.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const seen = posts(HOSTS.us.dashboard, [[200, ANSWER]]);
		const result = await runAmplitude({ parameters: create(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(seen.calls).toEqual([]);
	});
});
