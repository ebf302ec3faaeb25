import type { IDataObject } from 'n8n-workflow';

import { amplitudeTimeToEpochMs } from '../helpers/dates';
import { isPlainObject } from '../helpers/json';

/** A cohort batch is keyed on its `message_id`, which Amplitude keeps the same on retries. */
export function cohortKeyOf(payload: unknown): string | undefined {
	if (!isPlainObject(payload)) return undefined;
	const id = payload.message_id;
	return (typeof id === 'string' && id !== '') || typeof id === 'number'
		? `message:${String(id)}`
		: undefined;
}

/** Whether a payload is a cohort batch in Amplitude's format (rather than a custom payload). */
export function isCohortBatch(payload: unknown): payload is IDataObject & { users: unknown[] } {
	return isPlainObject(payload) && Array.isArray(payload.users);
}

/** `in_cohort` as a boolean; templates that forget FreeMarker's `?c` send "true" or "false". */
function inCohortOf(value: unknown): unknown {
	if (value === 'true') return true;
	if (value === 'false') return false;
	return value ?? null;
}

/**
 * One item per member of a batch, each carrying the batch's cohort fields, `computed_time` in
 * epoch milliseconds (Amplitude sends a string of epoch seconds; its older docs call it
 * `compute_time`). A time that cannot be read is kept as it came.
 */
export function cohortMembers(batch: IDataObject & { users: unknown[] }): IDataObject[] {
	const sentTime = batch.computed_time ?? batch.compute_time ?? null;
	const cohort: IDataObject = {
		cohort_id: batch.cohort_id ?? null,
		cohort_name: batch.cohort_name ?? null,
		in_cohort: inCohortOf(batch.in_cohort) as IDataObject[string],
		message_id: batch.message_id ?? null,
		computed_time: (amplitudeTimeToEpochMs(sentTime) ?? sentTime) as IDataObject[string],
	};
	return batch.users.map((user) => ({
		...(isPlainObject(user) ? user : { user_id: user as IDataObject[string] }),
		...cohort,
	}));
}
