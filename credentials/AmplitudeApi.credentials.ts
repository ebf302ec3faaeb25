import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { apiForUrl, type RegionCredentials } from '../nodes/Amplitude/transport/endpoints';

function toBase64(value: string): string {
	return Buffer.from(value, 'utf8').toString('base64');
}

/** `{"api_key":"…",` to put in place of the opening brace of a serialized JSON object. */
function apiKeyHead(apiKey: string, emptyObject: boolean): string {
	return `{"api_key":${JSON.stringify(apiKey)}${emptyObject ? '' : ','}`;
}

/**
 * Adds `api_key` to an ingestion body: an object (a form for Identify and Group Identify, or JSON),
 * or a compact JSON object already serialized as a Buffer or string (the node pre-serializes
 * event batches, so only the opening brace is replaced and the rest is reused as it is).
 */
function withApiKeyInBody(
	body: IHttpRequestOptions['body'],
	apiKey: string,
): IHttpRequestOptions['body'] {
	if (Buffer.isBuffer(body) && body[0] === 0x7b) {
		return Buffer.concat([Buffer.from(apiKeyHead(apiKey, body.length === 2)), body.subarray(1)]);
	}
	if (typeof body === 'string' && body.startsWith('{'))
		return apiKeyHead(apiKey, body === '{}') + body.slice(1);
	const current =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	return { api_key: apiKey, ...current };
}

export class AmplitudeApi implements ICredentialType {
	name = 'amplitudeApi';

	displayName = 'Amplitude API';

	icon: Icon = { light: 'file:../icons/amplitude.svg', dark: 'file:../icons/amplitude.dark.svg' };

	documentationUrl = 'https://amplitude.com/docs/apis/keys-and-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The project's API key (Amplitude: Settings → Projects → your project → General). Used to send events and identify users.",
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The project's secret key, from the same page. Needed only for the user lookups and analytics operations (Dashboard REST and User Profile APIs); it is never sent to the event ingestion hosts.",
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{
					name: 'US (Default)',
					value: 'us',
					description: 'api2.amplitude.com, amplitude.com, profile-api.amplitude.com',
				},
				{
					name: 'EU Data Residency',
					value: 'eu',
					description: 'api.eu.amplitude.com, analytics.eu.amplitude.com (no User Profile API)',
				},
				{
					name: 'Custom URLs',
					value: 'custom',
					description: 'A proxy or a local Amplitude-compatible server',
				},
			],
			default: 'us',
			description:
				"Where the project stores its data. Projects created in Amplitude's EU data center must use EU; a key used on the wrong region is rejected as invalid.",
		},
		{
			displayName: 'Ingestion URL',
			name: 'ingestionUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:18081',
			description: 'Base URL for /2/httpapi, /batch, /identify and /groupidentify',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Dashboard URL',
			name: 'dashboardUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:18081',
			description: 'Base URL for the Dashboard REST API (/api/2/...)',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'User Profile URL',
			name: 'profileUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:18081',
			description: 'Base URL for the User Profile API (/v1/userprofile)',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	/**
	 * Amplitude uses a different scheme per API, so the scheme is chosen from the request URL:
	 * ingestion gets `api_key` in its body, Dashboard REST gets Basic `apiKey:secretKey`, and the
	 * User Profile API gets `Api-Key <secretKey>`. URLs outside the credential's hosts get nothing.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url}`;
		const api = apiForUrl(credentials as RegionCredentials, url);
		const apiKey = String(credentials.apiKey ?? '');
		const secretKey = String(credentials.secretKey ?? '');
		if (api === 'ingestion') {
			return { ...requestOptions, body: withApiKeyInBody(requestOptions.body, apiKey) };
		}
		if (api === 'dashboard') {
			const headers = {
				...requestOptions.headers,
				Authorization: `Basic ${toBase64(`${apiKey}:${secretKey}`)}`,
			};
			return { ...requestOptions, headers };
		}
		if (api === 'profile') {
			return {
				...requestOptions,
				headers: { ...requestOptions.headers, Authorization: `Api-Key ${secretKey}` },
			};
		}
		return requestOptions;
	}

	// Read-only: lists the project's event types through the Dashboard API, which checks both keys
	// on the chosen region. It never writes an event into the project.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.region === "eu" ? "https://analytics.eu.amplitude.com" : $credentials.region === "custom" ? ($credentials.dashboardUrl || "").trim().replace(/\\/+$/, "") : "https://amplitude.com" }}',
			url: '/api/2/events/list',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Amplitude rejected the API key and secret key on this region. Check both keys (Settings → Projects → your project → General) and that Region matches where the project stores its data (US or EU).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Amplitude refused the API key and secret key on this region: the keys are wrong or the project lives in the other data region. Check both keys and switch Region between US and EU.',
				},
			},
		],
	};
}
