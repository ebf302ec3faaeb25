import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AmplitudeContext } from '../transport';

type AmplitudeNodeMap = {
	event: 'send' | 'list' | 'export';
	user:
		| 'identify'
		| 'search'
		| 'getActivity'
		| 'getProfile'
		| 'map'
		| 'delete'
		| 'getDeletionJobs'
		| 'cancelDeletion';
	group: 'identify';
	analytics:
		| 'eventSegmentation'
		| 'activeUsers'
		| 'realtimeActiveUsers'
		| 'revenue'
		| 'funnel'
		| 'retention'
		| 'sessions'
		| 'userComposition'
		| 'savedChart';
	cohort: 'getMany' | 'getMembers' | 'upload' | 'updateMembership';
	annotation: 'create' | 'getMany';
	release: 'create';
	experiment: 'evaluate';
};

export type AmplitudeResource = keyof AmplitudeNodeMap;

/** One request per input item (reads). */
export interface ItemOperation {
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		context: AmplitudeContext,
	): Promise<IDataObject | IDataObject[]>;
}

/** One request per input item, giving whole output items: json and binary (a downloaded file). */
export interface ItemDataOperation {
	/** Most items run at once (default MAX_CONCURRENT_READS). */
	concurrency?: number;
	executeItem(
		this: IExecuteFunctions,
		itemIndex: number,
		context: AmplitudeContext,
	): Promise<INodeExecutionData[]>;
}

/** All input items at once, batched into shared requests (ingestion). */
export interface AllItemsOperation {
	executeAll(this: IExecuteFunctions, context: AmplitudeContext): Promise<INodeExecutionData[]>;
}

export type AmplitudeOperation = ItemOperation | ItemDataOperation | AllItemsOperation;

export type AmplitudeOperations = {
	[R in AmplitudeResource]: { [O in AmplitudeNodeMap[R]]: AmplitudeOperation };
};
