const {
	checkPropertyOperations,
	USER_PROPERTY_OPERATIONS,
} = require('../../dist/nodes/Amplitude/helpers/properties');
const { InvalidInput } = require('../../dist/nodes/Amplitude/helpers/errors');

function errorOf(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

const USER_OPS =
	'$set, $setOnce, $add, $append, $prepend, $unset, $preInsert, $postInsert, $remove, $clearAll';
const GROUP_OPS = '$set, $setOnce, $add, $append, $prepend, $unset';

test('the user property operations are exactly those Amplitude documents', () => {
	expect(USER_PROPERTY_OPERATIONS).toEqual([
		'$set',
		'$setOnce',
		'$add',
		'$append',
		'$prepend',
		'$unset',
		'$preInsert',
		'$postInsert',
		'$remove',
		'$clearAll',
	]);
});

describe('valid properties pass', () => {
	test.each([
		[{}],
		[{ plan: 'pro', seats: 3 }],
		[{ $set: { plan: 'pro' }, $add: { logins: 1 }, $unset: { trial: '-' } }],
		[
			{
				$setOnce: { first: 'x' },
				$append: { tags: 'a' },
				$prepend: { tags: 'b' },
				$preInsert: { a: 1 },
				$postInsert: { a: 2 },
				$remove: { tags: 'c' },
			},
		],
		[{ $clearAll: '-' }],
	])('user %j', (properties) => {
		expect(checkPropertyOperations(properties, 'User Properties')).toBeUndefined();
	});

	test('group properties with group operations', () => {
		expect(
			checkPropertyOperations(
				{ $set: { plan: 'enterprise' }, $add: { seats: 5 } },
				'Group Properties',
				true,
			),
		).toBeUndefined();
		expect(
			checkPropertyOperations({ plan: 'enterprise' }, 'Group Properties', true),
		).toBeUndefined();
	});
});

test('mixing operations and plain keys is refused with the $set fix', () => {
	const error = errorOf(() =>
		checkPropertyOperations({ $set: { a: 1 }, plan: 'pro', seats: 2 }, 'User Properties'),
	);
	expect(error).toBeInstanceOf(InvalidInput);
	expect(error.message).toBe(
		`'User Properties' mixes operations ($set) with plain keys (plan, seats), which Amplitude rejects. Move the plain keys into "$set": {"$set": {"plan": ...}}`,
	);
});

test('an unknown operation is refused with the list of known ones', () => {
	const error = errorOf(() => checkPropertyOperations({ $increment: { a: 1 } }, 'User Properties'));
	expect(error).toBeInstanceOf(InvalidInput);
	expect(error.message).toBe(
		`'User Properties' has an unknown operation "$increment". Use one of ${USER_OPS}`,
	);
});

test.each([['$remove'], ['$preInsert'], ['$postInsert'], ['$clearAll']])(
	'group properties refuse the user-only operation %s',
	(operation) => {
		const error = errorOf(() =>
			checkPropertyOperations(
				{ [operation]: operation === '$clearAll' ? '-' : { a: 1 } },
				'Group Properties',
				true,
			),
		);
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'Group Properties' has an unknown operation "${operation}". Use one of ${GROUP_OPS}`,
		);
	},
);

test.each([
	['$set', 'pro', '"pro"'],
	['$add', 1, '"pro"'],
	['$append', ['a'], '"pro"'],
	['$set', null, '"pro"'],
	['$unset', 'plan', '"-"'],
])(
	'operation %s holding %j (not an object) is refused with an example',
	(operation, value, example) => {
		const error = errorOf(() => checkPropertyOperations({ [operation]: value }, 'User Properties'));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(
			`'User Properties' operation "${operation}" must hold an object of properties, e.g. {"${operation}": {"plan": ${example}}}`,
		);
	},
);

test('$clearAll holds "-" and may stand beside other operations', () => {
	expect(
		checkPropertyOperations({ $clearAll: '-', $set: { plan: 'pro' } }, 'User Properties'),
	).toBeUndefined();
});

test('$clearAll with plain keys is still a mix', () => {
	expect(
		errorOf(() => checkPropertyOperations({ $clearAll: '-', plan: 'x' }, 'User Properties'))
			.message,
	).toBe(
		`'User Properties' mixes operations ($clearAll) with plain keys (plan), which Amplitude rejects. Move the plain keys into "$set": {"$set": {"plan": ...}}`,
	);
});

describe('mergePropertyOperations', () => {
	const { mergePropertyOperations } = require('../../dist/nodes/Amplitude/helpers/properties');
	const LABELS = { json: 'User Properties', list: 'User Property Operations' };
	const entry = (type, property, value, literal = true) => ({ type, property, value, literal });
	const merge = (json, entries, group = false) =>
		mergePropertyOperations(json, entries, LABELS, group);

	test('without list entries the JSON comes back as it is, plain keys or operations', () => {
		const plain = { plan: 'pro' };
		expect(merge(plain, [])).toBe(plain);
		expect(merge(undefined, [])).toBeUndefined();
	});

	test('list entries become one object of operations; literal values are typed as JSON', () => {
		expect(
			merge(undefined, [
				entry('$set', 'plan', 'pro'),
				entry('$set', 'seats', '42'),
				entry('$set', 'trial', 'false'),
				entry('$set', 'zip', '"02139"'),
				entry('$setOnce', 'first_seen', '2026-11-30'),
				entry('$add', 'logins', '1'),
				entry('$append', 'tags', '["a","b"]'),
				entry('$set', 'address', '{"city":"Berlin"}'),
				entry('$unset', 'legacy', ''),
				entry('$remove', 'labels', 'old'),
			]),
		).toEqual({
			$set: { plan: 'pro', seats: 42, trial: false, zip: '02139', address: { city: 'Berlin' } },
			$setOnce: { first_seen: '2026-11-30' },
			$add: { logins: 1 },
			$append: { tags: ['a', 'b'] },
			$unset: { legacy: '-' },
			$remove: { labels: 'old' },
		});
	});

	test('an expression keeps the type it produced: a number stays a number, text stays text', () => {
		expect(
			merge(undefined, [
				entry('$set', 'seats', 42, false),
				entry('$set', 'code', '42', false),
				entry('$add', 'credits', -3, false),
			]),
		).toEqual({ $set: { seats: 42, code: '42' }, $add: { credits: -3 } });
	});

	test('plain keys of the JSON count as $set; JSON operations merge with the list', () => {
		expect(merge({ plan: 'pro', seats: 3 }, [entry('$add', 'logins', '1')])).toEqual({
			$set: { plan: 'pro', seats: 3 },
			$add: { logins: 1 },
		});
		expect(merge({ $set: { plan: 'pro' } }, [entry('$set', 'seats', '3')])).toEqual({
			$set: { plan: 'pro', seats: 3 },
		});
	});

	test('$clearAll needs no property or value', () => {
		expect(merge(undefined, [entry('$clearAll', '', '')])).toEqual({ $clearAll: '-' });
	});

	test.each([
		[
			{ plan: 'pro' },
			[entry('$unset', 'plan', '')],
			`"plan" is changed twice: by $set in 'User Properties' and by $unset in 'User Property Operations'. Amplitude applies one operation per property; keep one of them`,
		],
		[
			undefined,
			[entry('$set', 'plan', 'a'), entry('$setOnce', 'plan', 'b')],
			`"plan" is changed twice: by $set in 'User Property Operations' and by $setOnce in 'User Property Operations'. Amplitude applies one operation per property; keep one of them`,
		],
		[
			undefined,
			[entry('$clearAll', '', ''), entry('$set', 'plan', 'pro')],
			`'User Property Operations' has $clearAll together with $set. $clearAll removes every user property, and Amplitude ignores what comes with it: send the other operations in a separate item`,
		],
		[
			undefined,
			[entry('$add', 'logins', 'many')],
			`'User Property Operations' $add of "logins" must be a number to add, but it is "many"`,
		],
		[
			undefined,
			[entry('$set', 'plan', '')],
			`'User Property Operations' $set of "plan" has no value. Give one (quote it to send empty text: ""), or use $unset to remove the property`,
		],
		[
			undefined,
			[entry('$set', 'plan', 'null')],
			`'User Property Operations' $set of "plan" has no value. Use $unset to remove a property`,
		],
		[
			undefined,
			[entry('$set', ' ', 'x')],
			`'User Property Operations' has a $set without a property name. Fill in Property`,
		],
		[
			{ $set: { a: 1 }, b: 2 },
			[entry('$set', 'c', '3')],
			`'User Properties' mixes operations ($set) with plain keys (b), which Amplitude rejects. Move the plain keys into "$set": {"$set": {"b": ...}}`,
		],
	])('refuses %j + %j, naming the keys', (json, entries, message) => {
		const error = errorOf(() => merge(json, entries));
		expect(error).toBeInstanceOf(InvalidInput);
		expect(error.message).toBe(message);
	});

	test('groups take only the group operations', () => {
		const labels = { json: 'Group Properties', list: 'Group Property Operations' };
		expect(mergePropertyOperations(undefined, [entry('$set', 'plan', 'x')], labels, true)).toEqual({
			$set: { plan: 'x' },
		});
		expect(
			errorOf(() =>
				mergePropertyOperations(undefined, [entry('$remove', 'tags', 'x')], labels, true),
			).message,
		).toBe(
			`'Group Property Operations' has an unknown operation "$remove". Use one of ${GROUP_OPS}`,
		);
	});
});
