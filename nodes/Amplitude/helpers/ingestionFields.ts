import type { IDataObject } from 'n8n-workflow';

import { toEpochMs } from './dates';
import { InvalidInput } from './errors';
import { normalizeId, requireUserOrDevice } from './identity';
import { isPlainObject, parseJsonObject } from './json';
import { checkPropertyOperations } from './properties';

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

function coerce(value: unknown, spec: FieldSpec): unknown {
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

// Each field table by wire key, labelled by wire key (auto-mapped input names fields that way).
const byWireKey = new WeakMap<FieldSpec[], Map<string, FieldSpec>>();

function specsByWireKey(specs: FieldSpec[]): Map<string, FieldSpec> {
	let map = byWireKey.get(specs);
	if (!map) {
		map = new Map(specs.map((spec) => [spec.key, { ...spec, label: spec.key }]));
		byWireKey.set(specs, map);
	}
	return map;
}

/**
 * Typed check of wire keys already in an object (auto-mapped input); converts in place. Walks the
 * object's own few keys rather than the whole table: it runs once per item of a bulk send.
 */
export function normalizeWireFields(object: IDataObject, specs: FieldSpec[]): void {
	const known = specsByWireKey(specs);
	for (const key of Object.keys(object)) {
		const spec = known.get(key);
		if (!spec) continue;
		const value = object[key];
		if (value === null || value === '') delete object[key];
		else if (value !== undefined) object[key] = coerce(value, spec) as IDataObject[string];
	}
}

const SNAKE_REVENUE_KEYS: Record<string, string> = {
	product_id: 'productId',
	revenue_type: 'revenueType',
};

/** Validates and normalizes an HTTP V2 event in Amplitude's wire shape. */
export function normalizeEvent(event: IDataObject, minIdLength: number): IDataObject {
	const eventType = event.event_type;
	if (typeof eventType !== 'string' || eventType.trim() === '') {
		throw new InvalidInput(
			'\'Event Type\' (event_type) is missing. Set it to the name of the event, e.g. "page_view"',
		);
	}
	for (const [snake, camel] of Object.entries(SNAKE_REVENUE_KEYS)) {
		if (snake in event) {
			throw new InvalidInput(
				`'${snake}' is not an Amplitude field: revenue keys are camelCase. Rename it to '${camel}'`,
			);
		}
	}
	normalizeIdentity(event, minIdLength);
	normalizeProperties(event, 'event_properties', 'Event Properties');
	normalizeProperties(event, 'user_properties', 'User Properties');
	if (event.user_properties)
		checkPropertyOperations(event.user_properties as IDataObject, 'User Properties');
	normalizeWireFields(event, EVENT_FIELDS);
	return event;
}

/** Validates and normalizes an Identify API identification. */
export function normalizeIdentification(
	identification: IDataObject,
	minIdLength: number,
): IDataObject {
	normalizeIdentity(identification, minIdLength);
	normalizeProperties(identification, 'user_properties', 'User Properties');
	if (!identification.user_properties) {
		throw new InvalidInput(
			'\'User Properties\' is empty. Give the properties to set, e.g. {"$set": {"plan": "pro"}}',
		);
	}
	checkPropertyOperations(identification.user_properties as IDataObject, 'User Properties');
	normalizeWireFields(identification, IDENTIFY_FIELDS);
	return identification;
}

/** Validates a Group Identify API identification. */
export function normalizeGroupIdentification(identification: IDataObject): IDataObject {
	for (const [key, label] of [
		['group_type', 'Group Type'],
		['group_value', 'Group Value'],
	]) {
		const value = identification[key];
		if (typeof value === 'number') identification[key] = String(value);
		else if (typeof value !== 'string' || value.trim() === '') {
			throw new InvalidInput(
				`'${label}' (${key}) is missing. Set it, e.g. group type "company" and group value "Acme Corp"`,
			);
		}
	}
	normalizeProperties(identification, 'group_properties', 'Group Properties');
	if (!identification.group_properties) {
		throw new InvalidInput(
			'\'Group Properties\' is empty. Give the properties to set, e.g. {"$set": {"plan": "enterprise"}}',
		);
	}
	checkPropertyOperations(identification.group_properties as IDataObject, 'Group Properties', true);
	return identification;
}

/** user_id and device_id as Amplitude wants them, at least one present. */
function normalizeIdentity(object: IDataObject, minIdLength: number): void {
	const userId = normalizeId(object.user_id, 'User ID', minIdLength);
	const deviceId = normalizeId(object.device_id, 'Device ID', minIdLength);
	requireUserOrDevice(userId, deviceId);
	setOrDelete(object, 'user_id', userId);
	setOrDelete(object, 'device_id', deviceId);
}

function setOrDelete(object: IDataObject, key: string, value: string | undefined): void {
	if (value === undefined) delete object[key];
	else object[key] = value;
}

function normalizeProperties(object: IDataObject, key: string, label: string): void {
	const parsed = parseJsonObject(object[key], label);
	if (parsed === undefined || (isPlainObject(parsed) && Object.keys(parsed).length === 0))
		delete object[key];
	else object[key] = parsed;
}
