import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Pending } from '../../helpers/batch';
import { InvalidInput, withItem } from '../../helpers/errors';
import { DEFAULT_MIN_ID_LENGTH } from '../../helpers/identity';
import { integerInRange } from '../../helpers/numbers';
import { failureJson } from '../../helpers/outputItems';
import type { AmplitudeContext } from '../../transport';
import { toNodeApiError } from '../../transport/errors';
import {
	type IngestionEndpoint,
	type Outcome,
	deliver,
	serializedBytes,
} from '../../transport/delivery';
import { retryPolicyFromOptions } from '../../transport/retry';
import { parameterReader, type ReadParameter } from './parameterReader';

export interface IngestionSettings {
	options: IDataObject;
	minIdLength: number;
	autoMap: boolean;
	items: INodeExecutionData[];
	read: ReadParameter;
	executionId: string;
	nodeName: string;
}

/** What differs between Send Event, Identify User and Group Identify. */
export interface IngestionOperation {
	endpoint(settings: IngestionSettings): IngestionEndpoint;
	/** The item's payload in Amplitude's wire shape, validated; throws InvalidInput. */
	build(itemIndex: number, settings: IngestionSettings): IDataObject;
	/** The final payload serialized as JSON; may complete the payload first (insert_id). */
	seal?(payload: IDataObject, itemIndex: number, settings: IngestionSettings): string;
}

const MAX_LISTED_FAILURES = 10;

function readSettings(this: IExecuteFunctions, items: INodeExecutionData[]): IngestionSettings {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const minIdLength =
		options.minIdLength === undefined
			? DEFAULT_MIN_ID_LENGTH
			: integerInRange(options.minIdLength, 'Min ID Length', 1, 1024);
	return {
		options,
		minIdLength,
		autoMap: this.getNodeParameter('mappingMode', 0, 'defineBelow') === 'autoMapInputData',
		items,
		read: parameterReader.call(this, items),
		executionId: this.getExecutionId(),
		nodeName: this.getNode().name,
	};
}

function failureOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Validates every item before any request, delivers the valid ones in batches, and returns one
 * output per input item in order. Without "continue on error", bad input stops the node before
 * anything is sent, and delivery failures stop it after every deliverable item was delivered.
 */
export async function ingestItems(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	operation: IngestionOperation,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	let settings: IngestionSettings;
	try {
		settings = readSettings.call(this, items);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), failureOf(error), { itemIndex: 0 });
	}
	const endpoint = operation.endpoint(settings);
	const invalid = new Map<number, string>();
	const pendings: Array<Pending<IDataObject>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			pendings.push({ itemIndex, payload: operation.build(itemIndex, settings), bytes: 0 });
		} catch (error) {
			const message =
				error instanceof InvalidInput ? withItem(error.message, itemIndex) : failureOf(error);
			if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { itemIndex });
			invalid.set(itemIndex, message);
		}
	}

	// Serialization waits until delivery: each batch is prepared while the one before is on the wire.
	const prepare = (pending: Pending<IDataObject>) => {
		pending.json = operation.seal
			? operation.seal(pending.payload, pending.itemIndex, settings)
			: JSON.stringify(pending.payload);
		pending.bytes = serializedBytes(pending.json, endpoint.form);
	};
	const policy = retryPolicyFromOptions(settings.options);
	const outcomes =
		pendings.length > 0
			? await deliver.call(this, context, endpoint, pendings, policy, prepare)
			: new Map<number, Outcome>();

	const failed: number[] = [];
	const output = items.map((_, itemIndex): INodeExecutionData => {
		const outcome = outcomes.get(itemIndex);
		const pairedItem = { item: itemIndex };
		// Items of one request share its answer: each gets its own copy, safe to change downstream.
		if (outcome?.ok) return { json: { ...outcome.json }, pairedItem };
		if (outcome) failed.push(itemIndex);
		const json = outcome
			? failureJson(
					`${withItem(outcome.failure.message, itemIndex)}. ${outcome.failure.description}`,
					outcome.failure.code,
				)
			: failureJson(invalid.get(itemIndex) ?? withItem('Item was not processed', itemIndex), null);
		return { json, pairedItem };
	});
	if (failed.length > 0 && !continueOnFail) {
		const first = outcomes.get(failed[0]) as Extract<Outcome, { ok: false }>;
		const listed = failed
			.slice(0, MAX_LISTED_FAILURES)
			.map((index) =>
				withItem((outcomes.get(index) as Extract<Outcome, { ok: false }>).failure.message, index),
			);
		const more =
			failed.length > MAX_LISTED_FAILURES
				? `; and ${failed.length - MAX_LISTED_FAILURES} more`
				: '';
		throw toNodeApiError(this.getNode(), {
			code: first.failure.code,
			message: `${failed.length} of ${items.length} items were not delivered to Amplitude (the other ${items.length - failed.length} were): ${listed.join('; ')}${more}`,
			description: `${first.failure.description} Turn on "Continue On Fail" (Settings → On Error → Continue) to get one result per item instead.`,
		});
	}
	return output;
}
