import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type MembershipChange, membershipEntries, skippedIds } from '../../helpers/cohorts';
import type { IdType } from '../../helpers/identity';
import { COHORT_IDS_PER_REQUEST, COHORT_THROTTLE_PAUSE_MS } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { type DeliveryEndpoint, type Outcome, deliver } from '../../transport/delivery';
import type { RetryPolicy } from '../../transport/retry';

/** The cohort an operation works on. */
export function cohortIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Cohort ID',
		name: 'cohortId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1a2bc3d',
		description,
	};
}

/** Amplitude's names for the two kinds of user ID, in uploads and in membership changes. */
export const UPLOAD_ID_TYPE: Record<IdType, string> = {
	userId: 'BY_USER_ID',
	amplitudeId: 'BY_AMP_ID',
};
export const MEMBERSHIP_ID_TYPE: Record<IdType, MembershipChange['id_type']> = {
	userId: 'BY_NAME',
	amplitudeId: 'BY_ID',
};

/** A user as the output names it: `user_id`, or `amplitude_id` as a number. */
export function userKey(id: string, idType: IdType): IDataObject {
	return idType === 'amplitudeId' ? { amplitude_id: Number(id) } : { user_id: id };
}

/** What one item outputs once its change was applied or skipped. */
export type ChangeOutput = (change: MembershipChange, status: 'applied' | 'skipped') => IDataObject;

function serialize(body: IDataObject): Buffer {
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/**
 * What the cohort writes share: JSON bodies of up to 100,000 IDs, one request at a time (Amplitude
 * answers 429 to concurrent writes to one cohort, and the pause before a retry is 5 s), never
 * split (an upload's halves would make two cohorts; invalid IDs are skipped, not refused, so a 400
 * condemns the whole request). Each item's outcome comes from `delivered`.
 */
export function cohortWrite(
	path: '/api/3/cohorts/upload' | '/api/3/cohorts/membership',
): Omit<DeliveryEndpoint, 'build' | 'delivered'> {
	return {
		api: 'dashboard',
		path,
		form: false,
		maxCount: COHORT_IDS_PER_REQUEST,
		maxBytes: Number.MAX_SAFE_INTEGER,
		throttlePauseMs: COHORT_THROTTLE_PAUSE_MS,
		maxInFlight: 1,
		splittable: false,
		success: () => () => ({}),
	};
}

/** POST /api/3/cohorts/membership: each item applied, or skipped when Amplitude lists it in skipped_ids. */
function membershipEndpoint(output: ChangeOutput): DeliveryEndpoint {
	return {
		...cohortWrite('/api/3/cohorts/membership'),
		build: (payloads, itemIndexes) => {
			const changes = itemIndexes.map((itemIndex) => payloads[itemIndex] as MembershipChange);
			const { memberships } = membershipEntries(changes);
			const body = { cohort_id: changes[0].cohort_id, memberships, skip_invalid_ids: true };
			return { body: serialize(body), count: changes.length };
		},
		delivered: (response, batch) => {
			const changes = batch as MembershipChange[];
			const { memberships, entryOf } = membershipEntries(changes);
			const skipped = skippedIds(response.body, memberships.length);
			return changes.map((change, position): Outcome => {
				const status = skipped[entryOf[position]].has(change.id) ? 'skipped' : 'applied';
				return { ok: true, json: () => output(change, status) };
			});
		},
	};
}

/**
 * Applies the changes of `queue` cohort by cohort, in the order each cohort first appears, one
 * request after another.
 */
export async function changeMemberships(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	changes: IDataObject[],
	queue: number[],
	policy: RetryPolicy,
	output: ChangeOutput,
): Promise<Outcome[]> {
	const byCohort = new Map<string, number[]>();
	for (const itemIndex of queue) {
		const cohortId = String(changes[itemIndex].cohort_id);
		const list = byCohort.get(cohortId) ?? [];
		list.push(itemIndex);
		byCohort.set(cohortId, list);
	}
	const outcomes = new Array<Outcome>(changes.length);
	const endpoint = membershipEndpoint(output);
	for (const itemIndexes of byCohort.values()) {
		const delivered = await deliver.call(this, context, endpoint, changes, itemIndexes, policy);
		for (const itemIndex of itemIndexes) outcomes[itemIndex] = delivered[itemIndex];
	}
	return outcomes;
}
