import { TRIGGER_DEDUP } from '../limits';

/**
 * The delivery keys one trigger has seen recently: at most `maxKeys`, each for `windowMs` after
 * it was first seen. A Map keeps insertion order, which here is age order, so the oldest keys
 * are dropped from its front.
 */
export class RecentKeys {
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly maxKeys: number = TRIGGER_DEDUP.maxKeys,
		private readonly windowMs: number = TRIGGER_DEDUP.windowMs,
	) {}

	get size(): number {
		return this.seenAt.size;
	}

	has(key: string, now: number): boolean {
		this.dropExpired(now);
		return this.seenAt.has(key);
	}

	/** Remembers keys not seen yet (a key keeps the time it was first seen). */
	remember(keys: string[], now: number): void {
		for (const key of keys) if (!this.seenAt.has(key)) this.seenAt.set(key, now);
		for (const key of this.seenAt.keys()) {
			if (this.seenAt.size <= this.maxKeys) break;
			this.seenAt.delete(key);
		}
	}

	/** Forgets keys again: their delivery was not handed over after all. */
	forget(keys: string[]): void {
		for (const key of keys) this.seenAt.delete(key);
	}

	private dropExpired(now: number): void {
		for (const [key, time] of this.seenAt) {
			if (now - time < this.windowMs) break;
			this.seenAt.delete(key);
		}
	}
}

// One memory per trigger node and mode (test deliveries never hide production ones), kept for
// the life of the n8n process: n8n keeps no node state between webhook calls that this could use
// instead (see the README, "Deduplication").
const memories = new Map<string, RecentKeys>();

export function recentKeysOf(workflowId: string, nodeId: string, mode: string): RecentKeys {
	const scope = `${workflowId}\u0000${nodeId}\u0000${mode}`;
	let memory = memories.get(scope);
	if (!memory) {
		memory = new RecentKeys();
		memories.set(scope, memory);
	}
	return memory;
}
