import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidInput, withItem } from '../helpers/errors';
import { failureJson, pairedItems } from '../helpers/outputItems';
import { MAX_CONCURRENT_READS } from '../limits';
import { type AmplitudeContext, loadContext } from '../transport';
import * as analytics from './analytics/Analytics.resource';
import * as cohort from './cohort/Cohort.resource';
import * as annotation from './annotation/Annotation.resource';
import * as experiment from './experiment/Experiment.resource';
import * as release from './release/Release.resource';
import * as event from './event/Event.resource';
import * as group from './group/Group.resource';
import type {
	AmplitudeOperation,
	AmplitudeOperations,
	ItemDataOperation,
	ItemOperation,
} from './node.type';
import * as user from './user/User.resource';

const operations: AmplitudeOperations = {
	event: { send: event.send, list: event.list, export: event.exportEvents },
	user: {
		identify: user.identify,
		search: user.search,
		getActivity: user.getActivity,
		getProfile: user.getProfile,
		map: user.map,
		delete: user.deleteUsers,
		getDeletionJobs: user.getDeletionJobs,
		cancelDeletion: user.cancelDeletion,
	},
	group: { identify: group.identify },
	analytics: {
		eventSegmentation: analytics.eventSegmentation,
		activeUsers: analytics.activeUsers,
		realtimeActiveUsers: analytics.realtimeActiveUsers,
		revenue: analytics.revenue,
		funnel: analytics.funnel,
		retention: analytics.retention,
		sessions: analytics.sessions,
		userComposition: analytics.userComposition,
		savedChart: analytics.savedChart,
	},
	cohort: {
		getMany: cohort.getMany,
		getMembers: cohort.getMembers,
		upload: cohort.upload,
		updateMembership: cohort.updateMembership,
	},
	annotation: { create: annotation.create, getMany: annotation.getMany },
	release: { create: release.create },
	experiment: { evaluate: experiment.evaluate },
};

function findOperation(resource: string, operation: string): AmplitudeOperation | undefined {
	const byOperation = (
		operations as unknown as Record<string, Record<string, AmplitudeOperation> | undefined>
	)[resource];
	return byOperation && Object.prototype.hasOwnProperty.call(byOperation, operation)
		? byOperation[operation]
		: undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const context = await loadContext.call(this);
	if ('executeAll' in operation) return [await operation.executeAll.call(this, context)];
	return [await runPerItem.call(this, operation, context)];
}

/** An error for one item in n8n's terms; InvalidInput becomes a NodeOperationError naming the item. */
function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInput)
		return new NodeOperationError(this.getNode(), withItem(error.message, itemIndex), {
			itemIndex,
		});
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

function failureOutput(error: NodeApiError | NodeOperationError): ReturnType<typeof failureJson> {
	const code = error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : null;
	const text = error.description ? `${error.message}. ${error.description}` : error.message;
	return failureJson(text, Number.isFinite(code) ? code : null);
}

async function outputOf(
	this: IExecuteFunctions,
	operation: ItemOperation | ItemDataOperation,
	itemIndex: number,
	context: AmplitudeContext,
): Promise<INodeExecutionData[]> {
	if ('executeItem' in operation) {
		// The operation's own new items: paired in place (an export can give 100,000 of them).
		const items = await operation.executeItem.call(this, itemIndex, context);
		for (const item of items) item.pairedItem = { item: itemIndex };
		return items;
	}
	const json = await operation.execute.call(this, itemIndex, context);
	return pairedItems(Array.isArray(json) ? json : [json], itemIndex);
}

/**
 * Runs a read operation for every item with at most MAX_CONCURRENT_READS in flight, keeping
 * output in input order. Without "continue on error" the first failure (lowest item) is thrown
 * once the requests in flight have finished; no new ones start after a failure.
 */
async function runPerItem(
	this: IExecuteFunctions,
	operation: ItemOperation | ItemDataOperation,
	context: AmplitudeContext,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const errors = new Map<number, NodeApiError | NodeOperationError>();
	let next = 0;
	const worker = async () => {
		while (next < items.length && (continueOnFail || errors.size === 0)) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await outputOf.call(this, operation, itemIndex, context);
			} catch (error) {
				const nodeError = asNodeError.call(this, error, itemIndex);
				if (continueOnFail) results[itemIndex] = pairedItems([failureOutput(nodeError)], itemIndex);
				else errors.set(itemIndex, nodeError);
			}
		}
	};
	const slots = ('concurrency' in operation && operation.concurrency) || MAX_CONCURRENT_READS;
	await Promise.all(Array.from({ length: Math.min(slots, items.length) }, worker));
	if (errors.size > 0) throw errors.get(Math.min(...errors.keys()))!;
	return results.flat();
}
