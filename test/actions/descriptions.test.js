// The node's parameters: bounds and defaults come from limits.ts, the same constants the checks
// use; JSON fields start empty.
const { Amplitude } = require('../../dist/nodes/Amplitude/Amplitude.node');
const limits = require('../../dist/nodes/Amplitude/limits');

const properties = new Amplitude().description.properties;

/** The parameter `name` shown for resource/operation. */
function parameter(resource, operation, name) {
	const found = properties.filter(
		(property) =>
			property.name === name &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
	expect(found).toHaveLength(1);
	return found[0];
}
const option = (resource, operation, name) =>
	parameter(resource, operation, 'options').options.find((entry) => entry.name === name);

const WRITES = [
	['event', 'send'],
	['user', 'identify'],
	['group', 'identify'],
];

test('JSON fields start empty, with an example as placeholder, so nothing is sent by default', () => {
	const json = properties.filter((property) => property.type === 'json');
	expect(json.map((property) => property.name).sort()).toEqual([
		'eventProperties',
		'groupProperties',
		'userProperties',
		'userProperties',
		'userProperties',
	]);
	for (const property of json) {
		expect(property.default).toBe('');
		expect(property.placeholder).toMatch(/^e\.g\. \{/);
		expect(property.required).toBeFalsy();
	}
});

test('batch sizes: bounds and defaults from limits', () => {
	expect(option('event', 'send', 'batchSize')).toMatchObject({
		default: limits.SEND_BATCH_SIZE.default,
		typeOptions: { minValue: 1, maxValue: limits.SEND_BATCH_SIZE.max },
	});
	for (const [resource, operation] of [
		['user', 'identify'],
		['group', 'identify'],
	]) {
		expect(option(resource, operation, 'batchSize')).toMatchObject({
			default: limits.IDENTIFY_BATCH_SIZE.default,
			typeOptions: { minValue: 1, maxValue: limits.IDENTIFY_BATCH_SIZE.max },
		});
	}
	expect(option('event', 'send', 'batchSize').description).toContain(
		`at most ${limits.HTTP_API.maxEvents} events`,
	);
});

test('Min ID Length: Send takes any length Amplitude does; Identify cannot go below Amplitude’s 5', () => {
	expect(option('event', 'send', 'minIdLength')).toMatchObject({
		default: limits.MIN_ID_LENGTH.default,
		typeOptions: { minValue: limits.MIN_ID_LENGTH.min, maxValue: limits.MIN_ID_LENGTH.max },
	});
	const identify = option('user', 'identify', 'minIdLength');
	expect(identify.typeOptions.minValue).toBe(limits.MIN_ID_LENGTH.default);
	expect(identify.description).toMatch(/The Identify API takes no minimum length of its own/);
	expect(option('group', 'identify', 'minIdLength')).toBeUndefined();
});

test('retry options: bounds and defaults from limits, on every operation', () => {
	const optionsCollections = properties.filter((property) => property.name === 'options');
	expect(optionsCollections.length).toBeGreaterThanOrEqual(11);
	for (const collection of optionsCollections) {
		expect(collection.options.find((entry) => entry.name === 'retryAttempts')).toMatchObject({
			default: limits.RETRY_ATTEMPTS.default,
			typeOptions: { minValue: limits.RETRY_ATTEMPTS.min, maxValue: limits.RETRY_ATTEMPTS.max },
		});
		expect(collection.options.find((entry) => entry.name === 'maxRetryWait')).toMatchObject({
			default: limits.RETRY_WAIT_SECONDS.default,
			typeOptions: {
				minValue: limits.RETRY_WAIT_SECONDS.min,
				maxValue: limits.RETRY_WAIT_SECONDS.max,
			},
		});
	}
});

test('Limit parameters default to 50 and stop at Amplitude’s maximum', () => {
	expect(parameter('user', 'getActivity', 'limit')).toMatchObject({
		default: 50,
		typeOptions: { maxValue: limits.ACTIVITY_PAGE.maxEvents },
	});
	expect(parameter('analytics', 'eventSegmentation', 'limit')).toMatchObject({
		default: 50,
		typeOptions: { maxValue: limits.SEGMENTATION_MAX_GROUPS },
	});
});

test.each(WRITES)('%s %s has Dry Run, off by default', (resource, operation) => {
	expect(option(resource, operation, 'dryRun')).toMatchObject({ type: 'boolean', default: false });
});

test('the operations lists: user operations on Send and Identify, group operations on Group Identify', () => {
	const typesOf = (resource, operation, name) =>
		parameter(resource, operation, name)
			.options[0].values.find((value) => value.name === 'type')
			.options.map((entry) => entry.value);
	const userOperations = [
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
	];
	expect(typesOf('event', 'send', 'userPropertyOperations')).toEqual(userOperations);
	expect(typesOf('user', 'identify', 'userPropertyOperations')).toEqual(userOperations);
	expect(typesOf('group', 'identify', 'groupPropertyOperations')).toEqual([
		'$set',
		'$setOnce',
		'$add',
		'$append',
		'$prepend',
		'$unset',
	]);
	const values = parameter('event', 'send', 'userPropertyOperations').options[0].values;
	expect(values.find((value) => value.name === 'value').displayOptions).toEqual({
		hide: { type: ['$unset', '$clearAll'] },
	});
	expect(values.find((value) => value.name === 'property').displayOptions).toEqual({
		hide: { type: ['$clearAll'] },
	});
});
