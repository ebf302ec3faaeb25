const { runAmplitude, jsonOf, US, EU } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');
const {
	US_WITHOUT_SECRET,
	PROFILE_BODY,
	profileAuth,
	expectNoSecrets,
	expectOneGet,
	expectOperationError,
	missingSecretMessage,
	trapAllHosts,
} = require('../../support/fixtures');

setupNock();

const PATH = '/v1/userprofile';
const profile = (extra = {}) => ({
	resource: 'user',
	operation: 'getProfile',
	userId: '12345',
	...extra,
});

const EXPECTED_PROFILE = {
	success: true,
	user_id: '12345',
	device_id: 'ffff-ffff-ffff-ffff',
	amp_props: {
		library: 'http/1.0',
		first_used: '2020-01-13',
		last_used: '2021-03-24',
		number_property: 12,
	},
	cohort_ids: ['cohort1', 'cohort3'],
	computations: null,
};

describe('Get User Profile on the us region', () => {
	test('GETs /v1/userprofile on the profile host with "Api-Key <secret key>" and maps userData', async () => {
		const seen = expectRequest(HOSTS.us.profile, 'GET', PATH, [200, PROFILE_BODY]);
		const result = await runAmplitude({ parameters: profile(), credentials: US });

		const call = expectOneGet(result, seen, {
			url: `${HOSTS.us.profile}${PATH}?user_id=12345`,
			query: { user_id: '12345' },
			authorization: profileAuth(US),
			credentials: US,
		});
		expect(call.headers.authorization).not.toContain(US.apiKey);
		// Only the documented keys: Amplitude's extra userData keys (recommendations …) are not top-level output.
		expect(result.output).toEqual([{ json: EXPECTED_PROFILE, pairedItem: { item: 0 } }]);
		expectNoSecrets(result.run, US);
	});

	test('the flags and the device ID go on the wire as get_*=true', async () => {
		const seen = expectRequest(HOSTS.us.profile, 'GET', PATH, [200, PROFILE_BODY]);
		const result = await runAmplitude({
			parameters: profile({
				deviceId: 'ffff-ffff-ffff-ffff',
				getAmpProps: true,
				getCohortIds: true,
				getComputations: true,
			}),
		});

		expect(result.status).toBe('success');
		expect(seen.calls[0].query).toEqual({
			user_id: '12345',
			device_id: 'ffff-ffff-ffff-ffff',
			get_amp_props: 'true',
			get_cohort_ids: 'true',
			get_computations: 'true',
		});
	});

	test('a device ID alone is enough, and flags left off are not sent', async () => {
		const seen = expectRequest(HOSTS.us.profile, 'GET', PATH, [
			200,
			{ userData: { user_id: null, device_id: 'device-0001', cohort_ids: ['c1'] } },
		]);
		const result = await runAmplitude({
			parameters: profile({ userId: '', deviceId: 'device-0001', getCohortIds: true }),
		});

		expect(seen.calls[0].query).toEqual({ device_id: 'device-0001', get_cohort_ids: 'true' });
		expect(jsonOf(result)).toEqual([
			{
				success: true,
				user_id: null,
				device_id: 'device-0001',
				amp_props: null,
				cohort_ids: ['c1'],
				computations: null,
			},
		]);
	});

	test('propensity and recommendation keys do not become top-level output keys', async () => {
		const body = {
			userData: {
				...PROFILE_BODY.userData,
				recommendations: [{ rec_id: 'r1', items: ['a'], is_control: false }],
				propensity: 42,
				propensities: [{ prop: 42, pred_id: 'p1', prop_type: 'score' }],
			},
		};
		expectRequest(HOSTS.us.profile, 'GET', PATH, [200, body]);
		const result = await runAmplitude({ parameters: profile() });
		expect(Object.keys(jsonOf(result)[0]).sort()).toEqual([
			'amp_props',
			'cohort_ids',
			'computations',
			'device_id',
			'success',
			'user_id',
		]);
	});

	test('an unknown user (200 with an error) fails the item as not found', async () => {
		expectRequest(HOSTS.us.profile, 'GET', PATH, [
			200,
			{ error: 'User id and device id not seen before' },
		]);
		const result = await runAmplitude({ parameters: profile() });

		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe(
			'Amplitude found no profile: User id and device id not seen before [item 0]',
		);
		expect(result.error.httpCode).toBe('404');
		expect(result.error.description).toBe(
			'Check the user ID or device ID, and that the credential belongs to the project that has this user.',
		);
	});

	test('an unknown user with continue on error gives the failure shape with code 404', async () => {
		expectRequest(HOSTS.us.profile, 'GET', PATH, [
			200,
			{ error: 'User id and device id not seen before' },
		]);
		const result = await runAmplitude({ parameters: profile(), continueOnFail: true });
		expect(result.output).toEqual([
			{
				json: {
					success: false,
					error:
						'Amplitude found no profile: User id and device id not seen before [item 0]. Check the user ID or device ID, and that the credential belongs to the project that has this user.',
					code: 404,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Get User Profile on the eu region', () => {
	test('fails with a clear NodeOperationError before any request', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: profile(), credentials: EU });

		expectOperationError(
			result,
			"Amplitude's User Profile API is not available in the EU data region. Use 'Get Activity' (User resource) for EU projects, or a US-region credential [item 0]",
		);
		expect(trap.calls).toEqual([]);
		expectNoSecrets(result.run, EU);
	});

	test('with continue on error every item fails with code null and nothing is sent', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			items: [{}, {}],
			parameters: profile(),
			credentials: EU,
			continueOnFail: true,
		});

		expect(trap.calls).toEqual([]);
		expect(
			result.output.map((item) => [item.pairedItem.item, item.json.success, item.json.code]),
		).toEqual([
			[0, false, null],
			[1, false, null],
		]);
		expect(result.output[1].json.error).toMatch(
			/^Amplitude's User Profile API is not available in the EU data region.*\[item 1\]$/,
		);
	});
});

describe('bad input is refused before any request', () => {
	test('neither user ID nor device ID', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({
			parameters: profile({ userId: '={{ $json.missing }}', deviceId: '  ' }),
		});
		expectOperationError(
			result,
			"Neither 'User ID' nor 'Device ID' is set. Give one of them to look up the profile [item 0]",
		);
		expect(trap.calls).toEqual([]);
	});

	test('a credential without a secret key', async () => {
		const trap = trapAllHosts();
		const result = await runAmplitude({ parameters: profile(), credentials: US_WITHOUT_SECRET });
		expectOperationError(result, missingSecretMessage('User Profile'));
		expect(trap.calls).toEqual([]);
		expectNoSecrets(result.run, US_WITHOUT_SECRET);
	});
});
