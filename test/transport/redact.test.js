const { secretsOf, redact } = require('../../dist/nodes/Amplitude/transport/redact');

const API_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = 's3cr3t/k+y=ZZ';
const b64 = (text) => Buffer.from(text).toString('base64');

describe('secretsOf', () => {
	test('holds the keys, base64 of key:secret, base64 and URL-encoded forms, longest first', () => {
		const secrets = secretsOf(API_KEY, SECRET);
		const expected = [
			API_KEY,
			SECRET,
			b64(`${API_KEY}:${SECRET}`),
			b64(API_KEY),
			b64(SECRET),
			encodeURIComponent(SECRET),
		];
		expect(new Set(secrets)).toEqual(new Set(expected));
		expect(secrets).toHaveLength(expected.length);
		expect(secrets[0]).toBe(b64(`${API_KEY}:${SECRET}`));
		for (let i = 1; i < secrets.length; i++)
			expect(secrets[i].length).toBeLessThanOrEqual(secrets[i - 1].length);
	});

	test('no secret key: only the API key forms', () => {
		expect(secretsOf(API_KEY, '').sort()).toEqual([API_KEY, b64(API_KEY)].sort());
	});

	test('values shorter than 4 characters are not redacted on their own', () => {
		expect(secretsOf('abc', '')).toEqual([]);
	});
});

describe('redact', () => {
	const secrets = secretsOf(API_KEY, SECRET);

	test.each([
		['the key', `api_key=${API_KEY}&x=1`, 'api_key=[redacted]&x=1'],
		['the secret', `secret is ${SECRET}.`, 'secret is [redacted].'],
		[
			'Basic auth',
			`Authorization: Basic ${b64(`${API_KEY}:${SECRET}`)}`,
			'Authorization: Basic [redacted]',
		],
		['base64 of the key', `k=${b64(API_KEY)}`, 'k=[redacted]'],
		['base64 of the secret', `s=${b64(SECRET)}`, 's=[redacted]'],
		['the URL-encoded secret', `?secret=${encodeURIComponent(SECRET)}`, '?secret=[redacted]'],
		['Api-Key header', `Authorization: Api-Key ${SECRET}`, 'Authorization: Api-Key [redacted]'],
		['every occurrence', `${API_KEY} and ${API_KEY}`, '[redacted] and [redacted]'],
	])('removes %s', (_, text, expected) => {
		expect(redact(text, secrets)).toBe(expected);
	});

	test('leaves other text unchanged', () => {
		expect(redact('Amplitude answered 400: Invalid API key', secrets)).toBe(
			'Amplitude answered 400: Invalid API key',
		);
	});

	test('nothing of any form survives in a JSON dump', () => {
		const dump = JSON.stringify({
			body: { api_key: API_KEY },
			headers: { authorization: `Basic ${b64(`${API_KEY}:${SECRET}`)}` },
			url: `x?k=${encodeURIComponent(SECRET)}`,
		});
		const cleaned = redact(dump, secrets);
		for (const secret of secrets) expect(cleaned).not.toContain(secret);
		expect(cleaned).toBe(
			'{"body":{"api_key":"[redacted]"},"headers":{"authorization":"Basic [redacted]"},"url":"x?k=[redacted]"}',
		);
	});
});
