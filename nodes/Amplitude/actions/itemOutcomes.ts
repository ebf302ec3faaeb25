import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInput, withItem } from '../helpers/errors';
import { failureJson } from '../helpers/outputItems';
import type { Outcome } from '../transport/delivery';
import { toNodeApiError } from '../transport/errors';

/** What the batched operations (ingestion, cohort writes, user map and delete) share around delivery. */

const MAX_LISTED_FAILURES = 10;

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Every item's payload, built and validated before any request. */
export interface ValidatedItems {
	payloads: IDataObject[];
	/** The item indexes of the valid payloads, in order. */
	queue: number[];
	/** Why each invalid item (under "continue on error") was refused, naming the item. */
	invalid: Map<number, string>;
}

/**
 * Builds every item's payload with `build`, which throws InvalidInput for bad input. Without
 * "continue on error" the first bad item stops the node before anything is sent.
 */
export function validateItems(
	this: IExecuteFunctions,
	count: number,
	build: (itemIndex: number) => IDataObject,
): ValidatedItems {
	const continueOnFail = this.continueOnFail();
	const payloads = new Array<IDataObject>(count);
	const queue: number[] = [];
	const invalid = new Map<number, string>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			payloads[itemIndex] = build(itemIndex);
			queue.push(itemIndex);
		} catch (error) {
			const message =
				error instanceof InvalidInput ? withItem(error.message, itemIndex) : messageOf(error);
			if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { itemIndex });
			invalid.set(itemIndex, message);
		}
	}
	return { payloads, queue, invalid };
}

/** The output of an item that was not sent: why it was refused. */
export function notProcessed(invalid: Map<number, string>, itemIndex: number): IDataObject {
	return failureJson(invalid.get(itemIndex) ?? withItem('Item was not processed', itemIndex), null);
}

/**
 * One output item per input item from the delivery outcomes. Without "continue on error", any
 * failure then stops the node with one error naming the failed items (up to 10): `summary(failed,
 * total)` says what happened, e.g. "3 of 10 items were not delivered to Amplitude (the other 7 were)".
 */
export function outputsOf(
	this: IExecuteFunctions,
	outcomes: Array<Outcome | undefined>,
	invalid: Map<number, string>,
	summary: (failed: number, total: number) => string,
): INodeExecutionData[] {
	const total = outcomes.length;
	const failed: number[] = [];
	const output = new Array<INodeExecutionData>(total);
	for (let itemIndex = 0; itemIndex < total; itemIndex++) {
		const outcome = outcomes[itemIndex];
		let json: IDataObject;
		if (outcome?.ok) json = outcome.json();
		else if (outcome) {
			failed.push(itemIndex);
			json = failureJson(
				`${withItem(outcome.failure.message, itemIndex)}. ${outcome.failure.description}`,
				outcome.failure.code,
			);
		} else json = notProcessed(invalid, itemIndex);
		output[itemIndex] = { json, pairedItem: { item: itemIndex } };
	}
	if (failed.length > 0 && !this.continueOnFail()) {
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
			message: `${summary(failed.length, total)}: ${listed.join('; ')}${more}`,
			description: `${first.description} Turn on "Continue On Fail" (Settings → On Error → Continue) to get one result per item instead.`,
		});
	}
	return output;
}
