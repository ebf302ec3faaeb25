const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	ACTIVITY_BODY,
	USER_DATA,
	activityEvents,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	route,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/api/2/useractivity';
const activity = (extra = {}) => ({
	resource: 'user',
	operation: 'getActivity',
	amplitudeId: '123456789',
	...extra,
});

describe.each(REGIONS)('Get User Activity on the %s region', (region, credentials) => {
	test('GETs /api/2/useractivity with the defaults (offset 0, limit 50, latest) and maps the answer', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', PATH, [200, ACTIVITY_BODY]);
		const result = await runAmplitude({ parameters: activity(), credentials });

		const call = expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}${PATH}?user=123456789&offset=0&limit=50&direction=latest`,
			query: { user: '123456789', offset: '0', limit: '50', direction: 'latest' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: { success: true, events: ACTIVITY_BODY.events, user_data: USER_DATA },
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});
});

test('offset, limit and direction go on the wire as set', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, ACTIVITY_BODY]);
	const result = await runAmplitude({
		parameters: activity({ offset: 20, limit: 100, direction: 'earliest' }),
	});

	expect(result.status).toBe('success');
	expect(seen.calls.map((call) => call.query)).toEqual([
		{ user: '123456789', offset: '20', limit: '100', direction: 'earliest' },
	]);
});

test('the Amplitude ID may come from an expression as a number', async () => {
	const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, ACTIVITY_BODY]);
	const result = await runAmplitude({
		items: [{ match: { amplitude_id: 987654321 } }],
		parameters: activity({ amplitudeId: '={{ $json.match.amplitude_id }}' }),
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].query.user).toBe('987654321');
});

test("an unknown Amplitude ID gives empty events and Amplitude's empty user data", async () => {
	const empty = {
		userData: { user_id: null, canonical_amplitude_id: 0, num_events: 0, num_sessions: 0 },
		events: [],
	};
	expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, empty]);
	const result = await runAmplitude({ parameters: activity() });
	expect(jsonOf(result)).toEqual([{ success: true, events: [], user_data: empty.userData }]);
});

describe('Return All', () => {
	test('pages by offset, 1000 at a time, until a short page, and merges the events', async () => {
		const pages = [activityEvents(1000, 0), activityEvents(1000, 1000), activityEvents(3, 2000)];
		const seen = route(HOSTS.us.dashboard, PATH, (_call, index) => [
			200,
			{ userData: { ...USER_DATA, page: index }, events: pages[index] },
		]);
		const result = await runAmplitude({
			parameters: activity({ returnAll: true, limit: 10, direction: 'earliest' }),
		});

		expect(result.status).toBe('success');
		expect(seen.calls.map((call) => call.query)).toEqual([
			{ user: '123456789', offset: '0', limit: '1000', direction: 'earliest' },
			{ user: '123456789', offset: '1000', limit: '1000', direction: 'earliest' },
			{ user: '123456789', offset: '2000', limit: '1000', direction: 'earliest' },
		]);
		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		const json = result.output[0].json;
		expect(Object.keys(json).sort()).toEqual(['events', 'success', 'user_data']);
		expect(json.success).toBe(true);
		expect(json.user_data).toEqual({ ...USER_DATA, page: 0 });
		expect(json.events).toHaveLength(2003);
		expect(json.events).toEqual([...pages[0], ...pages[1], ...pages[2]]);
	});

	test('starts at the given offset and moves on by what came back, even past the limit', async () => {
		// Amplitude may return more than the limit so as not to cut a session.
		const pages = [activityEvents(1001, 0), activityEvents(0)];
		const seen = route(HOSTS.us.dashboard, PATH, (_call, index) => [
			200,
			{ userData: USER_DATA, events: pages[index] },
		]);
		const result = await runAmplitude({ parameters: activity({ returnAll: true, offset: 500 }) });

		expect(seen.calls.map((call) => [call.query.offset, call.query.limit])).toEqual([
			['500', '1000'],
			['1501', '1000'],
		]);
		expect(jsonOf(result)[0].events).toHaveLength(1001);
	});

	test('a first page shorter than 1000 is the only request', async () => {
		const seen = route(HOSTS.us.dashboard, PATH, () => [200, ACTIVITY_BODY]);
		const result = await runAmplitude({ parameters: activity({ returnAll: true }) });

		expect(seen.calls).toHaveLength(1);
		expect(jsonOf(result)).toEqual([
			{ success: true, events: ACTIVITY_BODY.events, user_data: USER_DATA },
		]);
	});

	test('a failing later page fails the item (no partial result)', async () => {
		const seen = route(HOSTS.us.dashboard, PATH, (_call, index) =>
			index === 0
				? [200, { userData: USER_DATA, events: activityEvents(1000) }]
				: [400, { error: 'Invalid offset' }],
		);
		const result = await runAmplitude({
			parameters: activity({ returnAll: true }),
			continueOnFail: true,
		});

		expect(seen.calls).toHaveLength(2);
		expect(jsonOf(result)).toEqual([
			{
				success: false,
				error:
					'Amplitude answered 400: Invalid offset [item 0]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
				code: 400,
			},
		]);
	});
});

describe('bad input is refused before any request', () => {
	const notNumeric = (value) =>
		`'Amplitude ID' must be Amplitude's numeric user ID, but it is "${value}". Look it up with User → Search, which returns matches[].amplitude_id [item 0]`;

	test.each([
		[
			'a user ID instead of the Amplitude ID',
			{ amplitudeId: 'alice@example.com' },
			notNumeric('alice@example.com'),
		],
		['a negative Amplitude ID', { amplitudeId: '-5' }, notNumeric('-5')],
		['an Amplitude ID with a decimal point', { amplitudeId: '12.5' }, notNumeric('12.5')],
		[
			'an empty Amplitude ID from an expression',
			{ amplitudeId: '={{ $json.missing }}' },
			notNumeric(''),
		],
		[
			'a limit of 0',
			{ limit: 0 },
			"'Limit' must be a whole number from 1 to 1000, but it is 0 [item 0]",
		],
		[
			'a limit over 1000',
			{ limit: 1001 },
			"'Limit' must be a whole number from 1 to 1000, but it is 1001 [item 0]",
		],
		[
			'a limit that is not whole',
			{ limit: 2.5 },
			"'Limit' must be a whole number from 1 to 1000, but it is 2.5 [item 0]",
		],
		[
			'a negative offset',
			{ offset: -1 },
			"'Offset' must be a whole number of 0 or more, but it is -1 [item 0]",
		],
	])('%s', async (_name, extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: activity(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: activity(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	});

	test('with continue on error the bad item fails alone with code null', async () => {
		const seen = expectRequest(HOSTS.us.dashboard, 'GET', PATH, [200, ACTIVITY_BODY]);
		const items = [{ id: 'alice' }, { id: '123456789' }];
		const result = await runAmplitude({
			items,
			continueOnFail: true,
			parameters: activity({ amplitudeId: '={{ $json.id }}' }),
		});

		expect(seen.calls.map((call) => call.query.user)).toEqual(['123456789']);
		expect(result.output).toEqual([
			{ json: { success: false, error: notNumeric('alice'), code: null }, pairedItem: { item: 0 } },
			{
				json: { success: true, events: ACTIVITY_BODY.events, user_data: USER_DATA },
				pairedItem: { item: 1 },
			},
		]);
	});
});
