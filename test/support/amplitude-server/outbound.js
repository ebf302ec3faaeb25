'use strict';
// The stand-in's outbound side: event streaming and cohort syncs to webhooks. Attaches to the
// store so that every event and identify it keeps is offered to event streaming.

const { createEventStreaming } = require('./event-streaming');
const { createCohortSync } = require('./cohort-sync');

function attachOutbound(storeApi, { now, projectId }) {
	const streaming = createEventStreaming({ storeApi, projectId });
	const cohortSync = createCohortSync({ now });
	const { addEvent, addIdentify } = storeApi;
	storeApi.addEvent = (event, time) => {
		const stored = addEvent(event, time);
		if (stored) streaming.onEvent(stored);
		return stored;
	};
	storeApi.addIdentify = (identification, time) => {
		addIdentify(identification, time);
		streaming.onIdentify(storeApi.store.identifies[storeApi.store.identifies.length - 1]);
	};
	return {
		streaming,
		cohortSync,
		reset() {
			streaming.reset();
			cohortSync.reset();
		},
		stop() {
			streaming.stop();
			cohortSync.stop();
		},
	};
}

module.exports = { attachOutbound };
