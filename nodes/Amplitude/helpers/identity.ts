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

/** Whether normalizeId returns this value as it is: a string ID that it accepts. */
export function isKeptId(value: unknown, minIdLength: number): boolean {
	return (
		typeof value === 'string' &&
		value.length >= minIdLength &&
		value.trim() !== '' &&
		!isPlaceholder(value)
	);
}

/** An ID as Amplitude wants it (a string), or undefined when absent. Numbers become strings. */
export function normalizeId(
	value: unknown,
	field: string,
	minIdLength: number,
): string | undefined {
	if (isKeptId(value, minIdLength)) return value as string;
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

export type IdType = 'userId' | 'amplitudeId';

const ID_TYPE_NAMES: Record<IdType, string> = { userId: 'User ID', amplitudeId: 'Amplitude ID' };

/**
 * A user's ID from an item, as the string Amplitude's cohort and privacy APIs take: never empty
 * or a placeholder, and for Amplitude IDs a positive whole number.
 */
export function requireUserId(
	value: unknown,
	field: string,
	idType: IdType,
	amplitudeIdHint = "Set 'ID Type' to User ID for your own IDs, or look the Amplitude ID up with User → Search",
): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		const what =
			value === undefined || value === null
				? 'empty'
				: Array.isArray(value)
					? 'an array'
					: typeof value;
		throw new InvalidInput(
			`'${field}' is ${what}. Give each item's ${ID_TYPE_NAMES[idType]}, e.g. {{ $json.${idType === 'userId' ? 'user_id' : 'amplitude_id'} }}`,
		);
	}
	const id = String(value).trim();
	if (id === '') {
		throw new InvalidInput(
			`'${field}' is empty. Give each item's ${ID_TYPE_NAMES[idType]}, or remove the items that have none`,
		);
	}
	if (isPlaceholder(id)) {
		throw new InvalidInput(
			`'${field}' is "${id}", a placeholder value, not a real user. Give the item's real ${ID_TYPE_NAMES[idType]}`,
		);
	}
	if (
		idType === 'amplitudeId' &&
		!(/^\d+$/.test(id) && Number.isSafeInteger(Number(id)) && Number(id) > 0)
	) {
		throw new InvalidInput(
			`'${field}' must be an Amplitude ID, Amplitude's numeric user ID, but it is "${id}". ${amplitudeIdHint}`,
		);
	}
	return id;
}

/** The 'ID Type' parameter's value, or a clear error. */
export function toIdType(value: unknown): IdType {
	if (value === 'userId' || value === 'amplitudeId') return value;
	throw new InvalidInput(
		`'ID Type' must be userId or amplitudeId, but it is ${JSON.stringify(value)}`,
	);
}
