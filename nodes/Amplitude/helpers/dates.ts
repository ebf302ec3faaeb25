import { InvalidInput } from './errors';

const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

export function isRealDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

function format(year: number, month: number, day: number): string {
	return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

export interface DateLike {
	toISODate?: () => string | null;
	toMillis?: () => number;
}

const DATE_HINT =
	'Use YYYYMMDD (20261101), an ISO date (2026-11-01) or an n8n date such as {{ $today.minus(7, "days") }}';

/**
 * A Dashboard date as YYYYMMDD. ISO strings keep the calendar date they are written in (the
 * Dashboard API reads dates in the project's time zone, so no time-zone shift is applied);
 * Luxon DateTime values give their own calendar date, JS Dates their UTC date.
 */
export function toYyyymmdd(value: unknown, field: string): string {
	let text: string | undefined;
	if (typeof value === 'number' && Number.isInteger(value)) text = String(value);
	else if (typeof value === 'string') text = value.trim();
	else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
	else if (value && typeof (value as DateLike).toISODate === 'function')
		text = (value as DateLike).toISODate!() ?? '';
	if (text === undefined && value !== undefined && value !== null && value !== '') {
		// A value of another type (an object, a boolean, a fractional number) is not "empty".
		throw new InvalidInput(
			`'${field}' is not a valid date: ${JSON.stringify(value)}. ${DATE_HINT}`,
		);
	}
	if (!text) throw new InvalidInput(`'${field}' is empty. ${DATE_HINT}`);
	const match = YYYYMMDD.exec(text) ?? ISO_DATE.exec(text);
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		if (isRealDate(year, month, day)) return format(year, month, day);
	}
	throw new InvalidInput(`'${field}' is not a valid date: "${text}". ${DATE_HINT}`);
}

/** Start and end as YYYYMMDD, with start not after end. */
export function toDateRange(start: unknown, end: unknown): { start: string; end: string } {
	const range = { start: toYyyymmdd(start, 'Start'), end: toYyyymmdd(end, 'End') };
	if (range.start > range.end) {
		throw new InvalidInput(
			`'Start' (${range.start}) is after 'End' (${range.end}). Swap them or pick an earlier start`,
		);
	}
	return range;
}

// Epoch values below this are read as seconds by mistake (before 1973 in milliseconds).
const MIN_EPOCH_MS = 1e11;

/** An event time as epoch milliseconds: accepts epoch ms (number or digits) or a date string. */
export function toEpochMs(value: unknown, field: string): number {
	let ms: number;
	if (typeof value === 'number') ms = value;
	else if (typeof value === 'string' && /^\d+$/.test(value.trim())) ms = Number(value.trim());
	else if (typeof value === 'string') ms = Date.parse(value.trim());
	else if (value instanceof Date) ms = value.getTime();
	else if (value && typeof (value as DateLike).toMillis === 'function')
		ms = (value as DateLike).toMillis!();
	else ms = Number.NaN;
	if (!Number.isFinite(ms)) {
		throw new InvalidInput(
			`'${field}' is not a valid time: ${JSON.stringify(value)}. Use epoch milliseconds (1796083200000) or an ISO date-time (2026-12-01T00:00:00Z)`,
		);
	}
	if (!Number.isInteger(ms)) ms = Math.round(ms);
	if (ms < MIN_EPOCH_MS) {
		throw new InvalidInput(
			`'${field}' (${ms}) looks like epoch seconds; Amplitude needs milliseconds. Multiply it by 1000`,
		);
	}
	return ms;
}
