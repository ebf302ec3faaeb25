const {
	REGION_HOSTS,
	getBaseUrl,
	apiForPath,
	apiForUrl,
} = require('../../dist/nodes/Amplitude/transport/endpoints');

const CUSTOM = {
	region: 'custom',
	ingestionUrl: 'http://127.0.0.1:18081',
	dashboardUrl: 'http://127.0.0.1:18082/',
	profileUrl: ' http://127.0.0.1:18083// ',
};

test('REGION_HOSTS is exactly Amplitude’s host table', () => {
	expect(REGION_HOSTS).toEqual({
		us: {
			ingestion: 'https://api2.amplitude.com',
			dashboard: 'https://amplitude.com',
			profile: 'https://profile-api.amplitude.com',
			usermap: 'https://api.amplitude.com',
			experiment: 'https://api.lab.amplitude.com',
		},
		eu: {
			ingestion: 'https://api.eu.amplitude.com',
			dashboard: 'https://analytics.eu.amplitude.com',
			profile: undefined,
			usermap: 'https://api.eu.amplitude.com',
			experiment: 'https://api.lab.eu.amplitude.com',
		},
	});
	expect(Object.keys(REGION_HOSTS.eu)).toContain('profile');
});

describe('getBaseUrl', () => {
	test.each([
		['us', 'ingestion', 'https://api2.amplitude.com'],
		['us', 'dashboard', 'https://amplitude.com'],
		['us', 'profile', 'https://profile-api.amplitude.com'],
		['eu', 'ingestion', 'https://api.eu.amplitude.com'],
		['eu', 'dashboard', 'https://analytics.eu.amplitude.com'],
		['eu', 'profile', undefined],
	])('%s %s → %s', (region, api, expected) => {
		expect(getBaseUrl({ region }, api)).toBe(expected);
	});

	test('no region means US', () => {
		expect(getBaseUrl({}, 'dashboard')).toBe('https://amplitude.com');
	});

	test('an unknown region has no hosts', () => {
		expect(getBaseUrl({ region: 'apac' }, 'ingestion')).toBeUndefined();
	});

	test('custom URLs are trimmed of spaces and trailing slashes', () => {
		expect(getBaseUrl(CUSTOM, 'ingestion')).toBe('http://127.0.0.1:18081');
		expect(getBaseUrl(CUSTOM, 'dashboard')).toBe('http://127.0.0.1:18082');
		expect(getBaseUrl(CUSTOM, 'profile')).toBe('http://127.0.0.1:18083');
	});

	test('an empty or missing custom URL gives undefined', () => {
		expect(getBaseUrl({ region: 'custom', ingestionUrl: '  ' }, 'ingestion')).toBeUndefined();
		expect(getBaseUrl({ region: 'custom' }, 'dashboard')).toBeUndefined();
	});
});

describe('apiForPath', () => {
	test.each([
		['/2/httpapi', 'ingestion'],
		['/batch', 'ingestion'],
		['/identify', 'ingestion'],
		['/groupidentify', 'ingestion'],
		['/proxy/2/httpapi', 'ingestion'],
		['/api/2/usersearch', 'dashboard'],
		['/api/2/useractivity', 'dashboard'],
		['/api/2/events/segmentation', 'dashboard'],
		['/api/2/users', 'dashboard'],
		['/api/2/realtime', 'dashboard'],
		['/api/2/events/list', 'dashboard'],
		['/api/2/revenue/ltv', 'dashboard'],
		['/v1/userprofile', 'profile'],
		['/api/3/chart/abc123/csv', 'dashboard'],
		['/api/3/cohorts', 'dashboard'],
		['/api/5/cohorts/request/abc', 'dashboard'],
		['/api/2/usermap', 'dashboard'],
		['/usermap', 'usermap'],
		['/v1/vardata', 'experiment'],
		['/v1/flags', 'experiment'],
		['/', undefined],
		['/api/4/x', undefined],
		['/v1/other', undefined],
	])('%s → %s', (path, expected) => {
		expect(apiForPath(path)).toBe(expected);
	});
});

describe('apiForUrl', () => {
	test.each([
		[{ region: 'us' }, 'https://api2.amplitude.com/2/httpapi', 'ingestion'],
		[{ region: 'us' }, 'https://amplitude.com/api/2/usersearch?user=x', 'dashboard'],
		[{ region: 'us' }, 'https://profile-api.amplitude.com/v1/userprofile?user_id=u', 'profile'],
		[{ region: 'eu' }, 'https://api.eu.amplitude.com/groupidentify', 'ingestion'],
		[{ region: 'eu' }, 'https://analytics.eu.amplitude.com/api/2/users', 'dashboard'],
		[CUSTOM, 'http://127.0.0.1:18081/batch', 'ingestion'],
		[CUSTOM, 'http://127.0.0.1:18082/api/2/realtime', 'dashboard'],
		[CUSTOM, 'http://127.0.0.1:18083/v1/userprofile', 'profile'],
		[{ region: 'us' }, 'https://api.amplitude.com/usermap', 'usermap'],
		[{ region: 'eu' }, 'https://api.eu.amplitude.com/usermap', 'usermap'],
		[CUSTOM, 'http://127.0.0.1:18081/usermap', 'usermap'],
		[{ region: 'us' }, 'https://api.lab.amplitude.com/v1/vardata', 'experiment'],
		[{ region: 'eu' }, 'https://api.lab.eu.amplitude.com/v1/vardata', 'experiment'],
		[
			{ region: 'custom', experimentUrl: 'http://127.0.0.1:9/' },
			'http://127.0.0.1:9/v1/vardata',
			'experiment',
		],
	])('%j %s → %s', (credentials, url, expected) => {
		expect(apiForUrl(credentials, url)).toBe(expected);
	});

	test.each([
		// A dashboard path on the ingestion host, and the other way round.
		[{ region: 'us' }, 'https://api2.amplitude.com/api/2/usersearch'],
		[{ region: 'us' }, 'https://amplitude.com/2/httpapi'],
		// The other region's hosts.
		[{ region: 'us' }, 'https://analytics.eu.amplitude.com/api/2/users'],
		[{ region: 'eu' }, 'https://amplitude.com/api/2/users'],
		// User mapping writes go to api.amplitude.com, not the api2 ingestion host.
		[{ region: 'us' }, 'https://api2.amplitude.com/usermap'],
		// Experiment paths only on the Experiment host.
		[{ region: 'us' }, 'https://amplitude.com/v1/vardata'],
		// EU has no profile host.
		[{ region: 'eu' }, 'https://profile-api.amplitude.com/v1/userprofile'],
		// Look-alike hosts.
		[{ region: 'us' }, 'https://amplitude.com.evil.example/api/2/users'],
		[{ region: 'us' }, 'https://amplitude.com@evil.example/api/2/users'],
		[{ region: 'us' }, 'http://amplitude.com/api/2/users'],
		[CUSTOM, 'http://127.0.0.1:180820/api/2/users'],
		// Custom URLs are per API.
		[CUSTOM, 'http://127.0.0.1:18081/api/2/users'],
		[{ region: 'custom', ingestionUrl: 'http://127.0.0.1:1' }, 'http://127.0.0.1:1/v1/userprofile'],
		// Unknown paths and unparsable URLs.
		[{ region: 'us' }, 'https://amplitude.com/login'],
		[{ region: 'us' }, '/api/2/users'],
		[{ region: 'us' }, 'not a url'],
	])('%j %s → undefined', (credentials, url) => {
		expect(apiForUrl(credentials, url)).toBeUndefined();
	});
});
