/**
 * Removes the credential's keys (and the base64 forms used in Basic auth) from text that may
 * reach an output, an error or a log.
 */
export function secretsOf(apiKey: string, secretKey: string, deploymentKey = ''): string[] {
	const values = [apiKey, secretKey, deploymentKey].filter((value) => value.length >= 4);
	const forms = [...values];
	if (apiKey && secretKey) forms.push(Buffer.from(`${apiKey}:${secretKey}`).toString('base64'));
	for (const value of values)
		forms.push(Buffer.from(value).toString('base64'), encodeURIComponent(value));
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) result = result.split(secret).join('[redacted]');
	return result;
}
