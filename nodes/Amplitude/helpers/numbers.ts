import { InvalidInput } from './errors';

function inRange(value: unknown, field: string, min: number, max: number, whole: boolean): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const valid =
		typeof number === 'number' &&
		(whole ? Number.isInteger(number) : Number.isFinite(number)) &&
		number >= min &&
		number <= max;
	if (!valid) {
		throw new InvalidInput(
			`'${field}' must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}, but it is ${JSON.stringify(value)}`,
		);
	}
	return number as number;
}

/** A whole number within [min, max], or a clear error naming the field. */
export function integerInRange(value: unknown, field: string, min: number, max: number): number {
	return inRange(value, field, min, max, true);
}

/** A number within [min, max] (fractions allowed), or a clear error naming the field. */
export function numberInRange(value: unknown, field: string, min: number, max: number): number {
	return inRange(value, field, min, max, false);
}
