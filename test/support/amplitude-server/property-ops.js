'use strict';
// User/group property operations ($set, $setOnce, $add, ...) as the Identify API applies them.

const { isPlainObject } = require('./http-util');

const OPERATIONS = [
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

const toList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const APPLY = {
	$set: (props, key, value) => {
		props[key] = value;
	},
	$setOnce: (props, key, value) => {
		if (!(key in props)) props[key] = value;
	},
	$add: (props, key, value) => {
		props[key] = (Number(props[key]) || 0) + Number(value);
	},
	$append: (props, key, value) => {
		props[key] = [...toList(props[key]), ...toList(value)];
	},
	$prepend: (props, key, value) => {
		props[key] = [...toList(value), ...toList(props[key])];
	},
	$unset: (props, key) => {
		delete props[key];
	},
	$preInsert: (props, key, value) => {
		const current = toList(props[key]);
		props[key] = [...toList(value).filter((v) => !current.includes(v)), ...current];
	},
	$postInsert: (props, key, value) => {
		const current = toList(props[key]);
		props[key] = [...current, ...toList(value).filter((v) => !current.includes(v))];
	},
	$remove: (props, key, value) => {
		const removed = toList(value);
		props[key] = toList(props[key]).filter((v) => !removed.includes(v));
	},
};

/**
 * Checks a user_properties / group_properties object. Returns an error message or null.
 * Operations cannot be mixed with plain keys, and every operation needs an object value
 * (except $clearAll).
 */
function checkProperties(props, name = 'user_properties') {
	if (props === undefined) return null;
	if (!isPlainObject(props)) return `${name} must be a JSON object`;
	const keys = Object.keys(props);
	const ops = keys.filter((k) => k.startsWith('$'));
	if (ops.length === 0) return null;
	if (ops.length !== keys.length) {
		return `${name} cannot mix property operations (${ops.join(', ')}) with plain keys; put plain values inside $set`;
	}
	const unknown = ops.find((op) => !OPERATIONS.includes(op));
	if (unknown) return `${name} has an unknown operation ${unknown}`;
	const badValue = ops.find((op) => op !== '$clearAll' && !isPlainObject(props[op]));
	if (badValue) return `${name}.${badValue} must be a JSON object`;
	return null;
}

/** Applies properties (operations or plain keys, which mean $set) to target in place. */
function applyProperties(target, props) {
	if (!isPlainObject(props)) return target;
	const keys = Object.keys(props);
	if (!keys.some((k) => k.startsWith('$'))) {
		Object.assign(target, props);
		return target;
	}
	for (const op of OPERATIONS) {
		if (!(op in props)) continue;
		if (op === '$clearAll') {
			for (const key of Object.keys(target)) delete target[key];
			continue;
		}
		for (const [key, value] of Object.entries(props[op])) APPLY[op](target, key, value);
	}
	return target;
}

module.exports = { OPERATIONS, checkProperties, applyProperties };
