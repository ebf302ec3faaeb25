const { readJsonBody } = require('../../dist/nodes/Amplitude/trigger/requestBody');

const raw = (text) => Buffer.from(text, 'utf8');

describe('readJsonBody', () => {
	test('application/json: what n8n parsed is used as it is', () => {
		const parsed = { event_type: 'x' };
		expect(
			readJsonBody({
				contentType: 'application/json',
				rawBody: raw('{"event_type":"x"}'),
				body: parsed,
			}),
		).toEqual({ ok: true, value: parsed });
	});

	test.each([
		['text/plain', '[1,2]', [1, 2]],
		[undefined, '{"a":1}', { a: 1 }],
		['application/octet-stream', '"text"', 'text'],
		['text/plain', '\ufeff{"a":1}', { a: 1 }],
		['text/plain', ' null ', null],
	])('%s %j is parsed from the raw bytes', (contentType, text, value) => {
		expect(readJsonBody({ contentType, rawBody: raw(text), body: text })).toEqual({
			ok: true,
			value,
		});
	});

	test('a form or XML body that n8n turned into an object is read from its bytes: not JSON', () => {
		const result = readJsonBody({
			contentType: 'application/x-www-form-urlencoded',
			rawBody: raw('a=1'),
			body: { a: '1' },
		});
		expect(result).toEqual({ ok: false, problem: 'The body is not JSON; Amplitude sends JSON' });
	});

	test.each([
		[{ contentType: 'application/json', rawBody: raw('') }],
		[{ contentType: 'text/plain', rawBody: raw('  \n') }],
		[{}],
	])('no body: %j', (request) => {
		expect(readJsonBody(request)).toEqual({ ok: false, problem: 'The request has no body' });
	});

	test('without rawBody, a string body is parsed', () => {
		expect(readJsonBody({ body: '{"a":1}' })).toEqual({ ok: true, value: { a: 1 } });
	});
});
