import { createHash, timingSafeEqual } from 'crypto';

import { WEBHOOK_SECRET_MIN_LENGTH } from '../limits';

export const DEFAULT_SECRET_HEADER = 'X-Amplitude-Webhook-Secret';

/** The header the Amplitude Webhook credential expects on every delivery. */
export interface SecretHeader {
	name: string;
	value: string;
}

export function secretHeaderOf(credentials: Record<string, unknown>): SecretHeader {
	const name = String(credentials.headerName ?? '').trim();
	return {
		name: name === '' ? DEFAULT_SECRET_HEADER : name,
		value: String(credentials.headerValue ?? '').trim(),
	};
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the request carries the secret header. Compared in constant time over digests, so
 * neither the value nor its length shows in the answer time. An empty secret matches nothing.
 */
export function carriesSecret(
	headers: Record<string, string | string[] | undefined>,
	secret: SecretHeader,
): boolean {
	const sent = headers[secret.name.toLowerCase()];
	if (typeof sent !== 'string' || secret.value === '') return false;
	return timingSafeEqual(digest(sent.trim()), digest(secret.value));
}

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers Amplitude sets itself, or that HTTP itself uses, so a custom header cannot carry them.
const RESERVED = [
	'content-type',
	'user-agent',
	'content-length',
	'content-encoding',
	'transfer-encoding',
	'host',
	'connection',
];
// Visible ASCII and spaces, as a header value can carry without encoding.
const HEADER_VALUE = /^[\x20-\x7e]+$/;

/** What is wrong with the credential for Amplitude's header settings, or undefined. */
export function secretHeaderProblem(secret: SecretHeader): string | undefined {
	if (!HEADER_NAME.test(secret.name))
		return `Header Name "${secret.name}" is not a valid HTTP header name: use letters, digits and dashes, such as ${DEFAULT_SECRET_HEADER}`;
	if (RESERVED.includes(secret.name.toLowerCase()))
		return `Header Name "${secret.name}" is a header Amplitude or HTTP sets itself; use your own name, such as ${DEFAULT_SECRET_HEADER}`;
	if (secret.value.length < WEBHOOK_SECRET_MIN_LENGTH)
		return `Header Value is too short to be a secret: use at least ${WEBHOOK_SECRET_MIN_LENGTH} random characters (for example the output of "openssl rand -hex 32")`;
	if (!HEADER_VALUE.test(secret.value))
		return 'Header Value has characters a header cannot carry: use letters, digits and punctuation only';
	return undefined;
}
