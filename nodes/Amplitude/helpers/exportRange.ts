import { EXPORT_API } from '../limits';
import { InvalidInput } from './errors';
import { exportHourText, toInstant, utcHourOf } from './instants';

const HOUR_MS = 3_600_000;

/** An Export API range: first and last UTC hour, both included, and a warning for recent hours. */
export interface ExportRange {
	start: string;
	end: string;
	hours: number;
	warning?: string;
}

/**
 * Start and End as Export API hours (YYYYMMDDTHH, UTC). Refuses an end before the start and
 * ranges over Amplitude's 365 days; warns when the range reaches hours Amplitude may not have yet.
 */
export function toExportRange(start: unknown, end: unknown, now: number): ExportRange {
	const startHour = utcHourOf(toInstant(start, 'Start'), 'start');
	const endHour = utcHourOf(toInstant(end, 'End'), 'end');
	const range = { start: exportHourText(startHour), end: exportHourText(endHour) };
	if (startHour > endHour) {
		throw new InvalidInput(
			`'Start' (${range.start}) is after 'End' (${range.end}). Swap them or pick an earlier start`,
		);
	}
	const hours = (endHour - startHour) / HOUR_MS + 1;
	if (hours > EXPORT_API.maxDays * 24) {
		throw new InvalidInput(
			`The range ${range.start} to ${range.end} covers ${Math.ceil(hours / 24)} days; Amplitude exports at most ${EXPORT_API.maxDays} days per request. Shorten it or split it, e.g. one export per month`,
		);
	}
	// An hour is complete in Amplitude's export about dataDelayHours after it ends.
	const firstRecent = Math.max(
		startHour,
		Math.floor((now - (EXPORT_API.dataDelayHours + 1) * HOUR_MS) / HOUR_MS) * HOUR_MS + HOUR_MS,
	);
	if (firstRecent > endHour) return { ...range, hours };
	return {
		...range,
		hours,
		warning: `The hours from ${exportHourText(firstRecent)} on (UTC) ended less than ${EXPORT_API.dataDelayHours} hours ago or have not ended yet. Amplitude makes an hour exportable about ${EXPORT_API.dataDelayHours} hours after it ends, so their events may be missing or incomplete: export them again later.`,
	};
}
