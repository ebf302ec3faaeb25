const { batchesOf, splitInHalves } = require('../../dist/nodes/Amplitude/helpers/batch');

const chunkPendings = (pendings, limits) => [...batchesOf(pendings, limits)];

const pending = (itemIndex, bytes) => ({ itemIndex, payload: { n: itemIndex }, bytes });
const indexes = (batches) => batches.map((batch) => batch.map((p) => p.itemIndex));

describe('batchesOf', () => {
	test('no pendings, no batches', () => {
		expect(chunkPendings([], { maxCount: 10, maxBytes: 100 })).toEqual([]);
	});

	test('splits by count, in order', () => {
		const pendings = [0, 1, 2, 3, 4, 5, 6].map((i) => pending(i, 10));
		expect(indexes(chunkPendings(pendings, { maxCount: 3, maxBytes: 1e6 }))).toEqual([
			[0, 1, 2],
			[3, 4, 5],
			[6],
		]);
	});

	test('keeps the pending objects themselves', () => {
		const pendings = [pending(0, 1), pending(1, 1)];
		const [batch] = chunkPendings(pendings, { maxCount: 5, maxBytes: 100 });
		expect(batch[0]).toBe(pendings[0]);
		expect(batch[1]).toBe(pendings[1]);
	});

	test('counts one separator byte between payloads: exactly at the limit fits', () => {
		// 10 + 1 + 10 + 1 + 10 = 32
		const pendings = [0, 1, 2].map((i) => pending(i, 10));
		expect(indexes(chunkPendings(pendings, { maxCount: 100, maxBytes: 32 }))).toEqual([[0, 1, 2]]);
	});

	test('counts separators: one byte short splits', () => {
		const pendings = [0, 1, 2].map((i) => pending(i, 10));
		expect(indexes(chunkPendings(pendings, { maxCount: 100, maxBytes: 31 }))).toEqual([
			[0, 1],
			[2],
		]);
		// Without separators 20 bytes would fit in 20; with one it needs 21.
		expect(indexes(chunkPendings(pendings, { maxCount: 100, maxBytes: 20 }))).toEqual([
			[0],
			[1],
			[2],
		]);
		expect(indexes(chunkPendings(pendings, { maxCount: 100, maxBytes: 21 }))).toEqual([
			[0, 1],
			[2],
		]);
	});

	test('splits by bytes with varied sizes', () => {
		const pendings = [
			pending(0, 40),
			pending(1, 50),
			pending(2, 5),
			pending(3, 60),
			pending(4, 39),
		];
		// [40,50]=91; +5 → 97; +60 → 158 > 100; [60,39]=100
		expect(indexes(chunkPendings(pendings, { maxCount: 100, maxBytes: 100 }))).toEqual([
			[0, 1, 2],
			[3, 4],
		]);
	});

	test('an oversize payload goes alone, wherever it is', () => {
		const pendings = [pending(0, 10), pending(1, 500), pending(2, 10), pending(3, 10)];
		expect(indexes(chunkPendings(pendings, { maxCount: 100, maxBytes: 100 }))).toEqual([
			[0],
			[1],
			[2, 3],
		]);
		const first = [pending(0, 500), pending(1, 10)];
		expect(indexes(chunkPendings(first, { maxCount: 100, maxBytes: 100 }))).toEqual([[0], [1]]);
		const last = [pending(0, 10), pending(1, 500)];
		expect(indexes(chunkPendings(last, { maxCount: 100, maxBytes: 100 }))).toEqual([[0], [1]]);
	});

	test('both limits apply together', () => {
		const pendings = [0, 1, 2, 3, 4].map((i) => pending(i, 30));
		// bytes allow 3 (30+1+30+1+30=92), count allows 2
		expect(indexes(chunkPendings(pendings, { maxCount: 2, maxBytes: 100 }))).toEqual([
			[0, 1],
			[2, 3],
			[4],
		]);
	});

	test('every batch stays within its limits', () => {
		const sizes = [5, 80, 33, 1, 99, 100, 2, 47, 48, 3];
		const pendings = sizes.map((bytes, i) => pending(i, bytes));
		const batches = chunkPendings(pendings, { maxCount: 4, maxBytes: 100 });
		expect(batches.flat().map((p) => p.itemIndex)).toEqual(sizes.map((_, i) => i));
		for (const batch of batches) {
			expect(batch.length).toBeLessThanOrEqual(4);
			const total = batch.reduce((sum, p) => sum + p.bytes, 0) + batch.length - 1;
			expect(total).toBeLessThanOrEqual(100);
		}
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

test('batchesOf prepares each pending only when its batch is formed, so the next batch can wait', () => {
	const prepared = [];
	const pendings = [0, 1, 2, 3, 4].map((itemIndex) => ({ itemIndex, payload: {}, bytes: 0 }));
	const batches = batchesOf(pendings, { maxCount: 2, maxBytes: 1e6 }, (pending) => {
		prepared.push(pending.itemIndex);
		pending.bytes = 10;
	});
	expect(batches.next().value.map((p) => p.itemIndex)).toEqual([0, 1]);
	// The third pending was prepared to find out that the first batch was full.
	expect(prepared).toEqual([0, 1, 2]);
	expect(batches.next().value.map((p) => p.itemIndex)).toEqual([2, 3]);
	expect(prepared).toEqual([0, 1, 2, 3, 4]);
	expect(batches.next().value.map((p) => p.itemIndex)).toEqual([4]);
	expect(batches.next().done).toBe(true);
});
