// The pacer that spaces request starts (user mapping, deletions): on a fake clock that n8n's
// sleep advances, so the test sees the schedule without waiting.
const workflow = require('n8n-workflow');
const { pacer } = require('../../dist/nodes/Amplitude/transport/delivery');

let clock;
let original;
const waits = [];

beforeEach(() => {
	clock = 10_000;
	waits.length = 0;
	original = Object.getOwnPropertyDescriptor(workflow, 'sleep');
	Object.defineProperty(workflow, 'sleep', {
		configurable: true,
		writable: true,
		value: async (ms) => {
			waits.push(ms);
			clock += ms;
		},
	});
});
afterEach(() => Object.defineProperty(workflow, 'sleep', original));

test('starts are spaced by the interval; the first goes at once', async () => {
	const pace = pacer(1000, () => clock);
	const starts = [];
	for (let i = 0; i < 4; i++) {
		await pace.wait();
		starts.push(clock);
		clock += 150; // the request takes 150 ms
	}
	expect(starts).toEqual([10_000, 11_000, 12_000, 13_000]);
	expect(waits).toEqual([850, 850, 850]);
});

test('no wait when the previous start is long enough ago', async () => {
	const pace = pacer(1000, () => clock);
	await pace.wait();
	clock += 2500;
	await pace.wait();
	expect(waits).toEqual([]);
});

test('callers in parallel take turns, each a full interval after the one before', async () => {
	const pace = pacer(25, () => clock);
	await Promise.all(Array.from({ length: 5 }, async () => await pace.wait()));
	expect(waits).toEqual([25, 25, 25, 25]);
	expect(clock).toBe(10_100);
});

test('counted from the answer: the next request waits the interval after the previous one ended', async () => {
	const pace = pacer(1000, () => clock);
	const starts = [];
	for (let i = 0; i < 3; i++) {
		await pace.wait();
		starts.push(clock);
		clock += 300; // the request takes 300 ms
		pace.answered();
	}
	expect(starts).toEqual([10_000, 11_300, 12_600]);
	expect(waits).toEqual([1000, 1000]);
});
