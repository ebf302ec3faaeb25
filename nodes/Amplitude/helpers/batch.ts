/** An item's payload on its way to Amplitude, with its serialized size. */
export interface Pending<T = unknown> {
	itemIndex: number;
	payload: T;
	bytes: number;
	/** The payload serialized as JSON, when already done (sent as is). */
	json?: string;
}

export interface BatchLimits {
	/** Most payloads in one request. */
	maxCount: number;
	/** Most bytes of serialized payloads (separators included) in one request. */
	maxBytes: number;
}

/**
 * Splits pendings, in order, into batches within both limits. A payload larger than maxBytes on
 * its own gets a batch of its own (Amplitude answers 413 and it fails alone).
 */
export function chunkPendings<T>(pendings: Array<Pending<T>>, limits: BatchLimits): Array<Array<Pending<T>>> {
	const batches: Array<Array<Pending<T>>> = [];
	let current: Array<Pending<T>> = [];
	let bytes = 0;
	for (const pending of pendings) {
		const added = pending.bytes + (current.length > 0 ? 1 : 0);
		if (current.length > 0 && (current.length >= limits.maxCount || bytes + added > limits.maxBytes)) {
			batches.push(current);
			current = [];
			bytes = 0;
		}
		bytes += current.length > 0 ? pending.bytes + 1 : pending.bytes;
		current.push(pending);
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

export function splitInHalves<T>(batch: T[]): [T[], T[]] {
	const middle = Math.ceil(batch.length / 2);
	return [batch.slice(0, middle), batch.slice(middle)];
}
