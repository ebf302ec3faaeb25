const { runAmplitude, jsonOf } = require('../../support/harness');
const { nock, HOSTS, setupNock } = require('../../support/http');
const {
	REGIONS,
	US_WITHOUT_SECRET,
	dashboardAuth,
	expectNoSecrets,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const HTML = { 'Content-Type': 'text/html; charset=UTF-8' };
const cancel = (extra = {}) => ({
	resource: 'user',
	operation: 'cancelDeletion',
	amplitudeId: '1610452207136',
	jobDay: '2026-12-12',
	...extra,
});
// DELETE /api/2/deletions/users/{id}/{day} as observed (NANGO delete-user-from-deletion-job, 2026-06).
const REMOVED = { amplitude_id: 1610452207136, requested_on_day: '2026-11-30', requester: 'test' };

function deletes(host, path, reply) {
	const calls = [];
	nock(host)
		.delete(path)
		.reply(function () {
			calls.push({ method: this.req.method, headers: this.req.headers });
			return reply;
		});
	return calls;
}

describe.each(REGIONS)('User → Cancel Deletion on the %s region', (region, credentials) => {
	test('DELETEs the user from the job with Basic auth and says what was removed', async () => {
		const calls = deletes(
			HOSTS[region].dashboard,
			'/api/2/deletions/users/1610452207136/2026-12-12',
			[200, JSON.stringify(REMOVED), HTML],
		);
		const result = await runAmplitude({ parameters: cancel(), credentials });

		expect(result.status).toBe('success');
		expect(calls).toHaveLength(1);
		expect(calls[0].method).toBe('DELETE');
		expect(calls[0].headers.authorization).toBe(dashboardAuth(credentials));
		expect(result.output).toEqual([
			{
				json: {
					success: true,
					amplitude_id: 1610452207136,
					day: '2026-12-12',
					requested_on_day: '2026-11-30',
					requester: 'test',
				},
				pairedItem: { item: 0 },
			},
		]);
		expectNoSecrets(result.run, credentials);
	});
});

test('the job day may be YYYYMMDD or an ISO date-time; the Amplitude ID a number', async () => {
	const calls = deletes(HOSTS.us.dashboard, '/api/2/deletions/users/356896327775/2026-12-03', [
		200,
		JSON.stringify(REMOVED),
		HTML,
	]);
	const result = await runAmplitude({
		items: [{ id: 356896327775, day: '20261203' }],
		parameters: cancel({ amplitudeId: '={{ $json.id }}', jobDay: '={{ $json.day }}' }),
	});
	expect(calls).toHaveLength(1);
	expect(jsonOf(result)[0]).toMatchObject({ amplitude_id: 356896327775, day: '2026-12-03' });
});

test("a job past staging: Amplitude's refusal is the item's error", async () => {
	deletes(HOSTS.us.dashboard, '/api/2/deletions/users/1610452207136/2026-12-12', [
		400,
		{
			error: {
				http_code: 400,
				type: 'invalid',
				message: 'The job is submitted; only staging jobs can change',
			},
		},
	]);
	const result = await runAmplitude({ parameters: cancel(), continueOnFail: true });
	expect(jsonOf(result)).toEqual([
		{
			success: false,
			error:
				'Amplitude answered 400: The job is submitted; only staging jobs can change [item 0]. Amplitude rejected the request as invalid. Check the parameters named in the message.',
			code: 400,
		},
	]);
});

test('a 404: no such job or user in it, said so', async () => {
	deletes(HOSTS.us.dashboard, '/api/2/deletions/users/1610452207136/2026-12-12', [
		404,
		{
			error: {
				http_code: 404,
				type: 'not_found',
				message: 'User 1610452207136 is not in the job of 2026-12-12',
			},
		},
	]);
	const result = await runAmplitude({ parameters: cancel() });
	expect(result.status).toBe('error');
	expect(result.error.message).toBe(
		'Amplitude answered 404: User 1610452207136 is not in the job of 2026-12-12 [item 0]',
	);
	expect(result.error.description).toBe(
		'Amplitude has no deletion job on 2026-12-12 holding Amplitude ID 1610452207136. Check both with User → Get Deletion Jobs.',
	);
});

describe('bad input: a clear error before any request', () => {
	test.each([
		[
			{ amplitudeId: 'alice@example.com' },
			`'Amplitude ID' must be an Amplitude ID, Amplitude's numeric user ID, but it is "alice@example.com". Delete and Get Deletion Jobs output each user's amplitude_id [item 0]`,
		],
		[
			{ jobDay: 'next week' },
			`'Job Day' is not a valid date: "next week". Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }} [item 0]`,
		],
	])('%j', async (extra, message) => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: cancel(extra) });
		expectOperationError(result, message);
		expect(trap.calls).toEqual([]);
	});

	test('without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: cancel(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('Dashboard REST'));
		expect(trap.calls).toEqual([]);
	});
});
