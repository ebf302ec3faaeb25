import { isPlainObject } from '../helpers/json';

/** The name user updates ("Send Users") match in Event Types: they carry no event type. */
export const USER_UPDATE_TYPE = '$identify';

/** Event Types as a list: names separated by commas or new lines. */
export function parseEventTypes(value: unknown): string[] {
	const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
	return [
		...new Set(
			text
				.split(/[,\n]/)
				.map((name) => name.trim())
				.filter((name) => name !== ''),
		),
	];
}

/** The event type a streamed payload is filtered on; user updates count as `$identify`. */
export function eventTypeOf(payload: unknown): string {
	if (isPlainObject(payload) && typeof payload.event_type === 'string') return payload.event_type;
	return USER_UPDATE_TYPE;
}

const idText = (value: unknown): string | undefined =>
	(typeof value === 'string' && value !== '') || typeof value === 'number'
		? String(value)
		: undefined;

/**
 * What tells a retried event from a new one: its `uuid` (unique per event in Amplitude's export
 * format), else its insert ID (`$insert_id`, or `insert_id` as sent) with its device ID, which is
 * Amplitude's own deduplication key. Payloads with neither (user updates, most custom payloads)
 * have none and are never dropped.
 */
export function eventKeyOf(payload: unknown): string | undefined {
	if (!isPlainObject(payload)) return undefined;
	const uuid = idText(payload.uuid);
	if (uuid) return `uuid:${uuid}`;
	const insertId = idText(payload.$insert_id) ?? idText(payload.insert_id);
	if (insertId) return `insert:${insertId}\u0000${idText(payload.device_id) ?? ''}`;
	return undefined;
}
