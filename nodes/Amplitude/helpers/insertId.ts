import { createHash } from 'crypto';

/**
 * A derived insert_id is 32 hex characters: 8 from its origin (see insertIdDerivation), 8 from the
 * item index (zeros when the ID stands for the content alone) and 16 from the event's content (a
 * hash of its serialized bytes, see requestBody.ts). Amplitude keeps the first event of an
 * insert_id and device and ignores the others for 7 days.
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

/** Options → Insert ID Scope: what a derived insert_id stands for besides the event's content. */
export const INSERT_ID_SCOPES = ['execution', 'content'] as const;
export type InsertIdScope = (typeof INSERT_ID_SCOPES)[number];

/** Where a node's derived insert_ids come from. */
export interface InsertIdOrigin {
	scope: InsertIdScope;
	workflowId: string;
	nodeName: string;
	executionId: string;
	/**
	 * When n8n established the execution's context (`getExecutionContext().establishedAt`). n8n saves
	 * it with the execution before any node runs and keeps it when the execution is retried, which
	 * gets a new execution ID; absent on n8n versions without an execution context.
	 */
	establishedAt?: number;
}

/** How a node derives insert_ids: their 8-character prefix, and whether the item index goes in. */
export interface InsertIdDerivation {
	prefix: string;
	perItem: boolean;
}

/**
 * Scope `execution`: the workflow, the execution's establishedAt and the node, so a retry of a
 * failed or crashed execution gives the items it already sent the same IDs, and a new execution
 * new ones (falling back to the execution ID where n8n has no execution context). Scope
 * `content`: the workflow and the node only, and no item index, so the same event sent again by
 * any later execution is the same event to Amplitude.
 */
export function insertIdDerivation(origin: InsertIdOrigin): InsertIdDerivation {
	const { scope, workflowId, nodeName, executionId, establishedAt } = origin;
	const parts =
		scope === 'content'
			? ['content', workflowId, nodeName]
			: establishedAt !== undefined
				? ['execution', workflowId, String(establishedAt), nodeName]
				: ['execution-id', executionId, nodeName];
	const prefix = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 8);
	return { prefix, perItem: scope !== 'content' };
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
