import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { isPlainObject } from './json';

/** A cohort ID as Amplitude writes them (letters and digits, e.g. 1a2bc3d), or a clear error. */
export function requireCohortId(value: unknown, field = 'Cohort ID'): string {
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '') {
		throw new InvalidInput(
			`'${field}' is empty. Give the cohort's ID, as in its Amplitude URL (e.g. 1a2bc3d) or from Cohort → Get Many`,
		);
	}
	if (!/^[A-Za-z0-9_-]+$/.test(id)) {
		throw new InvalidInput(
			`'${field}' "${id}" is not a cohort ID: Amplitude's cohort IDs are letters and digits, such as 1a2bc3d. Copy it from the cohort's Amplitude URL or from Cohort → Get Many`,
		);
	}
	return id;
}

/** `lastComputed` → `last_computed`, `appId` → `app_id`; snake_case keys stay as they are. */
export function snakeCase(key: string): string {
	return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function snakeCaseKeys(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) result[snakeCase(key)] = value;
	return result;
}

/**
 * A cohort of `GET /api/3/cohorts` as an output item: keys in snake_case, the sync entries'
 * too (`syncMetadata[].lastSuccessful` …); `definition` is Amplitude's own and kept as it is.
 */
export function mapCohort(raw: IDataObject): IDataObject {
	const cohort = snakeCaseKeys(raw);
	if (Array.isArray(cohort.sync_metadata)) {
		cohort.sync_metadata = (cohort.sync_metadata as unknown[]).map((entry) =>
			isPlainObject(entry) ? snakeCaseKeys(entry) : entry,
		) as IDataObject[];
	}
	return cohort;
}

/** The cohorts of a list answer `{"cohorts": [...]}`. */
export function cohortsOf(body: unknown): IDataObject[] {
	const list = isPlainObject(body) ? body.cohorts : undefined;
	return Array.isArray(list) ? (list as unknown[]).filter(isPlainObject).map(mapCohort) : [];
}

/**
 * One row of a member file as an item: every column by position (the header names them),
 * `amplitude_id` as a number, an empty `user_id` (an anonymous user) as null.
 */
export function memberRow(columns: string[], record: string[]): IDataObject {
	const member: IDataObject = {};
	const width = Math.max(columns.length, record.length);
	for (let position = 0; position < width; position++) {
		const name = columns[position] ?? `column_${position + 1}`;
		const value = record[position];
		member[name] = value === undefined ? null : value;
	}
	const amplitudeId = member.amplitude_id;
	if (typeof amplitudeId === 'string' && /^\d+$/.test(amplitudeId)) {
		const number = Number(amplitudeId);
		if (Number.isSafeInteger(number)) member.amplitude_id = number;
	}
	if (member.user_id === '') member.user_id = null;
	return member;
}

/** One item's change to a cohort: the ID, as Amplitude names its kind, and add or remove. */
export interface MembershipChange extends IDataObject {
	cohort_id: string;
	id: string;
	/** `BY_ID`: an Amplitude ID; `BY_NAME`: a user ID. */
	id_type: 'BY_ID' | 'BY_NAME';
	operation: 'ADD' | 'REMOVE';
}

export interface MembershipEntries {
	memberships: Array<{ ids: string[]; id_type: string; operation: string }>;
	/** The entry of `memberships` holding each change, by position. */
	entryOf: number[];
}

/**
 * The `memberships` of one request: each run of changes with the same operation and ID type
 * becomes one entry, so Amplitude applies them in the items' order.
 */
export function membershipEntries(changes: MembershipChange[]): MembershipEntries {
	const memberships: MembershipEntries['memberships'] = [];
	const entryOf: number[] = [];
	for (const change of changes) {
		const last = memberships[memberships.length - 1];
		if (last && last.id_type === change.id_type && last.operation === change.operation) {
			last.ids.push(change.id);
		} else {
			memberships.push({ ids: [change.id], id_type: change.id_type, operation: change.operation });
		}
		entryOf.push(memberships.length - 1);
	}
	return { memberships, entryOf };
}

/** The skipped IDs of each entry of a membership answer (`memberships_result[k].skipped_ids`). */
export function skippedIds(body: unknown, entries: number): Array<Set<string>> {
	const results =
		isPlainObject(body) && Array.isArray(body.memberships_result) ? body.memberships_result : [];
	return Array.from({ length: entries }, (_, k) => {
		const result = (results as unknown[])[k];
		const skipped =
			isPlainObject(result) && Array.isArray(result.skipped_ids) ? result.skipped_ids : [];
		return new Set((skipped as unknown[]).map(String));
	});
}

/** The cohort ID and invalid-ID sample of an upload answer (`cohortId`, or `cohort_id` before 2024-10). */
export function uploadAnswer(body: unknown): { cohortId?: string; invalidSample: Set<string> } {
	if (!isPlainObject(body)) return { invalidSample: new Set() };
	const id = body.cohortId ?? body.cohort_id;
	const metadata = isPlainObject(body.metadata) ? body.metadata : {};
	const sample = Array.isArray(metadata.invalid_ids_sample) ? metadata.invalid_ids_sample : [];
	return {
		cohortId: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
		invalidSample: new Set((sample as unknown[]).map(String)),
	};
}
