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

describe('the second-wave analytics operations', () => {
	const operations = properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions.show.resource[0] === 'analytics',
	).options;
	const operationNamed = (value) => operations.find((entry) => entry.value === value);

	test('are listed, each with an action and a read-only description', () => {
		for (const value of ['funnel', 'retention', 'sessions', 'userComposition', 'savedChart']) {
			expect(operationNamed(value)).toMatchObject({ value, action: expect.any(String) });
			expect(operationNamed(value).description).toMatch(/^Read-only: /);
		}
	});

	test('say which event names to use: _active and _all in funnels, _new and _active in retention', () => {
		expect(operationNamed('funnel').description).toMatch(/_active \/ _all/);
		expect(operationNamed('retention').description).toMatch(/_new .*_active, _all/);
		const step = parameter('analytics', 'funnel', 'steps').options[0].values[0];
		expect(step.description).toMatch(/_active for any active event or _all for any event/);
		expect(parameter('analytics', 'retention', 'startEvent')).toMatchObject({
			default: '_new',
			description: expect.stringMatching(/_new \(new users.*_active \(any active event\)/),
		});
		expect(parameter('analytics', 'retention', 'returnEvent')).toMatchObject({
			default: '_active',
			description: expect.stringMatching(/_active \(any active event.*_all \(any event\)/),
		});
	});

	test('say what each metric means and in which unit', () => {
		const rows = (operation) =>
			option('analytics', operation, 'outputFormat').options.find((entry) => entry.value === 'rows')
				.description;
		expect(rows('funnel')).toMatch(
			/conversion from the start and from the previous step \(fractions of 1\).*milliseconds/,
		);
		expect(rows('retention')).toMatch(
			/cohort size, retained users, retention rate \(a fraction of 1\)/,
		);
		const metrics = parameter('analytics', 'sessions', 'metric').options;
		expect(metrics.map((entry) => [entry.value, entry.description])).toEqual([
			['average', 'Average length of a session per day, in seconds'],
			['perUser', 'Sessions per active user per day'],
			['length', expect.stringMatching(/^Number of sessions in each length bin/)],
		]);
	});

	test('funnel Limit and Conversion Window take their bounds from limits', () => {
		expect(parameter('analytics', 'funnel', 'limit')).toMatchObject({
			default: 50,
			typeOptions: { maxValue: limits.FUNNEL_MAX_GROUPS },
		});
		expect(parameter('analytics', 'funnel', 'conversionWindowDays')).toMatchObject({
			default: limits.FUNNEL_CONVERSION_WINDOW_DAYS.default,
			typeOptions: {
				minValue: limits.FUNNEL_CONVERSION_WINDOW_DAYS.min,
				maxValue: limits.FUNNEL_CONVERSION_WINDOW_DAYS.max,
			},
		});
	});

	test('Brackets show only for bracket retention', () => {
		expect(
			parameter('analytics', 'retention', 'brackets').displayOptions.show.retentionMode,
		).toEqual(['bracket']);
	});
});
