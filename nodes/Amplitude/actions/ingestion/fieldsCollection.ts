import type { INodeProperties, NodePropertyTypes } from 'n8n-workflow';

import type { FieldSpec } from '../../helpers/ingestionFields';

const DESCRIPTIONS: Record<string, string> = {
	time: 'When the event happened: epoch milliseconds or an ISO date-time (converted to milliseconds). Defaults to the time Amplitude receives it.',
	sessionId: 'Start time of the session in epoch milliseconds; -1 for no session',
	insertId:
		'Unique ID Amplitude deduplicates on (per device, for 7 days). Left empty, the node derives a stable one per execution and item.',
	ip: 'IP address used for location; "$remote" uses the address of the request, which is the n8n server',
	country: 'Country name, e.g. United States',
	language: 'Language, e.g. English',
	price: 'Price of one item; with Quantity, revenue = price × quantity',
	quantity: 'Number of items bought (default 1)',
	revenue: 'Revenue amount; negative for refunds. Price × Quantity wins when all three are set.',
	productId: 'Product identifier (sent as productId)',
	revenueType: 'Revenue type, e.g. purchase or refund (sent as revenueType)',
	currency: 'ISO 4217 currency code, e.g. USD',
	groups: 'Groups the user belongs to, e.g. {"company": "Acme"} (needs the Accounts add-on)',
	plan: 'Tracking plan as {"branch": "main", "source": "web", "version": "1"}',
	eventId: 'An incrementing counter to order events with the same time',
	skipUserPropertiesSync: 'Whether Amplitude should skip syncing user properties for this event',
	paying: 'Whether the user has paid',
	userAgent: 'A browser user agent string; Amplitude parses it into device and OS properties',
};

const TYPES: Record<FieldSpec['kind'], NodePropertyTypes> = {
	string: 'string',
	time: 'string',
	integer: 'number',
	number: 'number',
	boolean: 'boolean',
	object: 'json',
};

const DEFAULTS: Record<FieldSpec['kind'], string | number | boolean> = {
	string: '',
	time: '',
	integer: 0,
	number: 0,
	boolean: false,
	object: '{}',
};

/** An "Additional Fields" collection from a field table, options sorted by name. */
export function fieldsCollection(specs: FieldSpec[]): INodeProperties {
	const options = specs
		.map(
			(spec): INodeProperties => ({
				displayName: spec.label,
				name: spec.name,
				type: TYPES[spec.kind],
				default: DEFAULTS[spec.kind],
				description: DESCRIPTIONS[spec.name] ?? `Sent as ${spec.key}`,
			}),
		)
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}
