import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	apiForUrl,
	baseUrlExpression,
	regionHostNames,
	type RegionCredentials,
} from '../nodes/Amplitude/transport/endpoints';

const KEYS_PAGE = 'Amplitude: Settings → Projects → your project → General';

// The test request checks what the credential holds: with a secret key, a read-only Dashboard
// call checks both keys; with only an API key, an ingestion request that cannot ingest anything
// (its one event has no user or device ID, which Amplitude requires) checks the API key. Both
// are read by n8n as expressions over $credentials.
const HAS_SECRET = '($credentials.secretKey || "").trim() !== ""';
const TEST_EVENT =
	'{ "events": [{ "event_type": "n8n credential test (no user or device ID: never ingested)" }] }';
const onlyApiKey = (message: string) =>
	`${message} Only the API key was checked: the credential has no secret key.`;

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
			displayName: 'Project ID',
			name: 'projectId',
			type: 'number',
			default: 0,
			description:
				"The project's numeric ID (Amplitude: Settings → Projects → your project). Needed only to upload cohorts.",
		},
		// A server deployment key evaluates every flag of the deployment: a secret, whatever its name says.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Deployment Key',
			name: 'deploymentKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A server deployment key of Amplitude Experiment (Experiment → Deployments), to evaluate feature flags and experiments. Sent only to the Experiment hosts.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{
					name: 'US (Default)',
					value: 'us',
					description: regionHostNames('us'),
				},
				{
					name: 'EU Data Residency',
					value: 'eu',
					description: `${regionHostNames('eu')} (no User Profile API)`,
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
			description: 'Base URL for /2/httpapi, /batch, /identify, /groupidentify and /usermap',
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
		{
			displayName: 'Experiment URL',
			name: 'experimentUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:18081',
			description: 'Base URL for Experiment evaluation (/v1/vardata)',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	/**
	 * Amplitude uses a different scheme per API, so the scheme is chosen from the request URL:
	 * ingestion and user mapping get `api_key` in their body, Dashboard REST gets Basic
	 * `apiKey:secretKey`, the User Profile API `Api-Key <secretKey>` and Experiment
	 * `Api-Key <deploymentKey>`. URLs outside the credential's hosts get nothing.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url}`;
		const api = apiForUrl(credentials as RegionCredentials, url);
		const apiKey = String(credentials.apiKey ?? '');
		const secretKey = String(credentials.secretKey ?? '');
		const withHeader = (Authorization: string) => ({
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization },
		});
		switch (api) {
			case 'ingestion':
			case 'usermap':
				return { ...requestOptions, body: withApiKeyInBody(requestOptions.body, apiKey) };
			case 'dashboard':
				return withHeader(`Basic ${toBase64(`${apiKey}:${secretKey}`)}`);
			case 'profile':
				return withHeader(`Api-Key ${secretKey}`);
			case 'experiment':
				return withHeader(`Api-Key ${String(credentials.deploymentKey ?? '')}`);
			default:
				return requestOptions;
		}
	}

	test: ICredentialTestRequest = {
		request: {
			method: `={{ ${HAS_SECRET} ? "GET" : "POST" }}` as IHttpRequestOptions['method'],
			baseURL: `={{ ${HAS_SECRET} ? ${baseUrlExpression('dashboard')} : ${baseUrlExpression('ingestion')} }}`,
			url: `={{ ${HAS_SECRET} ? "/api/2/events/list" : "/2/httpapi" }}`,
			body: `={{ ${HAS_SECRET} ? undefined : ${TEST_EVENT} }}` as unknown as IDataObject,
			json: true,
			// Amplitude answers the ingestion check with 400 (the event has no ID) or 200 (nothing
			// ingested) for a good key; the rules below read its answer instead.
			ignoreHttpStatusErrors: `={{ !(${HAS_SECRET}) }}` as unknown as boolean,
		},
		// n8n checks every rule whatever its type; its typing only allows one type per list.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `Amplitude rejected the API key and secret key on this region. Check both keys (${KEYS_PAGE}) and that Region matches where the project stores its data (US or EU).`,
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
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Invalid API key',
					message: onlyApiKey(
						`Amplitude did not accept the API key on this region. Check the API key (${KEYS_PAGE}) and that Region matches where the project stores its data (US or EU).`,
					),
				},
			},
			...[403, 404, 413, 429, 500, 502, 503, 504].map((code) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'code',
					value: code,
					message: onlyApiKey(
						code === 404
							? 'No Amplitude ingestion API answered at this address (404). Check Region, or the Ingestion URL of a custom region.'
							: code >= 500 || code === 429
								? `Amplitude could not check the key just now (${code}). Try again in a minute.`
								: `Amplitude refused the check (${code}). Check the API key and Region.`,
					),
				},
			})),
			{
				// A body that is a web page, not Amplitude's JSON: its first character is "<".
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '<',
					message:
						"The address answered with a web page, not Amplitude's API. Check Region, or the URLs of a custom region.",
				},
			},
		] as unknown as ICredentialTestRequest['rules'],
	};
}
