import { InvalidInput } from './errors';

/** A whole number within [min, max], or a clear error naming the field. */
export function integerInRange(value: unknown, field: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw new InvalidInput(
			`'${field}' must be a whole number from ${min} to ${max}, but it is ${JSON.stringify(value)}`,
		);
	}
	return number;
}
