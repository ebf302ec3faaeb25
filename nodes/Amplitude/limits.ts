/**
 * Amplitude's documented limits and the node's defaults, in one place: the parameters' bounds
 * and descriptions and the runtime checks all read these.
 */

/** HTTP V2 (`/2/httpapi`): fewer than 2000 events and under 1 MB per request. */
export const HTTP_API = {
	maxEvents: 1999,
	maxBytes: 1_000_000,
	eventsPerSecondPerId: 30,
	/** Amplitude's pause for throttled users and devices. */
	throttlePauseMs: 30_000,
};

/** Batch (`/batch`): 2000 events and 20 MB per request. */
export const BATCH_API = {
	maxEvents: 2000,
	maxBytes: 20_000_000,
	eventsPerSecondPerId: 1000,
	throttlePauseMs: 15_000,
};

/**
 * Identify and Group Identify: Group Identify takes at most 1024 identifications and 1 MB per
 * request; Identify documents no count, so it gets the same bounds.
 */
export const IDENTIFY_API = {
	maxIdentifications: 1024,
	maxBytes: 1_000_000,
	throttlePauseMs: 15_000,
};

/** Room left in every ingestion request for the envelope (api_key, options) around the payloads. */
export const ENVELOPE_BYTES = 4096;

/** Users or devices flagged as spam get at most this many events in 24 hours. */
export const DAILY_EVENT_QUOTA = 500_000;

export const SEND_BATCH_SIZE = { default: 1000, max: BATCH_API.maxEvents };
export const IDENTIFY_BATCH_SIZE = { default: 500, max: IDENTIFY_API.maxIdentifications };

/** Amplitude silently drops user and device IDs shorter than this (5 unless told otherwise). */
export const MIN_ID_LENGTH = { default: 5, min: 1, max: 1024 };

/** Tries of one request, the first included (Options → Max Attempts). */
export const RETRY_ATTEMPTS = { default: 5, min: 1, max: 20 };
/** The longest single wait before a retry, in seconds (Options → Longest Wait). */
export const RETRY_WAIT_SECONDS = { default: 60, min: 0, max: 600 };
/** The first backoff wait; later ones double. */
export const BACKOFF_BASE_MS = 1000;

export const REQUEST_TIMEOUT_MS = 30_000;

/** Amplitude allows 5 concurrent Dashboard REST requests per project. */
export const MAX_CONCURRENT_READS = 5;

/**
 * Ingestion requests that share no user, device or group may travel together: it hides each
 * request's set-up time (a new connection per request in n8n) and its round trip behind the
 * others'. Four keeps well under Amplitude's 100 batches per second on the smallest plan.
 */
export const MAX_INGESTION_REQUESTS_IN_FLIGHT = 4;

/** User activity pages: at most 1000 events per request; Return All stops after 1000 pages. */
export const ACTIVITY_PAGE = { maxEvents: 1000, maxPages: 1000 };

/** Event segmentation returns at most 1000 group-by values. */
export const SEGMENTATION_MAX_GROUPS = 1000;

/** A byte limit as descriptions state it: 1_000_000 → "1 MB". */
export function megabytes(bytes: number): string {
	return `${bytes / 1_000_000} MB`;
}

/**
 * Amplitude Trigger: the recent delivery keys each trigger remembers to drop Amplitude's retries.
 * Amplitude retries an event up to 10 times over 4 hours and advises keeping cohort message IDs
 * for 24 hours; the count bounds the memory (about 180 bytes a key).
 */
export const TRIGGER_DEDUP = { maxKeys: 50_000, windowMs: 24 * 3_600_000 };

/** Amplitude's webhook destinations take at most this many custom headers. */
export const WEBHOOK_MAX_CUSTOM_HEADERS = 5;

/** The shortest secret header value the Amplitude Webhook credential test accepts. */
export const WEBHOOK_SECRET_MIN_LENGTH = 16;
