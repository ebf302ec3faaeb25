const {
	batchesOf,
	requestBody,
	splitInHalves,
} = require('../../dist/nodes/Amplitude/helpers/batch');

const event = (i, pad = 0) => ({ event_type: 'e', user_id: `user-${i}`, p: 'x'.repeat(pad) });
const eventsFormat = (limits) => ({ form: false, ...limits });
const formFormat = (limits) => ({ form: true, ...limits });
const indexesOf = (batches) => batches.map((batch) => batch.itemIndexes);
const bytesOf = (body) => (Buffer.isBuffer(body) ? body.length : formBytes(body.identification));
// What n8n sends for a form field (URLSearchParams), without the field name.
const formBytes = (text) => new URLSearchParams({ x: text }).toString().length - 2;

describe('batchesOf', () => {
	test('no items, no batches', () => {
		expect([...batchesOf(eventsFormat({ maxCount: 10, maxBytes: 1e6 }), [], [])]).toEqual([]);
	});

	test('splits by count, in queue order, skipping items not in the queue', () => {
		const payloads = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => event(i));
		const batches = [
			...batchesOf(eventsFormat({ maxCount: 3, maxBytes: 1e6 }), payloads, [0, 1, 3, 4, 5, 7]),
		];
		expect(indexesOf(batches)).toEqual([
			[0, 1, 3],
			[4, 5, 7],
		]);
		const carried = batches.map((batch) =>
			JSON.parse(batch.body.toString()).events.map((e) => e.user_id),
		);
		expect(carried).toEqual([
			['user-0', 'user-1', 'user-3'],
			['user-4', 'user-5', 'user-7'],
		]);
	});

	test('splits JSON bodies by bytes, every body within the limit, every item once', () => {
		const payloads = Array.from({ length: 40 }, (_, i) => event(i, (i * 37) % 90));
		const queue = payloads.map((_, i) => i);
		const batches = [
			...batchesOf(eventsFormat({ maxCount: 1000, maxBytes: 700 }), payloads, queue),
		];
		expect(batches.length).toBeGreaterThan(3);
		expect(batches.flatMap((batch) => batch.itemIndexes)).toEqual(queue);
		for (const batch of batches) {
			expect(bytesOf(batch.body)).toBeLessThanOrEqual(700);
			expect(JSON.parse(batch.body.toString()).events).toEqual(
				batch.itemIndexes.map((i) => payloads[i]),
			);
		}
	});

	test('splits form bodies by their form-encoded bytes', () => {
		// Braces, quotes and colons take three bytes each once form-encoded.
		const payloads = Array.from({ length: 30 }, (_, i) => ({
			user_id: `user-${i}`,
			user_properties: { $set: { a: i } },
		}));
		const queue = payloads.map((_, i) => i);
		const batches = [...batchesOf(formFormat({ maxCount: 1000, maxBytes: 500 }), payloads, queue)];
		expect(batches.flatMap((batch) => batch.itemIndexes)).toEqual(queue);
		for (const batch of batches) {
			expect(bytesOf(batch.body)).toBeLessThanOrEqual(500);
			expect(JSON.parse(batch.body.identification)).toEqual(
				batch.itemIndexes.map((i) => payloads[i]),
			);
		}
		// Items of similar size fill every batch: the next item would have tipped it over.
		for (let k = 0; k < batches.length - 1; k++) {
			const withNext = [...batches[k].itemIndexes, batches[k + 1].itemIndexes[0]];
			const unbounded = requestBody(
				formFormat({ maxCount: 1000, maxBytes: 1e9 }),
				payloads,
				withNext,
			);
			expect(bytesOf(unbounded.body)).toBeGreaterThan(500);
		}
	});

	test('an item larger than the limit on its own goes alone, wherever it is', () => {
		const payloads = [event(0), event(1, 500), event(2), event(3), event(4, 500)];
		const batches = [
			...batchesOf(eventsFormat({ maxCount: 100, maxBytes: 200 }), payloads, [0, 1, 2, 3, 4]),
		];
		expect(indexesOf(batches)).toEqual([[0], [1], [2, 3], [4]]);
	});

	test('both limits apply together', () => {
		const payloads = [0, 1, 2, 3, 4].map((i) => event(i, 20));
		// Bytes would allow more than two of these events; the count allows two.
		const batches = [
			...batchesOf(eventsFormat({ maxCount: 2, maxBytes: 1e6 }), payloads, [0, 1, 2, 3, 4]),
		];
		expect(indexesOf(batches)).toEqual([[0, 1], [2, 3], [4]]);
	});

	test('builds each body only when its batch is asked for, so the next one can wait', () => {
		const serialized = [];
		const payloads = [0, 1, 2, 3, 4].map((i) => ({
			...event(i),
			toJSON() {
				serialized.push(i);
				return event(i);
			},
		}));
		const batches = batchesOf(
			eventsFormat({ maxCount: 2, maxBytes: 1e6 }),
			payloads,
			[0, 1, 2, 3, 4],
		);
		expect(serialized).toEqual([]);
		expect(batches.next().value.itemIndexes).toEqual([0, 1]);
		expect(serialized).toEqual([0, 1]);
		expect(batches.next().value.itemIndexes).toEqual([2, 3]);
		expect(serialized).toEqual([0, 1, 2, 3]);
		expect(batches.next().value.itemIndexes).toEqual([4]);
		expect(batches.next().done).toBe(true);
	});
});

describe('requestBody', () => {
	test('an envelope goes before the events; insert_ids are derived only when a prefix is given', () => {
		const payloads = [event(0)];
		const withEnvelope = requestBody(
			eventsFormat({ maxCount: 10, maxBytes: 1e6, envelope: { options: { min_id_length: 3 } } }),
			payloads,
			[0],
		);
		expect(withEnvelope.body.toString()).toBe(
			'{"options":{"min_id_length":3},"events":[{"event_type":"e","user_id":"user-0","p":""}]}',
		);
		const withIds = requestBody(
			eventsFormat({
				maxCount: 10,
				maxBytes: 1e6,
				insertIds: { prefix: '0123abcd', perItem: true },
			}),
			payloads,
			[0],
		);
		expect(JSON.parse(withIds.body.toString()).events[0].insert_id).toMatch(
			/^0123abcd00000000[0-9a-f]{16}$/,
		);
	});

	test('a form body is the identification field holding a JSON array', () => {
		const payloads = [
			{ group_type: 'company', group_value: 'Acme', group_properties: { plan: 'x' } },
		];
		expect(requestBody(formFormat({ maxCount: 10, maxBytes: 1e6 }), payloads, [0])).toEqual({
			body: {
				identification:
					'[{"group_type":"company","group_value":"Acme","group_properties":{"plan":"x"}}]',
			},
			count: 1,
		});
	});

	test('with no byte limit every item goes in', () => {
		const payloads = Array.from({ length: 50 }, (_, i) => event(i, 100));
		const queue = payloads.map((_, i) => i);
		expect(
			requestBody(eventsFormat({ maxCount: 10, maxBytes: 10 }), payloads, queue, Infinity).count,
		).toBe(50);
	});
});

describe('splitInHalves', () => {
	test.each([
		[
			[1, 2, 3, 4],
			[
				[1, 2],
				[3, 4],
			],
		],
		[
			[1, 2, 3],
			[[1, 2], [3]],
		],
		[
			[1, 2],
			[[1], [2]],
		],
		[[1], [[1], []]],
		[[], [[], []]],
	])('%j → %j', (input, expected) => {
		expect(splitInHalves(input)).toEqual(expected);
	});
});
