import { createHash } from 'crypto';

/**
 * A derived insert_id is 32 hex characters: 8 from the execution and node, 8 from the item index
 * and 16 from the event's content (a hash of its serialized bytes, see requestBody.ts). The same
 * execution, node, item and content always give the same ID, so retries inside the node and
 * n8n's "Retry On Fail" are deduplicated by Amplitude (per device, for 7 days); another execution
 * or item gives another ID.
 */
export const INSERT_ID_LENGTH = 32;

/**
 * The content hash: 64 bits of FNV-1a in two 32-bit lanes with different primes. Not
 * cryptographic: it only tells apart events that already differ in execution, node and item, and
 * costs a fraction of a SHA-256 per event.
 */
export const CONTENT_HASH = {
	lowSeed: 0x811c9dc5,
	lowPrime: 0x01000193,
	highSeed: 0xcbf29ce4,
	highPrime: 0x5bd1e995,
};

const HEX = Buffer.from('0123456789abcdef', 'latin1');

function writeHex32(out: Uint8Array, offset: number, value: number): void {
	for (let shift = 28, i = offset; shift >= 0; shift -= 4, i++)
		out[i] = HEX[(value >>> shift) & 15];
}

/** The first 8 hex characters of every insert_id one node derives in one execution. */
export function insertIdPrefix(executionId: string, nodeName: string): string {
	return createHash('sha256').update(`${executionId}\u0000${nodeName}`).digest('hex').slice(0, 8);
}

/**
 * Writes an insert_id (INSERT_ID_LENGTH ASCII bytes) at `offset`: the 8 prefix bytes, the item
 * index, then the two content-hash lanes, each mixed once more so close inputs spread.
 */
export function writeInsertId(
	out: Uint8Array,
	offset: number,
	prefix: Uint8Array,
	itemIndex: number,
	low: number,
	high: number,
): void {
	for (let i = 0; i < 8; i++) out[offset + i] = prefix[i];
	writeHex32(out, offset + 8, itemIndex >>> 0);
	writeHex32(out, offset + 16, (low ^ (low >>> 15)) >>> 0);
	writeHex32(out, offset + 24, (high ^ (high >>> 13)) >>> 0);
}
