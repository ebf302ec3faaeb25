import { InvalidInput } from './errors';

// Values Amplitude rejects as user or device IDs (compared case-insensitively).
const REJECTED_IDS = new Set([
	'anonymous',
	'nil',
	'none',
	'null',
	'n/a',
	'na',
	'undefined',
	'unknown',
	'00000000-0000-0000-0000-000000000000',
	'{}',
	'lmy47d',
	'0',
	'-1',
]);

// Only an ID of one of these lengths can be a placeholder: checking the length first spares
// lower-casing every ID of a bulk send.
const REJECTED_ID_LENGTHS = new Set([...REJECTED_IDS].map((id) => id.length));

function isPlaceholder(id: string): boolean {
	return REJECTED_ID_LENGTHS.has(id.length) && REJECTED_IDS.has(id.toLowerCase());
}

/** An ID as Amplitude wants it (a string), or undefined when absent. Numbers become strings. */
export function normalizeId(
	value: unknown,
	field: string,
	minIdLength: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new InvalidInput(
			`'${field}' must be a string, but it is ${Array.isArray(value) ? 'an array' : typeof value}`,
		);
	}
	const id = String(value);
	if (id.trim() === '') return undefined;
	if (isPlaceholder(id)) {
		throw new InvalidInput(
			`'${field}' is "${id}", a placeholder value Amplitude rejects. Send a real ID or leave it empty`,
		);
	}
	if (id.length < minIdLength) {
		throw new InvalidInput(
			`'${field}' "${id}" is shorter than ${minIdLength} characters, and Amplitude silently drops such IDs. Use a longer ID or lower Options → Min ID Length`,
		);
	}
	return id;
}

/** Throws unless at least one of user_id and device_id is present. */
export function requireUserOrDevice(
	userId: string | undefined,
	deviceId: string | undefined,
): void {
	if (userId === undefined && deviceId === undefined) {
		throw new InvalidInput(
			"Neither 'User ID' nor 'Device ID' is set. Amplitude needs at least one of them to attribute the data to a user",
		);
	}
}
