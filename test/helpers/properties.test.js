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
