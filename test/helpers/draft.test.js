const { Draft } = require('../../dist/nodes/Amplitude/helpers/draft');

test('with no real change the source itself is the result', () => {
	const source = { a: 1, b: 'x' };
	const draft = new Draft(source);
	draft.set('a', 1);
	draft.remove('missing');
	expect(draft.result).toBe(source);
	expect(draft.get('b')).toBe('x');
});

test('the first change copies; the source is never modified', () => {
	const source = { a: 1, b: 'x', c: true };
	const draft = new Draft(source);
	draft.set('a', 2);
	draft.remove('b');
	draft.set('d', null);
	expect(draft.result).toEqual({ a: 2, c: true, d: null });
	expect(Object.keys(draft.result)).toEqual(['a', 'c', 'd']);
	expect(source).toEqual({ a: 1, b: 'x', c: true });
});

test('setting an own key to undefined is a change; an absent key set to undefined is too', () => {
	const draft = new Draft({ a: 1 });
	draft.set('b', undefined);
	expect(Object.prototype.hasOwnProperty.call(draft.result, 'b')).toBe(true);
});
