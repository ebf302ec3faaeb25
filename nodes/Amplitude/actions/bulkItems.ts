import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInput, withItem } from '../helpers/errors';
import { type AmplitudeContext, requireBaseUrl } from '../transport';
import type { Outcome } from '../transport/delivery';
import type { AmplitudeApi } from '../transport/endpoints';
import { messageOf, outputsOf, validateItems } from './itemOutcomes';

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
	let write: BulkWrite;
	try {
		write = prepare();
		requireBaseUrl(context, write.api);
	} catch (error) {
		const message = error instanceof InvalidInput ? withItem(error.message, 0) : messageOf(error);
		throw new NodeOperationError(this.getNode(), message, { itemIndex: 0 });
	}
	const { payloads, queue, invalid } = validateItems.call(this, items.length, (itemIndex) =>
		write.build(itemIndex),
	);

	const outcomes =
		queue.length > 0 ? await write.send(payloads, queue) : new Array<Outcome>(items.length);
	return outputsOf.call(
		this,
		outcomes,
		invalid,
		(failed, total) =>
			`${failed} of ${total} items failed (the other ${total - failed} were ${write.done})`,
	);
}
