const { runAmplitude, jsonOf } = require('../../support/harness');
const { nock, HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	SEARCH_BODY,
	NO_MATCH_BODY,
	dashboardAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const search = (user) => ({ resource: 'user', operation: 'search', user });

describe.each(REGIONS)('Search Users on the %s region', (region, credentials) => {
	test('GETs /api/2/usersearch?user=… with Basic auth and returns the matches', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', '/api/2/usersearch', [
			200,
			SEARCH_BODY,
		]);
		const result = await runAmplitude({ parameters: search('alice@example'), credentials });

		const call = expectOneGet(result, seen, {
			url: `${HOSTS[region].dashboard}/api/2/usersearch?user=alice%40example`,
			query: { user: 'alice@example' },
			authorization: dashboardAuth(credentials),
			credentials,
		});
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					matches: [
						{ user_id: 'alice@example.com', amplitude_id: 123456789 },
						{ user_id: 'alice@example.org', amplitude_id: 987654321 },
					],
					type: 'match_user_prefix',
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});
});

test('no match is a success with no matches and type "nomatch"', async () => {
	expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/usersearch', [200, NO_MATCH_BODY]);
	const result = await runAmplitude({ parameters: search('nobody') });
	expect(result.output).toEqual([
		{ json: { success: true, matches: [], type: 'nomatch' }, pairedItem: { item: 0 } },
	]);
});

test('the user comes from an expression over each item, trimmed, and each output is paired', async () => {
	const seen = { calls: [] };
	nock(HOSTS.us.dashboard)
		.persist()
		.get('/api/2/usersearch')
		.query(true)
		.reply(function (uri) {
			const user = new URL(uri, HOSTS.us.dashboard).searchParams.get('user');
			seen.calls.push(user);
			return [
				200,
				{
					matches: [{ user_id: user, amplitude_id: user.length }],
					type: 'match_user_or_device_id',
				},
			];
		});
	const items = [{ email: ' bob@example.com ' }, { email: 'carol@example.com' }];
	const result = await runAmplitude({ items, parameters: search('={{ $json.email }}') });

	expect(seen.calls.sort()).toEqual(['bob@example.com', 'carol@example.com']);
	expect(result.output).toEqual([
		{
			json: {
				success: true,
				matches: [{ user_id: 'bob@example.com', amplitude_id: 15 }],
				type: 'match_user_or_device_id',
			},
			pairedItem: { item: 0 },
		},
		{
			json: {
				success: true,
				matches: [{ user_id: 'carol@example.com', amplitude_id: 17 }],
				type: 'match_user_or_device_id',
			},
			pairedItem: { item: 1 },
		},
	]);
});

describe('bad input is refused before any request', () => {
	test.each([
		['a blank user', '   '],
		['an expression that gives nothing', '={{ $json.missing }}'],
		['an expression that gives an empty string', '={{ "" }}'],
	])('%s', async (_name, user) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: search(user) });
		expectOperationError(
			result,
			"'User' is empty. Give a user ID, device ID, Amplitude ID or the start of a user ID [item 0]",
		);
		expect(trap.calls).toEqual([]);
	});

	test('the failing item is the one named, and only the good item is requested', async () => {
		const seen = expectRequest(HOSTS.us.dashboard, 'GET', '/api/2/usersearch', [200, SEARCH_BODY]);
		const result = await runAmplitude({
			items: [{ q: 'alice' }, { q: '' }],
			parameters: search('={{ $json.q }}'),
		});
		expectOperationError(
			result,
			"'User' is empty. Give a user ID, device ID, Amplitude ID or the start of a user ID [item 1]",
			1,
		);
		expect(seen.calls.map((call) => call.query)).toEqual([{ user: 'alice' }]);
	});

	test('a credential without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			parameters: search('alice'),
			credentials: US_WITHOUT_SECRET,
		});
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
		expect(jsonOf(result)).toEqual([]);
	});
});
