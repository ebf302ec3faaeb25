const {
	arrayLayout,
	eventsBody,
	identificationsBody,
} = require('../../dist/nodes/Amplitude/helpers/requestBody');
const { random, randomValue } = require('../support/randomJson');

const PREFIX = '0123abcd';

/** The insert_id the node must derive, computed here independently: FNV-1a, two lanes. */
function expectedInsertId(itemIndex, event) {
	let low = 0x811c9dc5;
	let high = 0xcbf29ce4;
	for (const byte of Buffer.from(JSON.stringify(event), 'utf8')) {
		low = Math.imul(low ^ byte, 0x01000193);
		high = Math.imul(high ^ byte, 0x5bd1e995);
	}
	const hex = (value) => (value >>> 0).toString(16).padStart(8, '0');
	return `${PREFIX}${hex(itemIndex)}${hex(low ^ (low >>> 15))}${hex(high ^ (high >>> 13))}`;
}

const body = (events, itemIndexes, options = {}) =>
	eventsBody(events, itemIndexes, {
		envelope: '',
		maxBytes: 1e6,
		insertIds: { prefix: PREFIX, perItem: true },
		...options,
	});

// Strings that a scan for event boundaries must not be fooled by.
const TRICKY = [
	{ event_type: 'brace }{ in text', user_id: 'user-1' },
	{
		event_type: 'quote " and \\" escaped',
		user_id: 'user-2',
		event_properties: { a: '\\', b: '"}' },
	},
	{
		event_type: 'unicode é ✓ 😀',
		user_id: 'user-3',
		event_properties: { nested: [{ x: [1, { y: '}]' }] }] },
	},
	{ event_type: 'control \n\t\u0001', device_id: 'device-4' },
];

describe('eventsBody', () => {
	test('events keep their members and get an insert_id derived from item index and their own bytes', () => {
		const itemIndexes = [7, 8, 9, 10];
		const events = [];
		itemIndexes.forEach((itemIndex, k) => (events[itemIndex] = TRICKY[k]));
		const result = body(events, itemIndexes);
		expect(result.count).toBe(4);
		const sent = JSON.parse(result.body.toString('utf8')).events;
		expect(sent).toEqual(
			TRICKY.map((event, k) => ({ ...event, insert_id: expectedInsertId(itemIndexes[k], event) })),
		);
		// The insert_id is appended as the last member: each event's bytes are its own plus it.
		const text = result.body.toString('utf8');
		for (const [k, event] of TRICKY.entries()) {
			const own = JSON.stringify(event);
			expect(text).toContain(
				`${own.slice(0, -1)},"insert_id":"${expectedInsertId(itemIndexes[k], event)}"}`,
			);
		}
	});

	test('an event with its own insert_id keeps it and gets none added', () => {
		const events = [{ event_type: 'a', user_id: 'user-1', insert_id: 'crm-42' }];
		expect(body(events, [0]).body.toString()).toBe(
			'{"events":[{"event_type":"a","user_id":"user-1","insert_id":"crm-42"}]}',
		);
	});

	test('without a derivation nothing is added', () => {
		const events = [{ event_type: 'a', user_id: 'user-1' }];
		expect(body(events, [0], { insertIds: undefined }).body.toString()).toBe(
			'{"events":[{"event_type":"a","user_id":"user-1"}]}',
		);
	});

	test('an ID standing for content alone leaves the item index out', () => {
		const events = [
			{ event_type: 'a', user_id: 'user-1' },
			{ event_type: 'a', user_id: 'user-1' },
		];
		const ids = JSON.parse(
			body(events, [0, 1], { insertIds: { prefix: PREFIX, perItem: false } }).body.toString(),
		).events.map((e) => e.insert_id);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[0]).toBe(`${PREFIX}00000000${expectedInsertId(7, events[0]).slice(16)}`);
	});

	test('an empty object gets the insert_id as its only member', () => {
		expect(JSON.parse(body([{}], [0]).body.toString()).events).toEqual([
			{ insert_id: expectedInsertId(0, {}) },
		]);
	});

	test('the envelope goes first', () => {
		const result = body([{ event_type: 'a', user_id: 'user-1', insert_id: 'x' }], [0], {
			envelope: '"options":{"min_id_length":3},',
		});
		expect(result.body.toString()).toBe(
			'{"options":{"min_id_length":3},"events":[{"event_type":"a","user_id":"user-1","insert_id":"x"}]}',
		);
	});

	test('the same events give the same bytes; another item index gives another insert_id', () => {
		const events = [
			{ event_type: 'a', user_id: 'user-1' },
			{ event_type: 'a', user_id: 'user-1' },
		];
		expect(body(events, [0]).body.equals(body(events, [0]).body)).toBe(true);
		const [first, second] = JSON.parse(body(events, [0, 1]).body.toString()).events;
		expect(first.insert_id).not.toBe(second.insert_id);
	});

	test('stops before the event that would pass maxBytes, but always carries one', () => {
		const events = Array.from({ length: 10 }, (_, i) => ({
			event_type: 'e',
			user_id: `user-${i}`,
			pad: 'x'.repeat(50),
		}));
		const itemIndexes = events.map((_, i) => i);
		const all = body(events, itemIndexes);
		const limit = Math.floor(all.body.length / 2);
		const cut = body(events, itemIndexes, { maxBytes: limit });
		expect(cut.count).toBeGreaterThan(0);
		expect(cut.count).toBeLessThan(10);
		expect(cut.body.length).toBeLessThanOrEqual(limit);
		const sent = JSON.parse(cut.body.toString()).events;
		expect(sent).toHaveLength(cut.count);
		// One more event would not have fitted.
		expect(body(events, itemIndexes.slice(0, cut.count + 1)).body.length).toBeGreaterThan(limit);
		const one = body(events, itemIndexes, { maxBytes: 10 });
		expect(one.count).toBe(1);
		expect(JSON.parse(one.body.toString()).events).toHaveLength(1);
	});

	test('tiny, empty, multi-byte and own-ID events side by side, and a cut partway through', () => {
		// Tiny and empty events (which grow the most relative to their size) next to large and
		// multi-byte ones, events that keep their own insert_id between derived ones, and a cut by
		// maxBytes partway through.
		const events = Array.from({ length: 60 }, (_, i) => {
			if (i % 5 === 0) return {};
			if (i % 5 === 1) return { event_type: 'ü'.repeat(i), user_id: `user-${i}` };
			if (i % 5 === 2) return { ...TRICKY[i % TRICKY.length], insert_id: `own-${i}` };
			if (i % 5 === 3) return { e: i };
			return { event_type: 'pad', user_id: `user-${i}`, pad: '}],{"x'.repeat(i) };
		});
		const itemIndexes = events.map((_, i) => i);
		const expected = (event, itemIndex) =>
			event.insert_id === undefined
				? { ...event, insert_id: expectedInsertId(itemIndex, event) }
				: event;
		const all = body(events, itemIndexes);
		expect(all.count).toBe(60);
		expect(JSON.parse(all.body.toString('utf8')).events).toEqual(events.map(expected));
		const cut = body(events, itemIndexes, { maxBytes: Math.floor(all.body.length / 3) });
		expect(cut.count).toBeGreaterThan(1);
		expect(cut.count).toBeLessThan(60);
		expect(JSON.parse(cut.body.toString('utf8')).events).toEqual(
			events.slice(0, cut.count).map(expected),
		);
	});
});

describe('eventsBody on random events', () => {
	// Events whose members are anything JSON.stringify meets; a third keep their own insert_id.
	const next = random(7);
	const events = Array.from({ length: 300 }, (_, i) => {
		const extra = randomValue(next);
		const event = {
			event_type: `e${i}`,
			...(extra && typeof extra === 'object' && !Array.isArray(extra) ? extra : { extra }),
		};
		delete event.insert_id;
		if (i % 3 === 0) event.insert_id = `own-${i}`;
		return event;
	});
	const itemIndexes = events.map((_, i) => i);
	const expectedText = (count) =>
		`{"events":[${events
			.slice(0, count)
			.map((event, i) => {
				const own = JSON.stringify(event);
				return event.insert_id === undefined
					? `${own.slice(0, -1)}${own === '{}' ? '' : ','}"insert_id":"${expectedInsertId(i, event)}"}`
					: own;
			})
			.join(',')}]}`;

	test('every event carries the bytes JSON.stringify gives it, then its insert_id from the hash of those bytes', () => {
		const result = body(events, itemIndexes);
		expect(result.count).toBe(300);
		expect(result.body.toString('utf8')).toBe(expectedText(300));
	});

	test('a cut by maxBytes keeps whole events and the same bytes', () => {
		const all = body(events, itemIndexes).body.length;
		const cut = body(events, itemIndexes, { maxBytes: Math.floor(all / 3) });
		expect(cut.count).toBeGreaterThan(1);
		expect(cut.count).toBeLessThan(300);
		expect(cut.body.toString('utf8')).toBe(expectedText(cut.count));
	});
});

test('eventsBody refuses an event that does not serialize to an object, rather than send it broken', () => {
	const events = [{ event_type: 'a' }, { toJSON: () => 'text' }];
	expect(() => body(events, [0, 1])).toThrow(
		'The event of item 1 does not serialize to a JSON object',
	);
	expect(body(events, [1], { insertIds: undefined }).body.toString()).toBe('{"events":["text"]}');
});

// What n8n sends for a form field (URLSearchParams), without the field name.
const formBytes = (text) => new URLSearchParams({ x: text }).toString().length - 2;

describe('identificationsBody', () => {
	const identifications = [
		{ user_id: 'user-1', user_properties: { $set: { plan: 'pro plan (annual)' } } },
		{ user_id: 'user-2', user_properties: { $set: { city: 'Zürich' } } },
		{ user_id: 'user-3', user_properties: { $add: { logins: 1 } } },
	];

	test('the identification field holds the JSON array', () => {
		expect(identificationsBody(identifications, [0, 1, 2], 1e6)).toEqual({
			body: { identification: JSON.stringify(identifications) },
			count: 3,
		});
	});

	test('cuts by form-encoded bytes, exactly as n8n encodes the form', () => {
		const full = JSON.stringify(identifications.slice(0, 2));
		const fits = identificationsBody(identifications, [0, 1, 2], formBytes(full));
		expect(fits).toEqual({ body: { identification: full }, count: 2 });
		const short = identificationsBody(identifications, [0, 1, 2], formBytes(full) - 1);
		expect(short).toEqual({
			body: { identification: JSON.stringify(identifications.slice(0, 1)) },
			count: 1,
		});
		expect(identificationsBody(identifications, [2, 0], 1)).toEqual({
			body: { identification: JSON.stringify([identifications[2]]) },
			count: 1,
		});
	});
});

describe('arrayLayout', () => {
	test('finds each top-level object, whatever its strings hold', () => {
		const json = Buffer.from(JSON.stringify(TRICKY), 'utf8');
		const { starts, ends } = arrayLayout(json);
		expect(starts).toHaveLength(TRICKY.length);
		starts.forEach((start, k) => {
			expect(JSON.parse(json.subarray(start, ends[k] + 1).toString('utf8'))).toEqual(TRICKY[k]);
		});
	});

	test('an empty array has no elements', () => {
		expect(arrayLayout(Buffer.from('[]'))).toEqual({ starts: [], ends: [] });
	});

	test.each([
		['a cut object', '[{"a":{"b":1}'],
		['a cut string', '[{"a":"b\\"}]'],
	])('%s is an error, not a loop without end', (_, text) => {
		expect(() => arrayLayout(Buffer.from(text))).toThrow('Unterminated JSON element');
	});
});
