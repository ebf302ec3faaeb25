// The V8 inspector's session calls as promises, for the scripts that take CPU profiles.

/** Sends `method` to an inspector session; resolves to its result. */
function inspectorCall(session, method, params) {
	return new Promise((resolve, reject) =>
		session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
	);
}

module.exports = { inspectorCall };
