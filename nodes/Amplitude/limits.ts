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

/** Funnels: at least two steps, and at most 1000 group-by values returned. */
export const FUNNEL_MIN_STEPS = 2;
export const FUNNEL_MAX_GROUPS = 1000;

/**
 * A funnel's conversion window in days (sent in seconds as `cs`; Amplitude's default is 30 days).
 * Fractions give hours; the upper bound is a year, the longest daily funnel.
 */
export const FUNNEL_CONVERSION_WINDOW_DAYS = { default: 30, min: 0.001, max: 365 };
/** Cohort upload and membership: at most 100,000 identifiers per request. */
export const COHORT_IDS_PER_REQUEST = 100_000;

/**
 * Cohort member download (request, poll, file): every request counts toward a quota of 500 a
 * month; Amplitude supports cohorts of up to 2,000,000 users. Polls start 1 s apart and slow to
 * the 5 s Amplitude's own SDK uses.
 */
export const COHORT_DOWNLOAD = {
	monthlyQuota: 500,
	maxMembers: 2_000_000,
	firstPollMs: 1000,
	maxPollMs: 5000,
};
/** How long Get Members waits for Amplitude to prepare the file, in seconds (Options → Max Wait). */
export const COHORT_MAX_WAIT_SECONDS = { default: 300, min: 1, max: 3600 };
/** Amplitude sends 429 when one cohort is written to concurrently; a pause before trying again. */
export const COHORT_THROTTLE_PAUSE_MS = 5000;

/**
 * User mapping (`/usermap`): 2000 mappings and 1 MB per request, 50 requests per second over a
 * 30-second window. Requests start at least 25 ms apart (40 per second), under that limit.
 */
export const USER_MAP_API = {
	maxMappings: 2000,
	maxBytes: 1_000_000,
	requestsPerSecond: 50,
	minIntervalMs: 25,
	throttlePauseMs: 30_000,
};

/** User Privacy API: at most 100 IDs per deletion request and one request per second. */
export const DELETION_API = {
	maxIds: 100,
	minIntervalMs: 1000,
	/** The longest range of days the deletion-job list covers, in months. */
	maxRangeMonths: 6,
	throttlePauseMs: 5000,
};
/**
 * Export API (`/api/2/export`): at most 365 days per request; an hour becomes exportable about 2
 * hours after it ends. The whole answer may take this long to start (Amplitude builds the zip first).
 */
export const EXPORT_API = {
	maxDays: 365,
	dataDelayHours: 2,
	maxBytes: 4_000_000_000,
	timeoutMs: 300_000,
};

/** Output Format → Items stops with an error above this many events (Options → Max Events). */
export const EXPORT_MAX_EVENTS = { default: 100_000, min: 1, max: 10_000_000 };

/** How much of an error answer to a streamed download is read to describe the error. */
export const ERROR_BODY_MAX_BYTES = 65_536;

/** Redirects a streamed download follows (always without the credential's Authorization). */
export const MAX_REDIRECTS = 5;

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
