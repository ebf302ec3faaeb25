/** What the trigger reads of an incoming request: n8n has already read the body into rawBody. */
export interface IncomingBody {
	contentType?: string;
	rawBody?: Buffer;
	/** What n8n parsed: JSON for application/json, a string for text/plain, objects for forms and XML. */
	body?: unknown;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; problem: string };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The request body as JSON, whatever Content-Type it came with (Amplitude sends
 * application/json; a proxy or a template may not). n8n has parsed application/json bodies
 * already (and answered 422 itself when they did not parse); any other body is read from its
 * raw bytes, so a form or XML body that n8n turned into an object is still refused.
 */
export function readJsonBody(request: IncomingBody): JsonBody {
	const raw = request.rawBody;
	if (JSON_TYPE.test(request.contentType ?? '') && request.body !== undefined && raw?.length)
		return { ok: true, value: request.body };
	const text = stripBom(
		raw !== undefined ? raw.toString('utf8') : typeof request.body === 'string' ? request.body : '',
	);
	if (text.trim() === '') return { ok: false, problem: 'The request has no body' };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, problem: 'The body is not JSON; Amplitude sends JSON' };
	}
}
