import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { batchesOf } from '../../helpers/batch';
import { InvalidInput } from '../../helpers/errors';
import type { InsertIdOrigin } from '../../helpers/insertId';
import { isPlainObject } from '../../helpers/json';
import { integerInRange } from '../../helpers/numbers';
import { MIN_ID_LENGTH } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { type IngestionEndpoint, type Outcome, deliver } from '../../transport/delivery';
import { retryPolicyFromOptions } from '../../transport/retry';
import { messageOf, notProcessed, outputsOf, validateItems } from '../itemOutcomes';
import { parameterReader, type ReadParameter } from './parameterReader';

export interface IngestionSettings {
	options: IDataObject;
	minIdLength: number;
	autoMap: boolean;
	dryRun: boolean;
	read: ReadParameter;
	/** A parameter as stored, expressions unresolved. */
	raw(name: string): unknown;
	/** Where derived insert_ids come from, but for the scope (an option of Send Event). */
	origin: Omit<InsertIdOrigin, 'scope'>;
}

/** What differs between Send Event, Identify User and Group Identify. */
export interface IngestionOperation {
	/** What each input item is under auto-map, for errors: "one HTTP V2 event". */
	itemKind: string;
	/** The lowest Min ID Length the API takes. */
	minIdLength: number;
	endpoint(settings: IngestionSettings): IngestionEndpoint;
	/** The item's payload from the node's parameters, validated; throws InvalidInput. */
	build(itemIndex: number, settings: IngestionSettings): IDataObject;
	/** An auto-mapped item's JSON, validated: itself when it needs no change, else a normalized copy. */
	normalize(json: IDataObject, settings: IngestionSettings): IDataObject;
}

function readSettings(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: IngestionOperation,
): IngestionSettings {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const minIdLength =
		options.minIdLength === undefined
			? MIN_ID_LENGTH.default
			: integerInRange(
					options.minIdLength,
					'Min ID Length',
					operation.minIdLength,
					MIN_ID_LENGTH.max,
				);
	const parameters = this.getNode().parameters as IDataObject;
	return {
		options,
		minIdLength,
		autoMap: this.getNodeParameter('mappingMode', 0, 'defineBelow') === 'autoMapInputData',
		dryRun: options.dryRun === true,
		read: parameterReader.call(this, items),
		raw: (name) => parameters[name],
		origin: originOf.call(this),
	};
}

function originOf(this: IExecuteFunctions): Omit<InsertIdOrigin, 'scope'> {
	// n8n versions before the execution context have no getExecutionContext.
	const context =
		typeof this.getExecutionContext === 'function' ? this.getExecutionContext() : undefined;
	const establishedAt = context?.establishedAt;
	return {
		workflowId: this.getWorkflow().id ?? '',
		nodeName: this.getNode().name,
		executionId: this.getExecutionId(),
		establishedAt: typeof establishedAt === 'number' ? establishedAt : undefined,
	};
}

function payloadOf(
	operation: IngestionOperation,
	settings: IngestionSettings,
	item: INodeExecutionData,
	itemIndex: number,
): IDataObject {
	if (!settings.autoMap) return operation.build(itemIndex, settings);
	if (!isPlainObject(item.json)) {
		throw new InvalidInput(
			`The input item is not an object. Each item must be ${operation.itemKind}`,
		);
	}
	return operation.normalize(item.json, settings);
}

/**
 * Each item's payload exactly as a real send would carry it (with its derived insert_id): the
 * same batches and request bodies are built, then read back.
 */
function dryRunPayloads(
	endpoint: IngestionEndpoint,
	payloads: IDataObject[],
	queue: number[],
): IDataObject[] {
	const sent = new Array<IDataObject>(payloads.length);
	for (const { itemIndexes, body } of batchesOf(endpoint, payloads, queue)) {
		const carried = (
			Buffer.isBuffer(body)
				? (JSON.parse(body.toString('utf8')) as IDataObject).events
				: JSON.parse(String(body.identification))
		) as IDataObject[];
		itemIndexes.forEach((itemIndex, position) => (sent[itemIndex] = carried[position]));
	}
	return sent;
}

/**
 * Validates every item before any request, delivers the valid ones in batches, and returns one
 * output per input item in order. Without "continue on error", bad input stops the node before
 * anything is sent, and delivery failures stop it after every deliverable item was delivered.
 * With Options → Dry Run, nothing is sent and each item's output is the payload it would carry.
 */
export async function ingestItems(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	operation: IngestionOperation,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	let settings: IngestionSettings;
	let endpoint: IngestionEndpoint;
	try {
		settings = readSettings.call(this, items, operation);
		endpoint = operation.endpoint(settings);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), messageOf(error), { itemIndex: 0 });
	}
	const { payloads, queue, invalid } = validateItems.call(this, items.length, (itemIndex) =>
		payloadOf(operation, settings, items[itemIndex], itemIndex),
	);

	if (settings.dryRun) {
		const sent = dryRunPayloads(endpoint, payloads, queue);
		return items.map((_, itemIndex) => ({
			json: sent[itemIndex]
				? { success: true, dry_run: true, payload: sent[itemIndex] }
				: notProcessed(invalid, itemIndex),
			pairedItem: { item: itemIndex },
		}));
	}

	const outcomes =
		queue.length > 0
			? await deliver.call(
					this,
					context,
					endpoint,
					payloads,
					queue,
					retryPolicyFromOptions(settings.options),
				)
			: new Array<Outcome>(items.length);
	return outputsOf.call(
		this,
		outcomes,
		invalid,
		(failed, total) =>
			`${failed} of ${total} items were not delivered to Amplitude (the other ${total - failed} were)`,
	);
}
