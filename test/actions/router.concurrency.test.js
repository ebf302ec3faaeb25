// Amplitude allows 5 concurrent Dashboard requests per project: the read operations run items in
// parallel but never with more than 5 requests in flight, and keep the output in input order.
const { setTimeout: sleep } = require('node:timers/promises');

const { runAmplitude, jsonOf, EU } = require('../support/harness');
const { HOSTS, setupNock } = require('../support/http');
const {
	SEGMENTATION_BODY,
	INVALID_CHART_BODY,
	USER_DATA,
	activityEvents,
	route,
} = require('../support/fixtures');

setupNock();

const MAX_IN_FLIGHT = 5;
const users = (count) =>
	Array.from({ length: count }, (_, index) => ({ user: `user-${String(index).padStart(2, '0')}` }));
const search = {
	resource: 'user',
	operation: 'search',
	user: '={{ $json.user }}',
	options: { retryAttempts: 2, maxRetryWait: 0 },
};

/**
 * A slow Amplitude: every request is answered after delayMs(call), and the most requests seen
 * in flight at once is tracked.
 */
function slowServer(host, path, answer, delayMs = () => 50) {
	const stats = { inFlight: 0, maxInFlight: 0 };
	const seen = route(host, path, async (call, index) => {
		stats.inFlight += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		await sleep(delayMs(call, index));
		stats.inFlight -= 1;
		return answer(call, index);
	});
	return { seen, stats };
}

const matchFor = (user) => ({
	matches: [{ user_id: user, amplitude_id: Number(user.slice(-2)) }],
	type: 'match_user_or_device_id',
});

test('12 items with slow answers: at most 5 requests in flight, all 12 made, output in input order', async () => {
	const { seen, stats } = slowServer(HOSTS.us.dashboard, '/api/2/usersearch', (call) => [
		200,
		matchFor(call.query.user),
	]);
	const items = users(12);
	const result = await runAmplitude({ items, parameters: search });

	expect(result.status).toBe('success');
	expect(seen.calls).toHaveLength(12);
	expect(stats.maxInFlight).toBe(MAX_IN_FLIGHT);
	expect(result.output).toEqual(
		items.map(({ user }, index) => ({
			json: { success: true, ...matchFor(user) },
			pairedItem: { item: index },
		})),
	);
});

test('the first items answering last does not reorder the output', async () => {
	// Item 0 is the slowest, item 11 the fastest.
	const { stats } = slowServer(
		HOSTS.eu.dashboard,
		'/api/2/usersearch',
		(call) => [200, matchFor(call.query.user)],
		(call) => 10 + (12 - Number(call.query.user.slice(-2))) * 8,
	);
	const items = users(12);
	const result = await runAmplitude({ items, parameters: search, credentials: EU });

	expect(stats.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT);
	expect(result.output.map((item) => item.pairedItem.item)).toEqual([...Array(12).keys()]);
	expect(jsonOf(result).map((json) => json.matches[0].user_id)).toEqual(
		items.map(({ user }) => user),
	);
});

test('analytics rows of 12 items stay grouped in input order', async () => {
	const { stats } = slowServer(
		HOSTS.us.dashboard,
		'/api/2/events/segmentation',
		() => [200, SEGMENTATION_BODY],
		(_call, index) => 20 + ((index * 7) % 5) * 10,
	);
	const items = Array.from({ length: 12 }, (_, index) => ({ event: `event_${index}` }));
	const result = await runAmplitude({
		items,
		parameters: {
			resource: 'analytics',
			operation: 'eventSegmentation',
			eventType: '={{ $json.event }}',
			start: '20240801',
			end: '20240802',
			options: { outputFormat: 'rows' },
		},
	});

	expect(stats.maxInFlight).toBe(MAX_IN_FLIGHT);
	expect(result.output).toHaveLength(48);
	expect(result.output.map((item) => item.pairedItem.item)).toEqual(
		items.flatMap((_item, index) => [index, index, index, index]),
	);
});

test('Return All pages one after another within an item, and the cap holds across items', async () => {
	const pages = new Map();
	const { seen, stats } = slowServer(HOSTS.us.dashboard, '/api/2/useractivity', (call) => {
		const page = pages.get(call.query.user) ?? 0;
		pages.set(call.query.user, page + 1);
		return [
			200,
			{ userData: USER_DATA, events: page === 0 ? activityEvents(1000) : activityEvents(1) },
		];
	});
	const items = Array.from({ length: 7 }, (_, index) => ({ id: String(1000 + index) }));
	const result = await runAmplitude({
		items,
		parameters: {
			resource: 'user',
			operation: 'getActivity',
			amplitudeId: '={{ $json.id }}',
			returnAll: true,
		},
	});

	expect(result.status).toBe('success');
	expect(seen.calls).toHaveLength(14);
	expect(stats.maxInFlight).toBe(MAX_IN_FLIGHT);
	for (const { id } of items) {
		const calls = seen.calls.filter((call) => call.query.user === id);
		expect(calls.map((call) => call.query.offset)).toEqual(['0', '1000']);
		expect(calls[1].at).toBeGreaterThanOrEqual(calls[0].at + 50);
	}
	expect(jsonOf(result).map((json) => json.events.length)).toEqual(Array(7).fill(1001));
});

describe('without continue on error', () => {
	test('a failure stops new requests, and the failed item is reported', async () => {
		const { seen } = slowServer(
			HOSTS.us.dashboard,
			'/api/2/usersearch',
			(call) =>
				call.query.user === 'user-01'
					? [400, INVALID_CHART_BODY]
					: [200, matchFor(call.query.user)],
			(call) => (call.query.user === 'user-01' ? 0 : 50),
		);
		const result = await runAmplitude({ items: users(12), parameters: search });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'Amplitude answered 400: Invalid chart definition: event_type is unknown [item 1]',
		);
		expect(result.error.context.itemIndex).toBe(1);
		// Items 0–4 were already in flight; none after them started.
		expect(seen.calls.map((call) => call.query.user).sort()).toEqual([
			'user-00',
			'user-01',
			'user-02',
			'user-03',
			'user-04',
		]);
	});

	test('when several items fail, the lowest item is reported, even if it failed last', async () => {
		slowServer(
			HOSTS.us.dashboard,
			'/api/2/usersearch',
			(call) =>
				['user-01', 'user-03'].includes(call.query.user)
					? [404, '']
					: [200, matchFor(call.query.user)],
			(call) => (call.query.user === 'user-03' ? 0 : 60),
		);
		const result = await runAmplitude({ items: users(12), parameters: search });

		expect(result.error.message).toBe('Amplitude answered 404: HTTP 404 [item 1]');
		expect(result.error.httpCode).toBe('404');
	});
});

test('with continue on error every item is requested and failures keep their place', async () => {
	const failing = new Set(['user-02', 'user-07', 'user-11']);
	const { seen, stats } = slowServer(HOSTS.us.dashboard, '/api/2/usersearch', (call) =>
		failing.has(call.query.user) ? [403, 'Forbidden'] : [200, matchFor(call.query.user)],
	);
	const items = users(12);
	const result = await runAmplitude({ items, parameters: search, continueOnFail: true });

	expect(seen.calls).toHaveLength(12);
	expect(stats.maxInFlight).toBe(MAX_IN_FLIGHT);
	expect(
		result.output.map((item) => [item.pairedItem.item, item.json.success, item.json.code ?? null]),
	).toEqual(
		items.map(({ user }, index) => (failing.has(user) ? [index, false, 403] : [index, true, null])),
	);
});
