import { createHash } from 'crypto';

/**
 * 64 bits of FNV-1a over a string, in two 32-bit lanes with different primes, as 16 hex
 * characters. Not cryptographic: it only tells apart the contents of events that already differ
 * in execution, node and item; it is ten times cheaper than SHA-256 per event.
 */
export function contentHash(text: string): string {
	let low = 0x811c9dc5;
	let high = 0xcbf29ce4;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		low = Math.imul(low ^ code, 0x01000193);
		high = Math.imul(high ^ code, 0x5bd1e995);
	}
	low ^= low >>> 15;
	high ^= high >>> 13;
	return (low >>> 0).toString(16).padStart(8, '0') + (high >>> 0).toString(16).padStart(8, '0');
}

let runKey = '';
let runPrefix = '';

/**
 * 8 hex characters of SHA-256 over the execution and node. A one-entry memo of a pure function:
 * concurrent executions in one process only cost a recomputation, never a wrong prefix.
 */
function runHash(executionId: string, nodeName: string): string {
	const key = `${executionId}\u0000${nodeName}`;
	if (key !== runKey) {
		runPrefix = createHash('sha256').update(key).digest('hex').slice(0, 8);
		runKey = key;
	}
	return runPrefix;
}

/**
 * A deterministic insert_id of 32 hex characters: 8 from the execution and node, 8 from the item
 * index and 16 from the event's content. The same execution, node, item and content always give
 * the same ID, so retries inside the node and n8n's "Retry On Fail" are deduplicated by Amplitude
 * (per device, for 7 days); another execution or another item gives another ID.
 */
export function deriveInsertId(
	executionId: string,
	nodeName: string,
	itemIndex: number,
	serializedEvent: string,
): string {
	const item = (itemIndex >>> 0).toString(16).padStart(8, '0');
	return `${runHash(executionId, nodeName)}${item}${contentHash(serializedEvent)}`;
}
