'use strict';
// Cohort syncs to a webhook, as Amplitude's cohort Webhook destination does
// (shared/reference/amplitude-api-more.md §8b): membership changes go out in batches (1000 users
// by default), one cohort and one direction per request, each with a `message_id` that stays the
// same when the batch is sent again. A batch not answered 2xx within 2 s is retried
// (webhook-sender.js, COHORT_SYNC).
//
// Payload (the documented example): { cohort_name, cohort_id, in_cohort, computed_time (a string
// of epoch seconds), message_id ("<uuid>::enter::<n>" or "::exit::<n>"), users: [{ user_id,
// user_properties }] }. `sync()` remembers each cohort's members: the first sync sends everyone
// (entered), later ones only who entered or left since.
//
//   server.cohortSync.configure({ url, headers, batchSize: 1000, concurrency: 4, timeoutMs,
//     attemptDelaysMs });
//   server.cohortSync.sync({ cohortId, cohortName, members: ['u1', { user_id, user_properties }] })
//     -> the message_ids sent
//   server.cohortSync.leave({ cohortId, cohortName, users }) -> the message_ids sent
//   server.cohortSync.sendBatch({ cohortId, cohortName, inCohort, users, messageId? })
//   await server.cohortSync.idle(); server.cohortSync.deliveries; server.cohortSync.stats();

const crypto = require('node:crypto');
const { createDestination, COHORT_SYNC } = require('./webhook-sender');

const asUser = (member) => (typeof member === 'string' ? { user_id: member } : member);

function createCohortSync({ now }) {
	const destination = createDestination({
		name: 'cohortSync',
		basePolicy: COHORT_SYNC,
		concurrency: 4,
		defaults: { batchSize: 1000 },
	});
	const members = new Map();

	function sendBatch({ cohortId, cohortName, inCohort, users, messageId, computedTime }) {
		const body = {
			cohort_name: cohortName,
			cohort_id: cohortId,
			in_cohort: inCohort,
			computed_time: String(Math.floor((computedTime ?? now()) / 1000)),
			message_id: messageId ?? `${crypto.randomUUID()}::${inCohort ? 'enter' : 'exit'}::0`,
			users: users.map(asUser),
		};
		destination.push(body, 'cohort', body.message_id);
		return body.message_id;
	}

	function sendBatches(cohortId, cohortName, inCohort, list, run, computedTime) {
		if (!destination.config) throw new Error('cohortSync: call configure({ url }) first');
		const messageIds = [];
		const { batchSize } = destination.config;
		for (let n = 0; n * batchSize < list.length; n++) {
			messageIds.push(
				sendBatch({
					cohortId,
					cohortName,
					inCohort,
					users: list.slice(n * batchSize, (n + 1) * batchSize),
					messageId: `${run}::${inCohort ? 'enter' : 'exit'}::${n}`,
					computedTime,
				}),
			);
		}
		return messageIds;
	}

	/** Sends who entered and who left a cohort since its last sync, in batches. */
	function sync({ cohortId, cohortName = cohortId, members: current }) {
		const users = current.map(asUser);
		const before = members.get(cohortId) ?? new Map();
		const after = new Map(users.map((user) => [user.user_id, user]));
		const entered = users.filter((user) => !before.has(user.user_id));
		const left = [...before.values()].filter((user) => !after.has(user.user_id));
		members.set(cohortId, after);
		const run = crypto.randomUUID();
		const computedTime = now();
		return [
			...sendBatches(cohortId, cohortName, true, entered, run, computedTime),
			...sendBatches(cohortId, cohortName, false, left, run, computedTime),
		];
	}

	/** Sends the given users as leaving the cohort, in batches. */
	function leave({ cohortId, cohortName = cohortId, users }) {
		const list = users.map(asUser);
		const known = members.get(cohortId);
		for (const user of list) known?.delete(user.user_id);
		return sendBatches(cohortId, cohortName, false, list, crypto.randomUUID(), now());
	}

	const resetDestination = destination.reset;
	return Object.assign(destination, {
		sync,
		leave,
		sendBatch,
		/** Drops the destination, what is pending, what was delivered and the cohorts' members. */
		reset: () => {
			resetDestination();
			members.clear();
		},
	});
}

module.exports = { createCohortSync };
