import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInput, withItem } from '../helpers/errors';
import { failureJson } from '../helpers/outputItems';
import { type AmplitudeContext, requireBaseUrl } from '../transport';
import type { Outcome } from '../transport/delivery';
import type { AmplitudeApi } from '../transport/endpoints';
import { toNodeApiError } from '../transport/errors';

/** A batched write: what its items are, how each becomes a payload, and how they are sent. */
export interface BulkWrite {
	/** The API written to: its credential needs are checked before anything else. */
	api: AmplitudeApi;
	/** What happened to the items that succeeded, for the error when others failed: "mapped". */
	done: string;
	/** One item's payload from the node's parameters, validated; throws InvalidInput. */
	build(itemIndex: number): IDataObject;
	/** Sends the payloads of `queue` (item indexes, in order); an outcome per item index. */
	send(payloads: IDataObject[], queue: number[]): Promise<Outcome[]>;
}

const MAX_LISTED_FAILURES = 10;

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a batched write over all input items: `prepare` reads the node-wide settings (its
 * InvalidInput names item 0), every item is validated before any request, the valid ones are
 * sent, and one output per input item comes back in order. Without "continue on error", bad
 * input stops the node before anything is sent, and failures stop it after everything
 * deliverable was delivered, naming the failed items.
 */
export async function bulkItems(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	prepare: () => BulkWrite,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	let write: BulkWrite;
	try {
		write = prepare();
		requireBaseUrl(context, write.api);
	} catch (error) {
		const message = error instanceof InvalidInput ? withItem(error.message, 0) : messageOf(error);
		throw new NodeOperationError(this.getNode(), message, { itemIndex: 0 });
	}
	const payloads = new Array<IDataObject>(items.length);
	const queue: number[] = [];
	const invalid = new Map<number, string>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			payloads[itemIndex] = write.build(itemIndex);
			queue.push(itemIndex);
		} catch (error) {
			const message =
				error instanceof InvalidInput ? withItem(error.message, itemIndex) : messageOf(error);
			if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { itemIndex });
			invalid.set(itemIndex, message);
		}
	}

	const outcomes =
		queue.length > 0 ? await write.send(payloads, queue) : new Array<Outcome>(items.length);
	const failed: number[] = [];
	const output = items.map((_, itemIndex): INodeExecutionData => {
		const outcome = outcomes[itemIndex];
		let json: IDataObject;
		if (outcome?.ok) json = outcome.json();
		else if (outcome) {
			failed.push(itemIndex);
			json = failureJson(
				`${withItem(outcome.failure.message, itemIndex)}. ${outcome.failure.description}`,
				outcome.failure.code,
			);
		} else {
			json = failureJson(
				invalid.get(itemIndex) ?? withItem('Item was not processed', itemIndex),
				null,
			);
		}
		return { json, pairedItem: { item: itemIndex } };
	});
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
			message: `${failed.length} of ${items.length} items failed (the other ${items.length - failed.length} were ${write.done}): ${listed.join('; ')}${more}`,
			description: `${first.description} Turn on "Continue On Fail" (Settings → On Error → Continue) to get one result per item instead.`,
		});
	}
	return output;
}
