const { NodeApiError } = require('n8n-workflow');
const {
	amplitudeMessage,
	describeFailure,
	toNodeApiError,
} = require('../../dist/nodes/Amplitude/transport/errors');
const { secretsOf } = require('../../dist/nodes/Amplitude/transport/redact');

const API_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5';
const SECRETS = secretsOf(API_KEY, SECRET);
const response = (statusCode, body) => ({ statusCode, headers: {}, body });

describe('amplitudeMessage', () => {
	test.each([
		['plain text', '  Invalid Api-Key  ', 'Invalid Api-Key'],
		['{error: string}', { code: 400, error: 'Invalid API key' }, 'Invalid API key'],
		[
			'{error: {message, metadata.details}}',
			{
				error: {
					http_code: 400,
					type: 'invalid',
					message: 'Invalid chart definition',
					metadata: { details: 'e is required' },
				},
			},
			'Invalid chart definition: e is required',
		],
		[
			'{error: {message}}',
			{ error: { message: 'Invalid chart definition', metadata: {} } },
			'Invalid chart definition',
		],
		[
			'{error: {metadata.details}} without a message (a 403)',
			{
				error: {
					http_code: 403,
					type: 'unspecified',
					metadata: { details: 'Invalid API/Secret Key combination' },
				},
			},
			'Invalid API/Secret Key combination',
		],
		['{message}', { message: 'Too many requests' }, 'Too many requests'],
		[
			'profile error',
			{ error: 'User id and device id not seen before' },
			'User id and device id not seen before',
		],
	])('%s', (_, body, expected) => {
		expect(amplitudeMessage(body)).toBe(expected);
	});

	test('long text is cut at 500 characters', () => {
		expect(amplitudeMessage('x'.repeat(600))).toBe('x'.repeat(500));
	});

	test.each([
		[''],
		['  '],
		[undefined],
		[null],
		[42],
		[{}],
		[{ error: {} }],
		[{ error: 5 }],
		[[1]],
	])('%j has no message', (body) => {
		expect(amplitudeMessage(body)).toBeUndefined();
	});
});

describe('describeFailure', () => {
	test('401 and 403 from the Dashboard name both keys and the region', () => {
		for (const status of [401, 403]) {
			expect(
				describeFailure('dashboard', response(status, { error: 'Forbidden' }), SECRETS),
			).toEqual({
				code: status,
				message: `Amplitude answered ${status}: Forbidden`,
				description:
					'The Dashboard REST API refused the API key and secret key. Check both keys in the credential (Settings → Projects → your project → General) and that Region (US or EU) is where the project stores its data; keys of an EU project fail on the US hosts and the other way round.',
			});
		}
	});

	test('401 from the User Profile API names the secret key and the Api-Key scheme', () => {
		expect(describeFailure('profile', response(401, 'Invalid Api-Key'), SECRETS)).toEqual({
			code: 401,
			message: 'Amplitude answered 401: Invalid Api-Key',
			description:
				'The User Profile API refused the secret key (sent as "Authorization: Api-Key <secret key>"). Check the Secret Key in the credential (Settings → Projects → your project → General); the API is US-only.',
		});
	});

	test('ingestion "Invalid API key" names the API key and the region', () => {
		expect(
			describeFailure('ingestion', response(400, { code: 400, error: 'Invalid API key' }), SECRETS),
		).toEqual({
			code: 400,
			message: 'Amplitude answered 400: Invalid API key',
			description:
				'Amplitude did not accept the API key. Check the API key in the Amplitude API credential (Settings → Projects → your project → General) and that its Region (US or EU) is where the project stores its data.',
		});
	});

	test('ingestion 403 is the firewall', () => {
		expect(
			describeFailure('ingestion', response(403, { code: 403, error: 'Forbidden' }), SECRETS)
				.description,
		).toBe(
			'Amplitude refused the request (403 is returned when a request is blocked by its firewall). Check the credential region and the data sent.',
		);
	});

	test('no answer (0) says Amplitude could not be reached', () => {
		expect(
			describeFailure(
				'dashboard',
				{
					statusCode: 0,
					headers: {},
					body: undefined,
					failure: 'connect ECONNREFUSED 127.0.0.1:1',
				},
				SECRETS,
			),
		).toEqual({
			code: null,
			message: 'Could not reach Amplitude: connect ECONNREFUSED 127.0.0.1:1',
			description:
				'The request got no answer after all retries. Check the network and the credential region or custom URLs.',
		});
		expect(
			describeFailure('ingestion', { statusCode: 0, headers: {}, body: undefined }, SECRETS)
				.message,
		).toBe('Could not reach Amplitude: no answer');
	});

	test.each([
		[
			'ingestion',
			404,
			'Amplitude has no such endpoint at this address. Check the credential region, and the URLs if the region is custom.',
		],
		[
			'ingestion',
			429,
			'Amplitude is throttling these users or devices (HTTP V2 allows about 30 events per second per user or device). Send fewer events per user per second, use Options → Use Batch API for backfills, or allow more retries.',
		],
		[
			'dashboard',
			429,
			"Amplitude's rate limit for this project was hit (5 concurrent Dashboard requests, 360 user searches or activity queries per hour, and a query cost budget). Wait and run again, or query less at once.",
		],
		[
			'ingestion',
			413,
			'The request was larger than Amplitude accepts. Lower Options → Batch Size or send smaller events.',
		],
		[
			'dashboard',
			504,
			'The query was too large for Amplitude to answer in time. Shorten the date range or remove the group-by.',
		],
		[
			'ingestion',
			504,
			'Amplitude had a server error and retries did not get through. Try again later; resent events are deduplicated by insert_id.',
		],
		[
			'ingestion',
			500,
			'Amplitude had a server error and retries did not get through. Try again later; resent events are deduplicated by insert_id.',
		],
		[
			'profile',
			500,
			'Amplitude had a server error and retries did not get through. Try again later, or allow more attempts in Options → Max Attempts.',
		],
		[
			'dashboard',
			502,
			'Amplitude had a server error and retries did not get through. Try again later, or allow more attempts in Options → Max Attempts.',
		],
		[
			'dashboard',
			400,
			'Amplitude rejected the request as invalid. Check the parameters named in the message.',
		],
		['dashboard', 418, 'Check the parameters and the credential.'],
	])('%s %d', (api, status, description) => {
		expect(describeFailure(api, response(status, undefined), SECRETS)).toEqual({
			code: status,
			message: `Amplitude answered ${status}: HTTP ${status}`,
			description,
		});
	});

	test('the Dashboard 400 body’s details reach the message', () => {
		const body = {
			error: {
				http_code: 400,
				type: 'invalid',
				message: 'Invalid chart definition',
				metadata: { details: 'bad e' },
			},
		};
		expect(describeFailure('dashboard', response(400, body), SECRETS).message).toBe(
			'Amplitude answered 400: Invalid chart definition: bad e',
		);
	});

	test('secrets echoed in bodies or failures are redacted', () => {
		const basic = Buffer.from(`${API_KEY}:${SECRET}`).toString('base64');
		const echoed = describeFailure(
			'ingestion',
			response(400, { error: `Invalid API key ${API_KEY}` }),
			SECRETS,
		);
		expect(echoed.message).toBe('Amplitude answered 400: Invalid API key [redacted]');
		const basicEcho = describeFailure(
			'dashboard',
			response(401, `bad credentials Basic ${basic}`),
			SECRETS,
		);
		expect(basicEcho.message).toBe('Amplitude answered 401: bad credentials Basic [redacted]');
		const secretEcho = describeFailure(
			'profile',
			response(401, { error: { message: `Invalid Api-Key ${SECRET}` } }),
			SECRETS,
		);
		expect(secretEcho.message).toBe('Amplitude answered 401: Invalid Api-Key [redacted]');
		const failure = describeFailure(
			'ingestion',
			{ statusCode: 0, headers: {}, body: undefined, failure: `timeout for api_key=${API_KEY}` },
			SECRETS,
		);
		expect(failure.message).toBe('Could not reach Amplitude: timeout for api_key=[redacted]');
		for (const result of [echoed, basicEcho, secretEcho, failure]) {
			const text = JSON.stringify(result);
			for (const secret of SECRETS) expect(text).not.toContain(secret);
		}
	});
});

describe('toNodeApiError', () => {
	const node = {
		id: '1',
		name: 'Amplitude',
		type: 'n8n-nodes-amplitude.amplitude',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const failure = {
		code: 401,
		message: 'Amplitude answered 401: Invalid Api-Key',
		description: 'Check the Secret Key.',
	};

	test('carries the message, the item and the description', () => {
		const error = toNodeApiError(node, failure, 2);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Amplitude answered 401: Invalid Api-Key [item 2]');
		expect(error.description).toBe('Check the Secret Key.');
		expect(error.httpCode).toBe('401');
	});

	test('a message naming a network code is kept, not swapped for a generic one', () => {
		const error = toNodeApiError(
			node,
			{
				code: null,
				message: 'Could not reach Amplitude: socket hang up (ECONNRESET)',
				description: 'd',
			},
			0,
		);
		expect(error.message).toBe('Could not reach Amplitude: socket hang up (ECONNRESET) [item 0]');
		expect(error.httpCode).toBeNull();
	});

	test('without an item or a code', () => {
		const error = toNodeApiError(node, {
			code: null,
			message: 'Could not reach Amplitude: no answer',
			description: 'd',
		});
		expect(error.message).toBe('Could not reach Amplitude: no answer');
	});
});
