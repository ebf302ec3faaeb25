'use strict';
// Amplitude's Dashboard REST limit: at most `concurrency` requests of a project in flight at once
// (5 per project in Amplitude); one more gets a 429 whose body Amplitude does not document (an
// opaque one here, no Retry-After). `latencyMs` is how long each query takes, so that requests
// from several clients really overlap. Off unless `concurrency` is set.

const { json } = require('./http-util');

function createDashboardLimit({ concurrency, latencyMs = 0, sleep }) {
	let inFlight = 0;
	let peak = 0;
	let refused = 0;
	return {
		/** Answers `ctx` through `answer()` within the limit, or with a 429 when it is full. */
		async run(answer) {
			if (concurrency === undefined) return answer();
			if (inFlight >= concurrency) {
				refused++;
				return json(429, { code: 429, error: 'Too many concurrent requests for this project' });
			}
			inFlight++;
			peak = Math.max(peak, inFlight);
			try {
				if (latencyMs > 0) await sleep(latencyMs);
				return await answer();
			} finally {
				inFlight--;
			}
		},
		stats: () => ({ concurrency, inFlight, peak, refused }),
	};
}

module.exports = { createDashboardLimit };
