import type { IDataObject } from 'n8n-workflow';

import { MIN_EPOCH_MS, toEpochMs } from './dates';
import { InvalidInput } from './errors';
import { isKeptId, normalizeId, requireUserOrDevice } from './identity';
import { isPlainObject, parseJsonObject } from './json';
import { checkPropertyOperations } from './properties';
import { Draft } from './draft';

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'time';

/** A parameter name (camelCase) with its wire key and type. */
export interface FieldSpec {
	name: string;
	key: string;
	kind: Kind;
	label: string;
}

function field(name: string, key: string, kind: Kind, label: string): FieldSpec {
	return { name, key, kind, label };
}

// App, device and location fields that events and identifications share.
const DEVICE_AND_LOCATION_FIELDS: FieldSpec[] = [
	field('appVersion', 'app_version', 'string', 'App Version'),
	field('platform', 'platform', 'string', 'Platform'),
	field('osName', 'os_name', 'string', 'OS Name'),
	field('osVersion', 'os_version', 'string', 'OS Version'),
	field('deviceBrand', 'device_brand', 'string', 'Device Brand'),
	field('deviceManufacturer', 'device_manufacturer', 'string', 'Device Manufacturer'),
	field('deviceModel', 'device_model', 'string', 'Device Model'),
	field('carrier', 'carrier', 'string', 'Carrier'),
	field('country', 'country', 'string', 'Country'),
	field('region', 'region', 'string', 'Region'),
	field('city', 'city', 'string', 'City'),
	field('dma', 'dma', 'string', 'DMA'),
	field('language', 'language', 'string', 'Language'),
];

const GROUPS_FIELD = field('groups', 'groups', 'object', 'Groups');

export const EVENT_FIELDS: FieldSpec[] = [
	field('time', 'time', 'time', 'Time'),
	field('sessionId', 'session_id', 'integer', 'Session ID'),
	field('insertId', 'insert_id', 'string', 'Insert ID'),
	...DEVICE_AND_LOCATION_FIELDS,
	field('ip', 'ip', 'string', 'IP'),
	field('locationLat', 'location_lat', 'number', 'Location Latitude'),
	field('locationLng', 'location_lng', 'number', 'Location Longitude'),
	// Amplitude's revenue keys are camelCase on the wire.
	field('price', 'price', 'number', 'Price'),
	field('quantity', 'quantity', 'integer', 'Quantity'),
	field('revenue', 'revenue', 'number', 'Revenue'),
	field('productId', 'productId', 'string', 'Product ID'),
	field('revenueType', 'revenueType', 'string', 'Revenue Type'),
	field('currency', 'currency', 'string', 'Currency'),
	GROUPS_FIELD,
	field('idfa', 'idfa', 'string', 'IDFA'),
	field('idfv', 'idfv', 'string', 'IDFV'),
	field('adid', 'adid', 'string', 'ADID'),
	field('androidId', 'android_id', 'string', 'Android ID'),
	field('eventId', 'event_id', 'integer', 'Event ID'),
	field('userAgent', 'user_agent', 'string', 'User Agent'),
	field('plan', 'plan', 'object', 'Tracking Plan'),
	field(
		'skipUserPropertiesSync',
		'$skip_user_properties_sync',
		'boolean',
		'Skip User Properties Sync',
	),
];

export const IDENTIFY_FIELDS: FieldSpec[] = [
	GROUPS_FIELD,
	...DEVICE_AND_LOCATION_FIELDS,
	field('paying', 'paying', 'boolean', 'Paying'),
	field('startVersion', 'start_version', 'string', 'Start Version'),
];

/** Whether a value already is what coerce makes of it, so coerce returns it as it is. */
function isKept(value: unknown, kind: Kind): boolean {
	switch (kind) {
		case 'time':
			return Number.isInteger(value) && (value as number) >= MIN_EPOCH_MS;
		case 'object':
			return isPlainObject(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return Number.isInteger(value);
		default:
			return Number.isFinite(value);
	}
}

function coerce(value: unknown, spec: FieldSpec): unknown {
	if (isKept(value, spec.kind)) return value;
	const label = `'${spec.label}'`;
	switch (spec.kind) {
		case 'time':
			return toEpochMs(value, spec.label);
		case 'object':
			return parseJsonObject(value, spec.label);
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			throw new InvalidInput(`${label} must be true or false, but it is ${JSON.stringify(value)}`);
		case 'string':
			if (typeof value === 'string' || typeof value === 'number') return String(value);
			throw new InvalidInput(`${label} must be text, but it is ${JSON.stringify(value)}`);
		default: {
			const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (typeof number !== 'number' || !Number.isFinite(number)) {
				throw new InvalidInput(`${label} must be a number, but it is ${JSON.stringify(value)}`);
			}
			if (spec.kind === 'integer' && !Number.isInteger(number)) {
				throw new InvalidInput(`${label} must be a whole number, but it is ${number}`);
			}
			return number;
		}
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** Wire keys from camelCase parameters (defined-below mode), typed and checked. */
export function mapFields(values: IDataObject, specs: FieldSpec[]): IDataObject {
	const result: IDataObject = {};
	for (const spec of specs) {
		const value = values[spec.name];
		if (isEmpty(value)) continue;
		const coerced = coerce(value, spec);
		if (coerced !== undefined) result[spec.key] = coerced as IDataObject[string];
	}
	return result;
}

type SpecsByKey = Record<string, FieldSpec | undefined>;

// Each field table by wire key, labelled by wire key (auto-mapped input names fields that way).
// A record without a prototype: looking a key up in it cost half of a Map's get per item here.
const byWireKey = new WeakMap<FieldSpec[], SpecsByKey>();

function specsByWireKey(specs: FieldSpec[]): SpecsByKey {
	let record = byWireKey.get(specs);
	if (!record) {
		record = Object.create(null) as SpecsByKey;
		for (const spec of specs) record[spec.key] = { ...spec, label: spec.key };
		byWireKey.set(specs, record);
	}
	return record;
}

/**
 * Typed check of the wire keys an object already has (auto-mapped input): null and empty values
 * are dropped, others coerced. Walks the object's own few keys rather than the whole table, since
 * it runs once per item of a bulk send.
 */
function normalizeWireKeys(draft: Draft, specs: FieldSpec[]): void {
	const known = specsByWireKey(specs);
	const object = draft.result;
	for (const key in object) {
		const spec = known[key];
		if (!spec) continue;
		const value = object[key];
		if (value === null || value === '') draft.remove(key);
		else if (value !== undefined) {
			const coerced = coerce(value, spec) as IDataObject[string];
			if (coerced !== value) draft.set(key, coerced);
		}
	}
}

/** normalizeWireKeys on its own: the object with its wire keys checked, never modified itself. */
export function normalizeWireFields(object: IDataObject, specs: FieldSpec[]): IDataObject {
	const draft = new Draft(object);
	normalizeWireKeys(draft, specs);
	return draft.result;
}

const SNAKE_REVENUE_KEYS: Record<string, string> = {
	product_id: 'productId',
	revenue_type: 'revenueType',
};
// A loop over an array of them costs a fifth of a for…in over the table, once per item.
const SNAKE_KEYS = Object.keys(SNAKE_REVENUE_KEYS);

/**
 * Validates an HTTP V2 event in Amplitude's wire shape and returns it normalized: the same object
 * when it needs no change, else a copy. The event itself is never modified.
 */
export function normalizeEvent(event: IDataObject, minIdLength: number): IDataObject {
	return isNormalEvent(event, minIdLength) ? event : normalizedEventCopy(event, minIdLength);
}

function hasEventType(event: IDataObject): boolean {
	const eventType = event.event_type;
	return typeof eventType === 'string' && eventType.trim() !== '';
}

/** The first snake_case revenue key the event has, which Amplitude would not read. */
function snakeRevenueKey(event: IDataObject): string | undefined {
	for (let i = 0; i < SNAKE_KEYS.length; i++) if (SNAKE_KEYS[i] in event) return SNAKE_KEYS[i];
	return undefined;
}

/** Whether an object has no key `key`, own or inherited (with any value, undefined too). */
function isAbsent(object: IDataObject, key: string): boolean {
	return !(key in object);
}

/**
 * Whether normalizeEvent has nothing to change or refuse in an event: the shape of nearly every
 * item of a bulk send, checked with a few plain reads instead of a Draft and its keyed reads. When
 * in doubt it answers false, and normalizedEventCopy decides (and names what is wrong).
 */
export function isNormalEvent(event: IDataObject, minIdLength: number): boolean {
	// Only own keys are sent, so an inherited field would be a change.
	if (Object.getPrototypeOf(event) !== Object.prototype) return false;
	if (!hasEventType(event) || snakeRevenueKey(event) !== undefined) return false;
	const userId = event.user_id;
	const deviceId = event.device_id;
	if (userId === undefined ? !isAbsent(event, 'user_id') : !isKeptId(userId, minIdLength))
		return false;
	if (deviceId === undefined ? !isAbsent(event, 'device_id') : !isKeptId(deviceId, minIdLength))
		return false;
	if (userId === undefined && deviceId === undefined) return false;
	const eventProperties = event.event_properties;
	if (
		eventProperties === undefined
			? !isAbsent(event, 'event_properties')
			: !isPlainObject(eventProperties) || !hasKeys(eventProperties)
	)
		return false;
	if (!isAbsent(event, 'user_properties')) return false;
	const known = specsByWireKey(EVENT_FIELDS);
	for (const key in event) {
		const spec = known[key];
		if (spec === undefined) continue;
		const value = event[key];
		if (value === null || value === '') return false;
		if (value !== undefined && !isKept(value, spec.kind)) return false;
	}
	return true;
}

/** normalizeEvent for any event: validated, and a normalized copy when anything must change. */
export function normalizedEventCopy(event: IDataObject, minIdLength: number): IDataObject {
	if (!hasEventType(event)) {
		throw new InvalidInput(
			'\'Event Type\' (event_type) is missing. Set it to the name of the event, e.g. "page_view"',
		);
	}
	const snake = snakeRevenueKey(event);
	if (snake !== undefined) {
		throw new InvalidInput(
			`'${snake}' is not an Amplitude field: revenue keys are camelCase. Rename it to '${SNAKE_REVENUE_KEYS[snake]}'`,
		);
	}
	const draft = new Draft(event);
	normalizeIdentity(draft, minIdLength);
	normalizeProperties(draft, 'event_properties', 'Event Properties');
	normalizeProperties(draft, 'user_properties', 'User Properties');
	const userProperties = draft.get('user_properties');
	if (userProperties) checkPropertyOperations(userProperties as IDataObject, 'User Properties');
	normalizeWireKeys(draft, EVENT_FIELDS);
	return draft.result;
}

/** Validates an Identify API identification; the same object or a normalized copy. */
export function normalizeIdentification(
	identification: IDataObject,
	minIdLength: number,
): IDataObject {
	const draft = new Draft(identification);
	normalizeIdentity(draft, minIdLength);
	normalizeProperties(draft, 'user_properties', 'User Properties');
	const userProperties = draft.get('user_properties');
	if (!userProperties) {
		throw new InvalidInput(
			'\'User Properties\' is empty. Give the properties to set, e.g. {"$set": {"plan": "pro"}}',
		);
	}
	checkPropertyOperations(userProperties as IDataObject, 'User Properties');
	normalizeWireKeys(draft, IDENTIFY_FIELDS);
	return draft.result;
}

/** Validates a Group Identify API identification; the same object or a normalized copy. */
export function normalizeGroupIdentification(identification: IDataObject): IDataObject {
	const draft = new Draft(identification);
	for (const [key, label] of [
		['group_type', 'Group Type'],
		['group_value', 'Group Value'],
	]) {
		const value = draft.get(key);
		if (typeof value === 'number') draft.set(key, String(value));
		else if (typeof value !== 'string' || value.trim() === '') {
			throw new InvalidInput(
				`'${label}' (${key}) is missing. Set it, e.g. group type "company" and group value "Acme Corp"`,
			);
		}
	}
	normalizeProperties(draft, 'group_properties', 'Group Properties');
	const groupProperties = draft.get('group_properties');
	if (!groupProperties) {
		throw new InvalidInput(
			'\'Group Properties\' is empty. Give the properties to set, e.g. {"$set": {"plan": "enterprise"}}',
		);
	}
	checkPropertyOperations(groupProperties as IDataObject, 'Group Properties', true);
	return draft.result;
}

/** user_id and device_id as Amplitude wants them (strings), at least one present. */
function normalizeIdentity(draft: Draft, minIdLength: number): void {
	const userId = normalizeId(draft.get('user_id'), 'User ID', minIdLength);
	const deviceId = normalizeId(draft.get('device_id'), 'Device ID', minIdLength);
	requireUserOrDevice(userId, deviceId);
	setOrRemove(draft, 'user_id', userId);
	setOrRemove(draft, 'device_id', deviceId);
}

function setOrRemove(draft: Draft, key: string, value: string | undefined): void {
	if (value === undefined) draft.remove(key);
	else draft.set(key, value);
}

function hasKeys(object: IDataObject): boolean {
	for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) return true;
	return false;
}

/** A properties field as an object; an empty one is dropped. */
function normalizeProperties(draft: Draft, key: string, label: string): void {
	const value = draft.get(key);
	if (value === undefined) return;
	const parsed = parseJsonObject(value, label);
	if (parsed === undefined || !hasKeys(parsed)) draft.remove(key);
	else draft.set(key, parsed);
}
