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
 * Yields pendings, in order, in batches within both limits, preparing each pending (serializing
 * it, which sets `bytes`) only when its batch is formed, so the caller can prepare one batch while
 * the previous one is on the wire. A payload larger than maxBytes on its own gets a batch of its
 * own (Amplitude answers 413 and it fails alone).
 */
export function* batchesOf<T>(
	pendings: Array<Pending<T>>,
	limits: BatchLimits,
	prepare?: (pending: Pending<T>) => void,
): Generator<Array<Pending<T>>> {
	let current: Array<Pending<T>> = [];
	let bytes = 0;
	for (const pending of pendings) {
		prepare?.(pending);
		const added = pending.bytes + (current.length > 0 ? 1 : 0);
		if (
			current.length > 0 &&
			(current.length >= limits.maxCount || bytes + added > limits.maxBytes)
		) {
			yield current;
			current = [];
			bytes = 0;
		}
		bytes += current.length > 0 ? pending.bytes + 1 : pending.bytes;
		current.push(pending);
	}
	if (current.length > 0) yield current;
}

export function splitInHalves<T>(batch: T[]): [T[], T[]] {
	const middle = Math.ceil(batch.length / 2);
	return [batch.slice(0, middle), batch.slice(middle)];
}
