'use strict';
// What the CLI e2e checks for examples/13-variant-branch.json (the fields are described in cli-e2e.js).
const assert = require('node:assert/strict');

const { DEPLOYMENT_KEY } = require('../checks');

const USERS = [
	['user-00001', 'ada@example.com', 'pro'],
	['user-00002', 'grace@example.com', 'free'],
	['user-00003', 'linus@example.com', 'free'],
	['user-00004', 'margaret@example.com', 'enterprise'],
	['user-00005', 'alan@example.com', 'free'],
	['user-00006', 'barbara@example.com', 'pro'],
];

/** What the stand-in assigns to a user, asked directly (read-only). */
async function variantsOf(server, userId, plan) {
	const query = new URLSearchParams({
		user_id: userId,
		flag_keys: 'onboarding-email,new-checkout',
		context: JSON.stringify({ user_properties: { plan } }),
	});
	const res = await fetch(`${server.url}/v1/vardata?${query}`, {
		headers: { authorization: `Api-Key ${DEPLOYMENT_KEY}`, 'x-amp-exp-track': 'no-track' },
	});
	return await res.json();
}

module.exports = {
	seed: false,
	async check({ output, store, server }) {
		const evaluated = output('Evaluate flags').map((i) => i.json);
		assert.equal(evaluated.length, USERS.length, 'one item per user');
		const expected = [];
		for (const [userId, , plan] of USERS) {
			const answer = await variantsOf(server, userId, plan);
			const variant = (flag) =>
				answer[flag]
					? {
							key: answer[flag].key,
							value: answer[flag].key,
							payload: answer[flag].payload ?? null,
						}
					: { key: null, value: null, payload: null };
			expected.push({
				success: true,
				user_id: userId,
				device_id: null,
				variants: {
					'onboarding-email': variant('onboarding-email'),
					'new-checkout': variant('new-checkout'),
				},
			});
		}
		assert.deepEqual(evaluated, expected);
		assert.deepEqual(
			evaluated.map((e) => e.variants['new-checkout'].value),
			['on', null, null, 'on', null, 'on'],
			'new-checkout: on for pro and enterprise only',
		);

		const arm = (variant) =>
			evaluated.filter((e) => e.variants['onboarding-email'].value === variant);
		const emails = (node) => (output(node) ?? []).map((i) => i.json);
		const treatment = emails('Treatment email');
		const control = emails('Control email');
		assert.ok(treatment.length > 0 && control.length > 0, 'both arms have users');
		assert.deepEqual(
			treatment.map((e) => [e.to, e.subject, e.variant, e.new_checkout]),
			arm('treatment').map((e) => {
				const [, email, plan] = USERS.find(([id]) => id === e.user_id);
				return [email, 'Get started in 3 steps', 'treatment', plan !== 'free'];
			}),
		);
		assert.deepEqual(
			control.map((e) => [e.to, e.subject, e.variant, e.new_checkout]),
			arm('control').map((e) => {
				const [, email, plan] = USERS.find(([id]) => id === e.user_id);
				return [email, 'Welcome aboard', 'control', plan !== 'free'];
			}),
		);
		assert.equal(emails('Not in the experiment').length, 0);

		const evaluations = store.requests.filter((r) => r.path === '/v1/vardata');
		assert.equal(evaluations.length, USERS.length * 2, 'six by the workflow, six by this check');
		for (const r of evaluations.slice(0, USERS.length)) {
			assert.equal(r.headers.authorization, `Api-Key ${DEPLOYMENT_KEY}`);
			assert.equal(r.headers['x-amp-exp-track'], 'no-track', 'read-only evaluation');
		}
		// Up to five evaluations are in flight at once, so they may arrive in any order.
		assert.deepEqual(
			evaluations
				.slice(0, USERS.length)
				.map((r) => Object.fromEntries(new URLSearchParams(r.query)))
				.sort((a, b) => a.user_id.localeCompare(b.user_id)),
			USERS.map(([userId, , plan]) => ({
				user_id: userId,
				flag_keys: 'onboarding-email,new-checkout',
				context: JSON.stringify({ user_properties: { plan } }),
			})),
		);
		assert.deepEqual(store.assignments, [], 'nothing tracked');
		assert.deepEqual(store.events, [], 'no assignment events written into the project');
	},
};
