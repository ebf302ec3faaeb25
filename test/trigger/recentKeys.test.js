const { RecentKeys, recentKeysOf } = require('../../dist/nodes/Amplitude/trigger/recentKeys');
const { TRIGGER_DEDUP } = require('../../dist/nodes/Amplitude/limits');

const HOUR = 3_600_000;

describe('RecentKeys', () => {
	test('remembers keys and forgets them on request', () => {
		const memory = new RecentKeys(10, HOUR);
		memory.remember(['a', 'b'], 0);
		expect([memory.has('a', 1), memory.has('b', 1), memory.has('c', 1)]).toEqual([
			true,
			true,
			false,
		]);
		memory.forget(['a']);
		expect(memory.has('a', 2)).toBe(false);
		expect(memory.size).toBe(1);
	});

	test('keeps at most maxKeys: the oldest go first', () => {
		const memory = new RecentKeys(3, HOUR);
		memory.remember(['k1', 'k2'], 0);
		memory.remember(['k3', 'k4'], 1);
		memory.remember(['k5'], 2);
		expect(memory.size).toBe(3);
		expect(['k1', 'k2', 'k3', 'k4', 'k5'].filter((k) => memory.has(k, 3))).toEqual([
			'k3',
			'k4',
			'k5',
		]);
	});

	test('a key lasts windowMs from when it was first seen; seeing it again does not extend it', () => {
		const memory = new RecentKeys(10, HOUR);
		memory.remember(['a'], 0);
		memory.remember(['a', 'b'], HOUR / 2);
		expect(memory.has('a', HOUR - 1)).toBe(true);
		expect(memory.has('a', HOUR)).toBe(false);
		expect(memory.has('b', HOUR)).toBe(true);
		expect(memory.has('b', HOUR + HOUR / 2)).toBe(false);
		expect(memory.size).toBe(0);
	});

	test('the defaults are the limits in limits.ts', () => {
		const memory = new RecentKeys();
		const keys = Array.from({ length: TRIGGER_DEDUP.maxKeys + 5 }, (_, i) => `k${i}`);
		memory.remember(keys, 0);
		expect(memory.size).toBe(TRIGGER_DEDUP.maxKeys);
		expect(memory.has('k4', 1)).toBe(false);
		expect(memory.has('k5', 1)).toBe(true);
		expect(memory.has('k5', TRIGGER_DEDUP.windowMs)).toBe(false);
	});
});

test('recentKeysOf: one memory per workflow, node and mode', () => {
	const a = recentKeysOf('wf-rk', 'node-1', 'webhook');
	expect(recentKeysOf('wf-rk', 'node-1', 'webhook')).toBe(a);
	expect(recentKeysOf('wf-rk', 'node-1', 'manual')).not.toBe(a);
	expect(recentKeysOf('wf-rk', 'node-2', 'webhook')).not.toBe(a);
	expect(recentKeysOf('wf-rk2', 'node-1', 'webhook')).not.toBe(a);
});
