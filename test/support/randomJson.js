// Seeded random JSON-ish values, for tests that compare a writer with JSON.stringify.

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const UNITS = [
	'a',
	'Z',
	'0',
	' ',
	'"',
	'\\',
	'/',
	'\n',
	'\u0000',
	'\u001f',
	'\u007f',
	'é',
	'€',
	'\ud83d',
	'\ude00',
	'😀',
	'}',
	']',
	',',
	':',
];

/**
 * A value of any kind JSON.stringify meets: strings full of characters to escape or encode,
 * numbers JSON writes oddly, what it leaves out, toJSON and boxed values, nested lists and objects.
 */
function randomValue(next, depth = 0) {
	const pick = (list) => list[Math.floor(next() * list.length)];
	const text = () => Array.from({ length: Math.floor(next() * 12) }, () => pick(UNITS)).join('');
	const kind = depth > 5 ? Math.floor(next() * 5) : Math.floor(next() * 9);
	switch (kind) {
		case 0:
			return text();
		case 1:
			return pick([0, -0, 7, -42, 3.25, 1e21, 1e-7, NaN, Infinity, 2 ** 31, next() * 1e6]);
		case 2:
			return pick([true, false, null]);
		case 3:
			return pick([undefined, () => 0, Symbol('x')]);
		case 4:
			return pick([new Date(Date.UTC(2026, 0, Math.floor(next() * 365))), new Number(1.5)]);
		case 5:
		case 6:
			return Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1));
		default: {
			const object = {};
			const count = Math.floor(next() * 6);
			for (let i = 0; i < count; i++) {
				const key = next() < 0.2 ? String(Math.floor(next() * 20)) : text();
				object[key] = randomValue(next, depth + 1);
			}
			return object;
		}
	}
}

module.exports = { random, randomValue };
