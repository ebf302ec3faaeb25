import type { IDataObject } from 'n8n-workflow';

import { toYyyymmdd } from './dates';
import { InvalidInput } from './errors';
import { isPlainObject } from './json';

/** A day as the User Privacy API takes it: YYYY-MM-DD (from any date the Dashboard dates take). */
export function toIsoDay(value: unknown, field: string): string {
	const day = toYyyymmdd(value, field);
	return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
}

/** A YYYY-MM-DD day plus whole months, kept within the month: 2026-08-31 + 6 = 2027-02-28. */
export function addMonths(day: string, months: number): string {
	const [year, month, date] = day.split('-').map(Number);
	const target = new Date(Date.UTC(year, month - 1 + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0));
	target.setUTCDate(Math.min(date, lastDay.getUTCDate()));
	return target.toISOString().slice(0, 10);
}

/** start_day and end_day of the deletion-job list: start not after end, at most maxMonths apart. */
export function deletionJobRange(
	start: unknown,
	end: unknown,
	maxMonths: number,
): { start_day: string; end_day: string } {
	const range = { start_day: toIsoDay(start, 'Start'), end_day: toIsoDay(end, 'End') };
	if (range.start_day > range.end_day) {
		throw new InvalidInput(
			`'Start' (${range.start_day}) is after 'End' (${range.end_day}). Swap them or pick an earlier start`,
		);
	}
	const latest = addMonths(range.start_day, maxMonths);
	if (range.end_day > latest) {
		throw new InvalidInput(
			`The range ${range.start_day} to ${range.end_day} is longer than the ${maxMonths} months Amplitude lists at once. End it by ${latest}, or list the rest in a second item`,
		);
	}
	return range;
}

/** The jobs of a User Privacy answer: an array of jobs (a single job object counts as one). */
export function jobsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return (body as unknown[]).filter(isPlainObject);
	return isPlainObject(body) && typeof body.day === 'string' ? [body] : [];
}

function idsIn(list: unknown, into: Set<string>): void {
	if (Array.isArray(list)) for (const id of list as unknown[]) into.add(String(id));
}

/**
 * The IDs Amplitude named invalid: `invalid_ids` at the top of the answer, in its jobs, or in
 * the metadata of an error answer.
 */
export function invalidIdsOf(body: unknown): Set<string> {
	const ids = new Set<string>();
	const objects = Array.isArray(body) ? (body as unknown[]) : [body];
	for (const object of objects) {
		if (!isPlainObject(object)) continue;
		idsIn(object.invalid_ids, ids);
		const error = object.error;
		if (isPlainObject(error) && isPlainObject(error.metadata))
			idsIn(error.metadata.invalid_ids, ids);
	}
	return ids;
}

/** The user as a deletion request names it. */
export interface DeletionUser extends IDataObject {
	user_id?: string;
	amplitude_id?: number;
}

function requestsOf(job: IDataObject): IDataObject[] {
	return Array.isArray(job.amplitude_ids)
		? (job.amplitude_ids as unknown[]).filter(isPlainObject)
		: [];
}

/**
 * The jobs a user was added to, each with the request entry that names the user (Amplitude
 * names user IDs in the entries when asked with include_mapped_user_ids). When no entry names
 * the user and the answer has one job, the user is in that job.
 */
export function jobsOfUser(
	jobs: IDataObject[],
	user: DeletionUser,
): Array<{ job: IDataObject; entry?: IDataObject }> {
	const found: Array<{ job: IDataObject; entry?: IDataObject }> = [];
	for (const job of jobs) {
		const entry = requestsOf(job).find((request) =>
			user.amplitude_id !== undefined
				? Number(request.amplitude_id) === user.amplitude_id
				: request.user_id !== undefined && String(request.user_id) === user.user_id,
		);
		if (entry) found.push({ job, entry });
	}
	if (found.length === 0 && jobs.length === 1) found.push({ job: jobs[0] });
	return found;
}

/** A deletion job as an output item: its day, status and project, and the users it holds. */
export function mapJob(job: IDataObject): IDataObject {
	return {
		day: job.day ?? null,
		status: job.status ?? null,
		app: job.app ?? null,
		active_scrub_done_date: job.active_scrub_done_date ?? null,
		amplitude_ids: requestsOf(job),
	};
}
