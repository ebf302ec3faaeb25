const { JsonBytes } = require('../../dist/nodes/Amplitude/helpers/jsonBytes');
const { random, randomValue } = require('../support/randomJson');

/** What the writer writes for `value` as an array element, or `null` where it writes nothing. */
function written(value, capacity = 64) {
	const writer = new JsonBytes(capacity);
	writer.startHash();
	const kept = writer.value(value, 0);
	return { text: kept ? writer.result().toString('utf8') : 'null', kept, writer };
}

/** JSON.stringify's text for `value` as the element at index 0 of an array. */
const expected = (value) => JSON.stringify([value]).slice(1, -1);

/** FNV-1a in the two lanes of insertId.ts, over `bytes`, computed here on its own. */
function lanes(bytes) {
	let low = 0x811c9dc5;
	let high = 0xcbf29ce4;
	for (const byte of bytes) {
		low = Math.imul(low ^ byte, 0x01000193);
		high = Math.imul(high ^ byte, 0x5bd1e995);
	}
	return { low, high };
}

const same = (value) => {
	const { text, writer } = written(value);
	expect(text).toBe(expected(value));
	return writer;
};

describe('JsonBytes writes what JSON.stringify writes', () => {
	test('strings: escapes, control characters, DEL, multi-byte characters, pairs and lone surrogates', () => {
		for (const text of [
			'',
			'plain',
			'quote " backslash \\ slash /',
			'\b\f\n\r\t',
			'\u0000\u0001\u001f \u007f',
			'é ü ß ñ',
			'✓ € ☃',
			'😀 𝄞',
			'lone high \ud800 end',
			'lone low \udc00 end',
			'\ud800',
			'\udbff\udbff\udfff',
			'x'.repeat(5000),
		]) {
			same(text);
		}
	});

	test('numbers: integers, -0, fractions, exponents, and non-finite numbers as null', () => {
		for (const number of [
			0,
			-0,
			1,
			-1,
			9,
			10,
			99,
			100,
			-10,
			999999999,
			1000000000,
			-1000000000,
			2147483647,
			-2147483647,
			-2147483648,
			4294967296,
			0.1,
			-1.5e-7,
			5e-7,
			1e21,
			123456789012345680000,
			Number.MAX_VALUE,
			Number.MIN_VALUE,
			Number.MAX_SAFE_INTEGER,
			NaN,
			Infinity,
			-Infinity,
		]) {
			same(number);
		}
	});

	test('literals, and what JSON leaves out: undefined, functions and symbols are skipped in objects and null in arrays', () => {
		same(true);
		same(false);
		same(null);
		expect(written(undefined).kept).toBe(false);
		expect(written(() => 1).kept).toBe(false);
		expect(written(Symbol('s')).kept).toBe(false);
		same({ a: undefined, b: () => 1, c: Symbol('c'), d: 1, e: undefined });
		same([undefined, () => 1, Symbol('c'), 1]);
		same({ only: undefined });
		same([1, , 3]);
		same(new Array(3));
	});

	test('objects: own enumerable keys in JSON order (integer keys first), escaped keys, nesting', () => {
		same({ b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'minus', 10: 'ten', '01': 'zero-one' });
		same({ '': 'empty key', 'k"ey': 1, 'line\nbreak': 2, é: 3, '😀': 4, '\ud800': 5 });
		same({ nested: { deeper: [{ x: [1, { y: '}]' }] }], empty: {}, list: [] } });
		same(JSON.parse('{"__proto__": {"a": 1}, "b": 2}'));
		const withHidden = { shown: 1 };
		Object.defineProperty(withHidden, 'hidden', { value: 2, enumerable: false });
		same(withHidden);
		const inherits = Object.create({ inherited: 1 });
		inherits.own = 2;
		same(inherits);
		const bare = Object.create(null);
		bare.z = 1;
		bare.a = [bare.z];
		same(bare);
		same({ [Symbol('s')]: 1, kept: 2 });
	});

	test('getters are read once, as JSON.stringify reads them', () => {
		let reads = 0;
		const value = {
			get counted() {
				reads++;
				return reads;
			},
		};
		expect(written(value).text).toBe('{"counted":1}');
		expect(reads).toBe(1);
	});

	test('toJSON gets the member key; Dates, Buffers and toJSON results that JSON leaves out', () => {
		const keyed = { toJSON: (key) => `key:${key}` };
		same({ a: keyed, list: [keyed, keyed] });
		same(new Date(Date.UTC(2026, 11, 1, 7, 30)));
		same({ when: new Date(Date.UTC(2026, 0, 1)), invalid: new Date(NaN) });
		same(Buffer.from('hi'));
		same({ gone: { toJSON: () => undefined }, kept: 1 });
		same([{ toJSON: () => undefined }]);
		same({ nested: { toJSON: () => ({ again: { toJSON: () => 'deep' } }) } });
		const callable = Object.assign(() => 1, { toJSON: () => 'callable' });
		same({ callable });
	});

	test('boxed primitives, class instances, Maps, Sets and typed arrays', () => {
		same([new Number(3), new String('s'), new Boolean(false), Object(0)]);
		class Point {
			constructor() {
				this.x = 1;
				this.y = 2;
			}
		}
		same({ point: new Point(), map: new Map([[1, 2]]), set: new Set([1]) });
		same(new Uint8Array([1, 2, 3]));
		same(Object(Symbol('boxed')));
	});

	test('values nested deeper than the writer goes are handed to JSON.stringify, toJSON keys included', () => {
		let deep = { leaf: 'x', when: { toJSON: (key) => `at ${key}` } };
		for (let i = 0; i < 40; i++) deep = i % 2 ? { [`level${i}`]: deep } : [deep, i];
		same(deep);
		const skipped = [{ toJSON: () => undefined }];
		let holder = skipped;
		for (let i = 0; i < 40; i++) holder = { next: holder };
		same(holder);
	});

	test('circular structures and BigInts throw TypeErrors, as JSON.stringify does', () => {
		const loop = { name: 'loop' };
		loop.self = loop;
		expect(() => written(loop)).toThrow(TypeError);
		const list = [];
		list.push({ list });
		expect(() => written(list)).toThrow(TypeError);
		expect(() => written({ big: 10n })).toThrow(TypeError);
		expect(() => written({ big: Object(10n) })).toThrow(TypeError);
		expect(() => JSON.stringify({ big: Object(10n) })).toThrow(TypeError);
	});

	test('the content hash covers exactly the bytes written since startHash, members left out included not', () => {
		const value = { a: 'é😀', skip: undefined, fn: () => 1, n: [1.5, null, true], s: '\n' };
		const writer = same(value);
		expect({ low: writer.low, high: writer.high }).toEqual(lanes(Buffer.from(expected(value))));
	});

	test('a result far smaller than the writer started with is copied out, not held in the large start', () => {
		const big = new JsonBytes(1 << 20);
		big.value('x'.repeat(10000), 0);
		expect(big.result().buffer.byteLength).toBeLessThan(1 << 16);
		expect(big.result().toString()).toBe(JSON.stringify('x'.repeat(10000)));
		// Grown by doubling to fit many short strings, it is more than half full: shared.
		const grown = new JsonBytes(64);
		grown.value(new Array(2000).fill('ab'), 0);
		expect(grown.result().buffer).toBe(grown.bytes.buffer);
		expect(grown.result().toString()).toBe(JSON.stringify(new Array(2000).fill('ab')));
	});

	test('raw bytes stay outside the hash; the buffer grows as needed from a tiny start', () => {
		const writer = new JsonBytes(1);
		writer.raw(Buffer.from('[', 'latin1'));
		writer.startHash();
		const value = { long: 'ü'.repeat(3000), list: Array.from({ length: 500 }, (_, i) => i) };
		writer.value(value, 0);
		writer.rawByte(0x5d);
		expect(writer.result().toString('utf8')).toBe(JSON.stringify([value]));
		expect({ low: writer.low, high: writer.high }).toEqual(
			lanes(Buffer.from(JSON.stringify(value))),
		);
		writer.truncate(1);
		expect(writer.result().toString('utf8')).toBe('[');
	});
});

test('random values give JSON.stringify bytes and the hash of those bytes (2000 values, seeded)', () => {
	const next = random(20261201);
	for (let i = 0; i < 2000; i++) {
		const value = randomValue(next);
		const { text, writer, kept } = written(value, 8);
		expect(text).toBe(expected(value));
		if (kept) {
			expect({ low: writer.low, high: writer.high }).toEqual(lanes(Buffer.from(text, 'utf8')));
		}
	}
});
