const { createHash } = require('crypto');
const {
	INSERT_ID_LENGTH,
	CONTENT_HASH,
	insertIdDerivation,
	writeInsertId,
} = require('../../dist/nodes/Amplitude/helpers/insertId');

/** The insert_id written for these arguments, as text. */
function written(prefix, itemIndex, low, high) {
	const out = Buffer.alloc(INSERT_ID_LENGTH + 4, '.');
	writeInsertId(out, 2, Buffer.from(prefix, 'latin1'), itemIndex, low, high);
	return out.toString('latin1');
}

describe('insertIdDerivation', () => {
	const sha8 = (...parts) =>
		createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 8);
	const origin = {
		scope: 'execution',
		workflowId: 'wf-1',
		nodeName: 'Amplitude',
		executionId: 'exec-1',
		establishedAt: 1764547200123,
	};

	test('execution scope: workflow, when n8n established the execution, and node; per item', () => {
		expect(insertIdDerivation(origin)).toEqual({
			prefix: sha8('execution', 'wf-1', '1764547200123', 'Amplitude'),
			perItem: true,
		});
	});

	test('a retry (a new execution ID, the same execution context) keeps the prefix; a new context, workflow or node changes it', () => {
		const base = insertIdDerivation(origin).prefix;
		expect(insertIdDerivation({ ...origin, executionId: 'exec-2' }).prefix).toBe(base);
		expect(insertIdDerivation({ ...origin, establishedAt: 1764547200124 }).prefix).not.toBe(base);
		expect(insertIdDerivation({ ...origin, workflowId: 'wf-2' }).prefix).not.toBe(base);
		expect(insertIdDerivation({ ...origin, nodeName: 'Amplitude1' }).prefix).not.toBe(base);
	});

	test('without an execution context (older n8n) the execution ID stands in', () => {
		const derivation = insertIdDerivation({ ...origin, establishedAt: undefined });
		expect(derivation).toEqual({
			prefix: sha8('execution-id', 'exec-1', 'Amplitude'),
			perItem: true,
		});
		expect(
			insertIdDerivation({ ...origin, establishedAt: undefined, executionId: 'exec-2' }).prefix,
		).not.toBe(derivation.prefix);
	});

	test('content scope: workflow and node only, the same in every execution, no item index', () => {
		const content = { ...origin, scope: 'content' };
		expect(insertIdDerivation(content)).toEqual({
			prefix: sha8('content', 'wf-1', 'Amplitude'),
			perItem: false,
		});
		expect(insertIdDerivation({ ...content, executionId: 'exec-9', establishedAt: 1 }).prefix).toBe(
			insertIdDerivation(content).prefix,
		);
	});

	test('the separator keeps shifted boundaries apart', () => {
		const a = insertIdDerivation({ ...origin, workflowId: 'ab', nodeName: 'c' }).prefix;
		const b = insertIdDerivation({ ...origin, workflowId: 'a', nodeName: 'bc' }).prefix;
		expect(a).not.toBe(b);
	});
});

describe('writeInsertId', () => {
	test('writes 32 hex characters in place: prefix, item index, then both hash lanes mixed', () => {
		const low = 0x12345678;
		const high = 0x9abcdef0 | 0;
		const mixedLow = ((low ^ (low >>> 15)) >>> 0).toString(16).padStart(8, '0');
		const mixedHigh = ((high ^ (high >>> 13)) >>> 0).toString(16).padStart(8, '0');
		expect(written('abcdef01', 255, low, high)).toBe(`..abcdef01000000ff${mixedLow}${mixedHigh}..`);
	});

	test('writes only its 32 bytes and handles the largest item index', () => {
		const text = written('00000000', 0xffffffff, 0, 0);
		expect(text.slice(0, 2)).toBe('..');
		expect(text.slice(-2)).toBe('..');
		expect(text.slice(10, 18)).toBe('ffffffff');
	});
});

test('the content hash starts from the FNV-1a offset bases, with two primes', () => {
	expect(CONTENT_HASH).toEqual({
		lowSeed: 0x811c9dc5,
		lowPrime: 0x01000193,
		highSeed: 0xcbf29ce4,
		highPrime: 0x5bd1e995,
	});
});
