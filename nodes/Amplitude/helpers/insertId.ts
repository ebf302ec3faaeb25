import { createHash } from 'crypto';

/**
 * A deterministic insert_id: the same execution, node, item and event content always give the
 * same ID, so retries inside the node and n8n's "Retry On Fail" are deduplicated by Amplitude
 * (per device, for 7 days), while another execution gives other IDs.
 */
export function deriveInsertId(executionId: string, nodeName: string, itemIndex: number, serializedEvent: string): string {
	return createHash('sha256')
		.update(`${executionId}\u0000${nodeName}\u0000${itemIndex}\u0000${serializedEvent}`)
		.digest('hex')
		.slice(0, 32);
}
