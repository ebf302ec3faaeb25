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
export const MIN_EPOCH_MS = 1e11;

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

// Amplitude writes times in UTC without a zone, with milliseconds ("2022-02-28 20:07:01.795",
// webhook payloads) or microseconds ("2026-06-16 11:57:13.345000", exports).
const AMPLITUDE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/**
 * A time Amplitude sent, as epoch milliseconds, or undefined when it is not a time: epoch
 * seconds or milliseconds (numbers or digit strings; values below 1e11 are seconds), Amplitude's
 * zone-less UTC times in either precision, or an ISO date-time with its zone.
 */
export function amplitudeTimeToEpochMs(value: unknown): number | undefined {
	let epoch: number | undefined;
	if (typeof value === 'number') epoch = value;
	else if (typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value.trim()))
		epoch = Number(value.trim());
	if (epoch !== undefined) {
		if (!Number.isFinite(epoch) || epoch < 0) return undefined;
		return Math.round(epoch < MIN_EPOCH_MS ? epoch * 1000 : epoch);
	}
	if (typeof value !== 'string') return undefined;
	const match = AMPLITUDE_TIME.exec(value.trim());
	if (match) {
		const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
		const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
		return isRealDate(year, month, day)
			? Date.UTC(year, month - 1, day, hour, minute, second, ms)
			: undefined;
	}
	const parsed = Date.parse(value);
	return Number.isFinite(parsed) ? parsed : undefined;
}
