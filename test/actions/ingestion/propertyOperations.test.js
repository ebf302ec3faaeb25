// User Property Operations (Send, Identify) and Group Property Operations (Group Identify): a
// list of operations, typed values, merged with the JSON properties into one object of
// operations, checked before any request.
const { runAmplitude, jsonOf } = require('../../support/harness');
const { HOSTS, expectRequest, setupNock } = require('../../support/http');

setupNock();

const OK_EVENTS = [
	200,
	{ code: 200, events_ingested: 1, payload_size_bytes: 1, server_upload_time: 1 },
];
const operations = (...entries) => ({
	operation: entries.map(([type, property, value]) => ({
		type,
		property,
		...(value === undefined ? {} : { value }),
	})),
});
const identification = (call) => JSON.parse(new URLSearchParams(call.body).get('identification'));

test('Send: the list and the JSON go out as one user_properties object, values typed', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', OK_EVENTS);
	const result = await runAmplitude({
		items: [{ seats: 7, code: '0042' }],
		parameters: {
			resource: 'event',
			operation: 'send',
			eventType: 'plan_changed',
			userId: 'user-0001',
			userProperties: '{"company": "Acme"}',
			userPropertyOperations: operations(
				['$set', 'plan', 'pro'],
				['$set', 'trial', 'false'],
				['$set', 'zip', '"02139"'],
				['$set', 'seats', '={{ $json.seats }}'],
				['$set', 'code', '={{ $json.code }}'],
				['$add', 'logins', '1'],
				['$append', 'tags', '["paid","annual"]'],
				['$unset', 'legacy_plan'],
			),
		},
	});

	expect(result.status).toBe('success');
	expect(seen.calls[0].body.events[0].user_properties).toEqual({
		$set: { company: 'Acme', plan: 'pro', trial: false, zip: '02139', seats: 7, code: '0042' },
		$add: { logins: 1 },
		$append: { tags: ['paid', 'annual'] },
		$unset: { legacy_plan: '-' },
	});
});

test('Identify: the list alone is enough, and $clearAll needs nothing else', async () => {
	const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/identify', [200, 'success']);
	const result = await runAmplitude({
		items: [{ id: 'user-0001' }, { id: 'user-0002' }],
		parameters: {
			resource: 'user',
			operation: 'identify',
			userId: '={{ $json.id }}',
			// An expression for the type: $clearAll then ignores the property and value.
			userPropertyOperations: {
				operation: [
					{
						type: '={{ $json.id === "user-0001" ? "$clearAll" : "$setOnce" }}',
						property: 'first_plan',
						value: 'free',
					},
				],
			},
		},
	});

	expect(result.status).toBe('success');
	expect(identification(seen.calls[0])).toEqual([
		{ user_id: 'user-0001', user_properties: { $clearAll: '-' } },
		{ user_id: 'user-0002', user_properties: { $setOnce: { first_plan: 'free' } } },
	]);
});

test('Group Identify: Group Property Operations merge with the group properties', async () => {
	const seen = expectRequest(HOSTS.eu.ingestion, 'POST', '/groupidentify', [200, 'success']);
	const result = await runAmplitude({
		credentials: require('../../support/harness').EU,
		parameters: {
			resource: 'group',
			operation: 'identify',
			groupType: 'company',
			groupValue: 'Acme',
			groupProperties: '{"$set": {"plan": "enterprise"}}',
			groupPropertyOperations: operations(['$add', 'seats', '5'], ['$unset', 'trial']),
		},
	});

	expect(result.status).toBe('success');
	expect(identification(seen.calls[0])).toEqual([
		{
			group_type: 'company',
			group_value: 'Acme',
			group_properties: {
				$set: { plan: 'enterprise' },
				$add: { seats: 5 },
				$unset: { trial: '-' },
			},
		},
	]);
});

describe('conflicts are refused before any request, naming the item and the keys', () => {
	// setupNock refuses every connection: had a request been made, the error would say so.
	test.each([
		[
			'a property in the JSON and in the list',
			{
				userProperties: '{"$set": {"plan": "pro"}}',
				userPropertyOperations: operations(['$unset', 'plan']),
			},
			`"plan" is changed twice: by $set in 'User Properties' and by $unset in 'User Property Operations'. Amplitude applies one operation per property; keep one of them [item 0]`,
		],
		[
			'$clearAll beside another operation',
			{ userPropertyOperations: operations(['$clearAll'], ['$set', 'plan', 'pro']) },
			`'User Property Operations' has $clearAll together with $set. $clearAll removes every user property, and Amplitude ignores what comes with it: send the other operations in a separate item [item 0]`,
		],
		[
			'a non-number to add',
			{ userPropertyOperations: operations(['$add', 'logins', 'once']) },
			`'User Property Operations' $add of "logins" must be a number to add, but it is "once" [item 0]`,
		],
		[
			'operations mixed with plain keys in the JSON',
			{ userProperties: '{"$set": {"a": 1}, "plan": "pro"}' },
			`'User Properties' mixes operations ($set) with plain keys (plan), which Amplitude rejects. Move the plain keys into "$set": {"$set": {"plan": ...}} [item 0]`,
		],
	])('%s', async (_case, extra, message) => {
		const result = await runAmplitude({
			parameters: {
				resource: 'event',
				operation: 'send',
				eventType: 'e',
				userId: 'user-0001',
				...extra,
			},
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(message);
	});

	test('Identify with neither the JSON nor the list says what to fill in', async () => {
		const result = await runAmplitude({
			parameters: { resource: 'user', operation: 'identify', userId: 'user-0001' },
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			`'User Properties' is empty. Give the properties to set, e.g. {"$set": {"plan": "pro"}} [item 0]`,
		);
	});

	test('with continue on error the conflicting item fails alone, and the others are sent', async () => {
		const seen = expectRequest(HOSTS.us.ingestion, 'POST', '/2/httpapi', OK_EVENTS);
		const result = await runAmplitude({
			continueOnFail: true,
			items: [{ op: '$set' }, { op: '$bogus' }],
			parameters: {
				resource: 'event',
				operation: 'send',
				eventType: 'e',
				userId: 'user-0001',
				userPropertyOperations: {
					operation: [{ type: '={{ $json.op }}', property: 'plan', value: 'pro' }],
				},
			},
		});
		expect(jsonOf(result)[1]).toEqual({
			success: false,
			error: `'User Property Operations' has an unknown operation "$bogus". Use one of $set, $setOnce, $add, $append, $prepend, $unset, $preInsert, $postInsert, $remove, $clearAll [item 1]`,
			code: null,
		});
		expect(seen.calls[0].body.events).toHaveLength(1);
		expect(seen.calls[0].body.events[0].user_properties).toEqual({ $set: { plan: 'pro' } });
	});
});
