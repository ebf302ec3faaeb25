const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	n8nToday,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/2/deletions/users';
const HTML = { 'Content-Type': 'text/html; charset=UTF-8' };
const jobs = (extra = {}) => ({
	resource: 'user',
	operation: 'getDeletionJobs',
	start: '2026-11-01',
	end: '2026-12-31',
	...extra,
});

// GET /api/2/deletions/users as observed (NANGO get-user-deletion-jobs, 2026-06; docs example).
const JOBS = [
	{
		day: '2026-12-03',
		status: 'staging',
		app: '829528',
		active_scrub_done_date: null,
		amplitude_ids: [
			{
				amplitude_id: 356896327775,
				requested_on_day: '2026-11-17',
				requester: 'employee@yourcompany.com',
			},
		],
	},
	{
		day: '2026-11-10',
		status: 'done',
		app: '829528',
		active_scrub_done_date: '2026-11-10',
		amplitude_ids: [
			{ amplitude_id: 1610447902357, requested_on_day: '2026-10-28', requester: 'rest' },
		],
	},
];

describe.each(REGIONS)('User → Get Deletion Jobs on the %s region', (region, credentials) => {
	test('GETs the jobs of the range (YYYY-MM-DD) with Basic auth; one item per job, text/html read as JSON', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [
			200,
			JSON.stringify(JOBS),
			HTML,
		]);
		const result = await runAmplitude({ parameters: jobs(), credentials });

		expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}${PATH}?start_day=2026-11-01&end_day=2026-12-31`,
			query: { start_day: '2026-11-01', end_day: '2026-12-31' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual(JOBS.map((json) => ({ json, pairedItem: { item: 0 } })));
		expectNoSecrets(result.run, credentials);
	});
});

test('YYYYMMDD and ISO date-times are sent as YYYY-MM-DD', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, '[]', HTML]);
	await runAmplitude({ parameters: jobs({ start: '20261101', end: '2026-11-20T22:00:00Z' }) });
	expect(seen.calls[0].query).toEqual({ start_day: '2026-11-01', end_day: '2026-11-20' });
});

test("by default: the last 30 days to 30 days ahead, where a new request's job shows", async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, '[]', HTML]);
	const { start, end, ...rest } = jobs();
	const result = await runAmplitude({ parameters: rest });
	expect(result.status).toBe('success');
	expect(seen.calls[0].query).toEqual({
		start_day: n8nToday().minus({ days: 30 }).toFormat('yyyy-MM-dd'),
		end_day: n8nToday().plus({ days: 30 }).toFormat('yyyy-MM-dd'),
	});
});

test('no jobs: no items', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, '[]', HTML]);
	const result = await runAmplitude({ parameters: jobs() });
	expect(result.status).toBe('success');
	expect(result.output).toEqual([]);
});

test('Limit keeps the first jobs', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, JSON.stringify(JOBS), HTML]);
	const result = await runAmplitude({ parameters: jobs({ limit: 1 }) });
	expect(jsonOf(result)).toEqual([JOBS[0]]);
});

test('an answer that is not a list is an error', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, '<html>maintenance</html>', HTML]);
	const result = await runAmplitude({ parameters: jobs() });
	expect(result.status).toBe('error');
	expect(result.error.message).toBe('Amplitude answered 200 without a JSON array [item 0]');
});

test("Amplitude's 400 is the item's error", async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [
		400,
		{ error: { http_code: 400, type: 'invalid', message: 'The range may be at most 6 months' } },
	]);
	const result = await runAmplitude({ parameters: jobs(), continueOnFail: true });
	expect(jsonOf(result)).toEqual([
		{
			success: false,
			error:
				'Amplitude answered 400: The range may be at most 6 months [item 0]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
			code: 400,
		},
	]);
});

describe('bad input: a clear error before any request', () => {
	test.each([
		[
			{ start: '2026-01-01', end: '2026-07-02' },
			'The range 2026-01-01 to 2026-07-02 is longer than the 6 months Amplitude lists at once. End it by 2026-07-01, or list the rest in a second item [item 0]',
		],
		[
			{ start: '2026-02-01', end: '2026-01-31' },
			"'Start' (2026-02-01) is after 'End' (2026-01-31). Swap them or pick an earlier start [item 0]",
		],
		[
			{ start: 'yesterday' },
			`'Start' is not a valid date: "yesterday". Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }} [item 0]`,
		],
	])('%j', async (dates, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: jobs(dates) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});
});
