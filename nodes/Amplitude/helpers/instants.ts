import { type DateLike, isRealDate, MIN_EPOCH_MS } from './dates';
import { InvalidInput } from './errors';

/**
 * A point in time read from a date parameter: epoch milliseconds, the UTC offset it was written
 * with (minutes; undefined when the input named none, which is read as UTC), and whether the
 * input was a date without a time.
 */
export interface Instant {
	ms: number;
	offsetMinutes: number | undefined;
	dateOnly: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;
const EXPORT_HOUR = /^(\d{4})(\d{2})(\d{2})T(\d{2})$/i;
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
export const INSTANT_FORMATS =
	'an ISO date-time (2026-11-01T07:00:00+01:00), a date (2026-11-01 or 20261101), epoch milliseconds or an n8n date such as {{ $now }}';
export const INSTANT_HINT = `Use ${INSTANT_FORMATS}`;

interface DateTimeLike extends DateLike {
	offset?: number;
}

function invalid(field: string, value: unknown): InvalidInput {
	const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return new InvalidInput(`'${field}' is not a valid date or time: ${shown}. ${INSTANT_HINT}`);
}

function offsetMinutesOf(text: string | undefined): number | undefined {
	if (!text) return undefined;
	if (text.toUpperCase() === 'Z') return 0;
	const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text)!;
	const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
	return match[1] === '-' ? -minutes : minutes;
}

function fromParts(
	parts: (string | undefined)[],
	offsetMinutes: number | undefined,
): Instant | undefined {
	const [year, month, day, hour = 0, minute = 0, second = 0] = parts
		.slice(0, 6)
		.map((part) => (part === undefined ? undefined : Number(part)));
	if (!isRealDate(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59)
		return undefined;
	const fraction = parts[6] ? Math.floor(Number(`0.${parts[6]}`) * 1000) : 0;
	const wall = Date.UTC(year!, month! - 1, day!, hour, minute, second, fraction);
	return {
		ms: wall - (offsetMinutes ?? 0) * 60_000,
		offsetMinutes,
		dateOnly: parts[3] === undefined,
	};
}

function fromText(text: string): Instant | undefined {
	let match = YYYYMMDD.exec(text);
	if (match) return fromParts([match[1], match[2], match[3]], undefined);
	match = EXPORT_HOUR.exec(text);
	if (match) return fromParts([match[1], match[2], match[3], match[4], '00'], 0);
	match = ISO.exec(text);
	if (match) return fromParts(match.slice(1, 8), offsetMinutesOf(match[8]));
	if (/^\d{11,}$/.test(text)) return fromEpoch(Number(text));
	return undefined;
}

function fromEpoch(ms: number): Instant | undefined {
	if (!Number.isSafeInteger(ms) || ms < MIN_EPOCH_MS) return undefined;
	return { ms, offsetMinutes: 0, dateOnly: false };
}

/** Reads any of the date inputs the node accepts; an error names the field and the formats. */
export function toInstant(value: unknown, field: string): Instant {
	let instant: Instant | undefined;
	if (typeof value === 'string') {
		if (value.trim() === '') throw new InvalidInput(`'${field}' is empty. ${INSTANT_HINT}`);
		instant = fromText(value.trim());
	} else if (typeof value === 'number') {
		instant = Number.isInteger(value) ? fromText(String(value)) : undefined;
	} else if (value instanceof Date) {
		instant = fromEpoch(value.getTime());
	} else if (value && typeof (value as DateTimeLike).toMillis === 'function') {
		const dateTime = value as DateTimeLike;
		const offset = typeof dateTime.offset === 'number' ? dateTime.offset : 0;
		instant = fromEpoch(dateTime.toMillis!());
		if (instant) instant.offsetMinutes = offset;
	} else if (value === undefined || value === null) {
		throw new InvalidInput(`'${field}' is empty. ${INSTANT_HINT}`);
	}
	if (!instant) throw invalid(field, value);
	return instant;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function wallClock(ms: number): string {
	const date = new Date(ms);
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** ISO 8601 with seconds and an explicit offset, in the offset it was written with (else UTC): 2026-11-01T07:00:00+01:00. */
export function toIsoWithOffset(instant: Instant): string {
	const offset = instant.offsetMinutes ?? 0;
	const sign = offset < 0 ? '-' : '+';
	const absolute = Math.abs(offset);
	return `${wallClock(instant.ms + offset * 60_000)}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** yyyy-MM-dd HH:mm:ss in UTC (Amplitude's release times). */
export function toUtcSeconds(instant: Instant): string {
	return wallClock(instant.ms).replace('T', ' ');
}

/**
 * The UTC hour (epoch ms at its start) an instant falls in. A date without a time is its first
 * hour as a start and its last hour (T23) as an end, so a day given as a date is exported whole.
 */
export function utcHourOf(instant: Instant, edge: 'start' | 'end'): number {
	const hour = Math.floor(instant.ms / HOUR_MS) * HOUR_MS;
	return instant.dateOnly && edge === 'end' ? hour + DAY_MS - HOUR_MS : hour;
}

/** YYYYMMDDTHH of the UTC hour starting at `hourMs`. */
export function exportHourText(hourMs: number): string {
	return wallClock(hourMs).slice(0, 13).replace(/-/g, '');
}
