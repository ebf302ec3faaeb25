/**
 * Amplitude's hosts per region and which API a request path belongs to.
 * Pure data and functions: shared by the credential (auth, test request) and the transport.
 */

export type AmplitudeApi = 'ingestion' | 'dashboard' | 'profile' | 'usermap' | 'experiment';
export type Region = 'us' | 'eu' | 'custom';

export interface RegionCredentials {
	region?: string;
	ingestionUrl?: string;
	dashboardUrl?: string;
	profileUrl?: string;
	experimentUrl?: string;
}

export const REGION_HOSTS: Record<'us' | 'eu', Record<AmplitudeApi, string | undefined>> = {
	us: {
		ingestion: 'https://api2.amplitude.com',
		dashboard: 'https://amplitude.com',
		profile: 'https://profile-api.amplitude.com',
		// User mapping writes go to api.amplitude.com, not the api2 ingestion host.
		usermap: 'https://api.amplitude.com',
		experiment: 'https://api.lab.amplitude.com',
	},
	// The User Profile API is not offered in Amplitude's EU data region.
	eu: {
		ingestion: 'https://api.eu.amplitude.com',
		dashboard: 'https://analytics.eu.amplitude.com',
		profile: undefined,
		usermap: 'https://api.eu.amplitude.com',
		experiment: 'https://api.lab.eu.amplitude.com',
	},
};

const CUSTOM_URL_FIELD: Record<AmplitudeApi, keyof RegionCredentials> = {
	ingestion: 'ingestionUrl',
	dashboard: 'dashboardUrl',
	profile: 'profileUrl',
	usermap: 'ingestionUrl',
	experiment: 'experimentUrl',
};

// baseUrlExpression trims custom URLs the same way.
function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** Base URL (no trailing slash) of one API for the credential's region, or undefined when the region has none. */
export function getBaseUrl(credentials: RegionCredentials, api: AmplitudeApi): string | undefined {
	const region = credentials.region ?? 'us';
	if (region === 'custom') {
		const value = credentials[CUSTOM_URL_FIELD[api]];
		return typeof value === 'string' && value.trim() !== '' ? trimSlash(value.trim()) : undefined;
	}
	const hosts = REGION_HOSTS[region as 'us' | 'eu'];
	return hosts ? hosts[api] : undefined;
}

// Dashboard REST, cohorts, privacy, annotations, releases and export all live under these.
const DASHBOARD_PATH = /\/api\/[235]\//;

/** The API a request path belongs to, judged by path alone. */
export function apiForPath(pathname: string): AmplitudeApi | undefined {
	if (DASHBOARD_PATH.test(pathname)) return 'dashboard';
	if (pathname.endsWith('/2/httpapi') || pathname.endsWith('/batch')) return 'ingestion';
	if (pathname.endsWith('/identify') || pathname.endsWith('/groupidentify')) return 'ingestion';
	if (pathname.endsWith('/usermap')) return 'usermap';
	if (pathname.endsWith('/v1/userprofile')) return 'profile';
	if (pathname.endsWith('/v1/vardata') || pathname.endsWith('/v1/flags')) return 'experiment';
	return undefined;
}

/**
 * The API a full request URL targets, or undefined when the URL is not under the credential's
 * base URL for the API its path names. Auth is only ever added for a defined result, so the
 * secret key cannot reach an ingestion host or any host the credential does not name.
 */
export function apiForUrl(credentials: RegionCredentials, url: string): AmplitudeApi | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	const api = apiForPath(parsed.pathname);
	if (!api) return undefined;
	const base = getBaseUrl(credentials, api);
	if (!base) return undefined;
	return url === base || url.startsWith(`${base}/`) ? api : undefined;
}

/** Host names of one region, for descriptions: "api2.amplitude.com, amplitude.com, …". */
export function regionHostNames(region: 'us' | 'eu'): string {
	return Object.values(REGION_HOSTS[region])
		.filter((url): url is string => url !== undefined)
		.map((url) => new URL(url).host)
		.join(', ');
}

/**
 * getBaseUrl as an n8n expression over `$credentials`, for the credential's declarative test
 * request (which cannot call code): the same hosts, and custom URLs trimmed the same way.
 */
export function baseUrlExpression(api: 'ingestion' | 'dashboard'): string {
	const custom = `($credentials.${CUSTOM_URL_FIELD[api]} || "").trim().replace(/\\/+$/, "")`;
	return `($credentials.region === "eu" ? ${JSON.stringify(REGION_HOSTS.eu[api])} : $credentials.region === "custom" ? ${custom} : ${JSON.stringify(REGION_HOSTS.us[api])})`;
}
