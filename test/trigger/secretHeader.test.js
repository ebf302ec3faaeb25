const {
	carriesSecret,
	secretHeaderOf,
	secretHeaderProblem,
	DEFAULT_SECRET_HEADER,
} = require('../../dist/nodes/Amplitude/trigger/secretHeader');

const VALUE = 'whsec-0123456789abcdef';

test('secretHeaderOf trims, and an empty name falls back to the default', () => {
	expect(secretHeaderOf({ headerName: ' X-Hook ', headerValue: ` ${VALUE}\n` })).toEqual({
		name: 'X-Hook',
		value: VALUE,
	});
	expect(secretHeaderOf({})).toEqual({ name: DEFAULT_SECRET_HEADER, value: '' });
	expect(DEFAULT_SECRET_HEADER).toBe('X-Amplitude-Webhook-Secret');
});

describe('carriesSecret', () => {
	const secret = { name: 'X-Amplitude-Webhook-Secret', value: VALUE };
	test.each([
		[{ 'x-amplitude-webhook-secret': VALUE }, true],
		[{ 'x-amplitude-webhook-secret': ` ${VALUE} ` }, true],
		[{ 'x-amplitude-webhook-secret': VALUE.toUpperCase() }, false],
		[{ 'x-amplitude-webhook-secret': VALUE.slice(1) }, false],
		[{ 'x-amplitude-webhook-secret': [VALUE, VALUE] }, false],
		[{ 'x-amplitude-webhook-secret': '' }, false],
		[{ 'X-Amplitude-Webhook-Secret': VALUE }, false], // Node gives header names in lower case
		[{}, false],
	])('%j → %s', (headers, expected) => {
		expect(carriesSecret(headers, secret)).toBe(expected);
	});

	test('an empty secret matches nothing, not even an empty header', () => {
		expect(carriesSecret({ 'x-amplitude-webhook-secret': '' }, { ...secret, value: '' })).toBe(
			false,
		);
	});
});

describe('secretHeaderProblem', () => {
	test.each([
		[{ name: 'X-Amplitude-Webhook-Secret', value: VALUE }, undefined],
		[{ name: 'Authorization', value: `Bearer ${VALUE}` }, undefined],
		[{ name: 'X Secret', value: VALUE }, /not a valid HTTP header name/],
		[{ name: 'X-Secret:', value: VALUE }, /not a valid HTTP header name/],
		[{ name: 'User-Agent', value: VALUE }, /Amplitude or HTTP sets itself/],
		[{ name: 'content-type', value: VALUE }, /Amplitude or HTTP sets itself/],
		[{ name: 'X-Secret', value: 'short' }, /too short.*at least 16/],
		[{ name: 'X-Secret', value: `${VALUE}\u00e9` }, /characters a header cannot carry/],
		[{ name: 'X-Secret', value: `${VALUE}\tx` }, /characters a header cannot carry/],
	])('%j', (secret, expected) => {
		const problem = secretHeaderProblem(secret);
		if (expected === undefined) expect(problem).toBeUndefined();
		else expect(problem).toMatch(expected);
	});
});
