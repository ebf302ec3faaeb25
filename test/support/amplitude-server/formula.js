'use strict';
// Tiny evaluator for segmentation formulas such as "UNIQUES(A)/UNIQUES(B)*100".
// Supports UNIQUES, TOTALS, AVERAGE and PCT_DAU of events A and B, numbers, + - * / and brackets.

const { fail } = require('./dashboard-params');

const TOKEN_SOURCE = /\s*(?:([A-Z_]+)\(\s*([AB])\s*\)|(\d+(?:\.\d+)?)|([-+*/()]))/gy;

function tokenize(formula) {
	const TOKEN = new RegExp(TOKEN_SOURCE); // a fresh sticky regex: no state shared between servers
	const tokens = [];
	let match;
	while (TOKEN.lastIndex < formula.length && (match = TOKEN.exec(formula))) {
		if (match[1]) tokens.push({ fn: match[1], event: match[2] });
		else if (match[3]) tokens.push({ num: Number(match[3]) });
		else tokens.push({ op: match[4] });
	}
	if (TOKEN.lastIndex < formula.trimEnd().length || tokens.length === 0)
		fail(`Cannot parse formula ${formula}`);
	return tokens;
}

/** Returns (valueOf) => number, where valueOf(fn, event) gives UNIQUES(A) etc. for one bucket. */
function compileFormula(formula, supported) {
	const tokens = tokenize(formula);
	for (const t of tokens)
		if (t.fn && !supported.includes(t.fn)) fail(`Unsupported formula function ${t.fn}`);
	const evaluate = (valueOf) => {
		let pos = 0;
		const peek = () => tokens[pos];
		const expr = () => {
			let v = term();
			while (peek()?.op === '+' || peek()?.op === '-')
				v = tokens[pos++].op === '+' ? v + term() : v - term();
			return v;
		};
		const term = () => {
			let v = factor();
			while (peek()?.op === '*' || peek()?.op === '/') {
				const op = tokens[pos++].op;
				const r = factor();
				v = op === '*' ? v * r : r === 0 ? 0 : v / r;
			}
			return v;
		};
		const factor = () => {
			const t = tokens[pos++];
			if (!t) fail(`Formula ${formula} ends early`);
			if (t.num !== undefined) return t.num;
			if (t.fn) return valueOf(t.fn, t.event);
			if (t.op === '-') return -factor();
			if (t.op !== '(') fail(`Unexpected ${t.op} in formula ${formula}`);
			const v = expr();
			if (tokens[pos++]?.op !== ')') fail(`Missing ) in formula ${formula}`);
			return v;
		};
		const value = expr();
		if (pos !== tokens.length) fail(`Unexpected input in formula ${formula}`);
		return value;
	};
	evaluate(() => 1); // throws now for a malformed formula
	return evaluate;
}

module.exports = { compileFormula };
