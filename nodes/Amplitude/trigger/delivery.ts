import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';
import { cohortKeyOf, cohortMembers, isCohortBatch } from './cohortSync';
import { eventKeyOf, eventTypeOf } from './eventStream';

export type TriggerSource = 'eventStream' | 'cohortSync';
export type OutputMode = 'perEvent' | 'perRequest';

export interface TriggerSettings {
	source: TriggerSource;
	/** Only these event types start the workflow (event stream); empty: all. */
	eventTypes: string[];
	outputMode: OutputMode;
	deduplicate: boolean;
}

/** Why a delivery that was acknowledged started no execution. */
export type SkipReason = 'filtered' | 'duplicate' | 'empty';

export type DeliveryPlan =
	| { start: true; items: IDataObject[]; keys: string[] }
	| { start: false; reason: SkipReason };

/** The output item for a payload: objects as they are, any other JSON value under `body`. */
export function asItemJson(payload: unknown): IDataObject {
	return isPlainObject(payload) ? payload : { body: payload as IDataObject[string] };
}

function keyOf(source: TriggerSource, payload: unknown): string | undefined {
	return source === 'cohortSync' ? cohortKeyOf(payload) : eventKeyOf(payload);
}

/** The payloads whose keys were not seen before, here or earlier in the same request. */
function unseen(
	payloads: unknown[],
	source: TriggerSource,
	isKnown: (key: string) => boolean,
): { fresh: unknown[]; keys: string[] } {
	const keys: string[] = [];
	const fresh = payloads.filter((payload) => {
		const key = keyOf(source, payload);
		if (key === undefined) return true;
		if (isKnown(key) || keys.includes(key)) return false;
		keys.push(key);
		return true;
	});
	return { fresh, keys };
}

function itemsOf(body: unknown, fresh: unknown[], settings: TriggerSettings): IDataObject[] {
	if (settings.outputMode === 'perRequest')
		return [Array.isArray(body) ? { body: fresh as IDataObject[] } : asItemJson(fresh[0])];
	if (settings.source === 'cohortSync')
		return fresh.flatMap((payload) =>
			isCohortBatch(payload) ? cohortMembers(payload) : [asItemJson(payload)],
		);
	return fresh.map(asItemJson);
}

/**
 * What to do with one delivery's JSON body: the items to start the workflow with and the keys to
 * remember, or why it starts nothing. A body may hold one payload or an array of them. Event
 * Types filter first (so filtered events take no room in the memory), then repeats are dropped.
 */
export function planDelivery(
	body: unknown,
	settings: TriggerSettings,
	isKnown: (key: string) => boolean,
): DeliveryPlan {
	let payloads = Array.isArray(body) ? (body as unknown[]) : [body];
	if (payloads.length === 0) return { start: false, reason: 'empty' };
	if (settings.source === 'eventStream' && settings.eventTypes.length > 0) {
		payloads = payloads.filter((payload) => settings.eventTypes.includes(eventTypeOf(payload)));
		if (payloads.length === 0) return { start: false, reason: 'filtered' };
	}
	const { fresh, keys } = settings.deduplicate
		? unseen(payloads, settings.source, isKnown)
		: { fresh: payloads, keys: [] };
	if (fresh.length === 0) return { start: false, reason: 'duplicate' };
	const items = itemsOf(body, fresh, settings);
	if (items.length === 0) return { start: false, reason: 'empty' };
	return { start: true, items, keys };
}
