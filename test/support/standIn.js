// Starts the local Amplitude stand-in for a test file and gives credentials pointing at it.
const { createAmplitudeServer } = require('./amplitude-server');
const { customCredentials } = require('./harness');

/** Call at the top of a describe/file: returns a handle whose fields are set in beforeAll. */
function useStandIn(options = {}) {
	const handle = { server: undefined, url: undefined, credentials: undefined };
	beforeAll(async () => {
		handle.server = createAmplitudeServer({
			apiKey: 'local-api-key',
			secretKey: 'local-secret-key',
			...options,
		});
		handle.url = await handle.server.start(0);
		handle.credentials = customCredentials(handle.url);
	});
	beforeEach(() => {
		handle.server.reset();
		handle.server.faults.clear();
	});
	afterAll(async () => {
		await handle.server.stop();
	});
	return handle;
}

/** Requests the stand-in answered on one path, in order. */
function requestsTo(server, path) {
	return server.store.requests.filter((request) => request.path === path);
}

module.exports = { useStandIn, requestsTo };
