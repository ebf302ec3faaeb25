// API calls answer a redirect with an error instead of following it, so no key goes to another
// address: the API key travels in the body of ingestion requests, which a 307 or 308 would resend.
const nock = require('nock');
const { runAmplitude, US, EU } = require('../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../support/http');
const { expectNoSecrets } = require('../support/fixtures');

setupNock();

const ELSEWHERE = 'https://collector.example.net';
const DESCRIPTION =
	"Amplitude answered with a redirect the node does not follow: API calls follow none, so that the credential's keys go to no other address, and downloads follow at most 5 (without the keys). Check the credential's Region and, for a custom region, its URLs (https:// rather than http://, no trailing path).";

describe.each([
	['us', US],
	['eu', EU],
])('a redirect on the %s region', (region, credentials) => {
	test.each([307, 308, 302])(
		'Send Event answered %s: the item fails naming the redirect, nothing reaches its target',
		async (status) => {
			const seen = expectRequest(HOSTS[region].ingestion, 'POST', '/2/httpapi', [
				status,
				'',
				{ Location: `${ELSEWHERE}/2/httpapi` },
			]);
			const target = nock(ELSEWHERE).post(/.*/).reply(200, { code: 200 });
			const result = await runAmplitude({
				parameters: {
					resource: 'event',
					operation: 'send',
					eventType: 'signup',
					userId: 'user-42',
				},
				credentials,
			});
			expect(seen.calls).toHaveLength(1);
			expect(target.isDone()).toBe(false);
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(
				`1 of 1 items were not delivered to Amplitude (the other 0 were): Amplitude answered ${status}: a redirect to ${ELSEWHERE}/2/httpapi [item 0]`,
			);
			expect(result.error.description).toBe(
				`${DESCRIPTION} Turn on "Continue On Fail" (Settings → On Error → Continue) to get one result per item instead.`,
			);
			expectNoSecrets(result.run, credentials);
		},
	);

	test('a Dashboard read answered 302: an error naming the redirect, no request to its target', async () => {
		const seen = expectRequest(HOSTS[region].dashboard, 'GET', '/api/2/usersearch', [
			302,
			'',
			{ Location: `${ELSEWHERE}/login` },
		]);
		const target = nock(ELSEWHERE).get(/.*/).reply(200, {});
		const result = await runAmplitude({
			parameters: { resource: 'user', operation: 'search', user: 'alice' },
			credentials,
		});
		expect(seen.calls).toHaveLength(1);
		expect(target.isDone()).toBe(false);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			`Amplitude answered 302: a redirect to ${ELSEWHERE}/login [item 0]`,
		);
		expect(result.error.description).toBe(DESCRIPTION);
		expectNoSecrets(result.run, credentials);
	});
});
