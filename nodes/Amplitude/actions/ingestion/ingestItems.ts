import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { batchesOf } from '../../helpers/batch';
import { InvalidInput, withItem } from '../../helpers/errors';
import type { InsertIdOrigin } from '../../helpers/insertId';
import { isPlainObject } from '../../helpers/json';
import { integerInRange } from '../../helpers/numbers';
import { failureJson } from '../../helpers/outputItems';
import { MIN_ID_LENGTH } from '../../limits';
import type { AmplitudeContext } from '../../transport';
import { type IngestionEndpoint, type Outcome, deliver } from '../../transport/delivery';
import { toNodeApiError } from '../../transport/errors';
import { retryPolicyFromOptions } from '../../transport/retry';
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

const MAX_LISTED_FAILURES = 10;

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

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
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
	const continueOnFail = this.continueOnFail();
	let settings: IngestionSettings;
	let endpoint: IngestionEndpoint;
	try {
		settings = readSettings.call(this, items, operation);
		endpoint = operation.endpoint(settings);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), messageOf(error), { itemIndex: 0 });
	}
	const payloads = new Array<IDataObject>(items.length);
	const queue: number[] = [];
	const invalid = new Map<number, string>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			payloads[itemIndex] = payloadOf(operation, settings, items[itemIndex], itemIndex);
			queue.push(itemIndex);
		} catch (error) {
			const message =
				error instanceof InvalidInput ? withItem(error.message, itemIndex) : messageOf(error);
			if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { itemIndex });
			invalid.set(itemIndex, message);
		}
	}

	const notProcessed = (itemIndex: number) =>
		failureJson(invalid.get(itemIndex) ?? withItem('Item was not processed', itemIndex), null);
	if (settings.dryRun) {
		const sent = dryRunPayloads(endpoint, payloads, queue);
		return items.map((_, itemIndex) => ({
			json: sent[itemIndex]
				? { success: true, dry_run: true, payload: sent[itemIndex] }
				: notProcessed(itemIndex),
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
	const failed: number[] = [];
	const output = new Array<INodeExecutionData>(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		let json: IDataObject;
		if (outcome?.ok) json = outcome.json();
		else if (outcome) {
			failed.push(itemIndex);
			json = failureJson(
				`${withItem(outcome.failure.message, itemIndex)}. ${outcome.failure.description}`,
				outcome.failure.code,
			);
		} else json = notProcessed(itemIndex);
		output[itemIndex] = { json, pairedItem: { item: itemIndex } };
	}
	if (failed.length > 0 && !continueOnFail) {
		const failureAt = (itemIndex: number) =>
			(outcomes[itemIndex] as Extract<Outcome, { ok: false }>).failure;
		const first = failureAt(failed[0]);
		const listed = failed
			.slice(0, MAX_LISTED_FAILURES)
			.map((itemIndex) => withItem(failureAt(itemIndex).message, itemIndex));
		const more =
			failed.length > MAX_LISTED_FAILURES
				? `; and ${failed.length - MAX_LISTED_FAILURES} more`
				: '';
		throw toNodeApiError(this.getNode(), {
			code: first.code,
			message: `${failed.length} of ${items.length} items were not delivered to Amplitude (the other ${items.length - failed.length} were): ${listed.join('; ')}${more}`,
			description: `${first.description} Turn on "Continue On Fail" (Settings → On Error → Continue) to get one result per item instead.`,
		});
	}
	return output;
}
