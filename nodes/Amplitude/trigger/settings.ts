import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { OutputMode, TriggerSettings, TriggerSource } from './delivery';
import { parseEventTypes } from './eventStream';

export function settingsOf(context: IWebhookFunctions): TriggerSettings {
	const source = context.getNodeParameter('source', 'eventStream') as TriggerSource;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		source,
		eventTypes: source === 'eventStream' ? parseEventTypes(options.eventTypes) : [],
		outputMode: (options.outputMode as OutputMode | undefined) ?? 'perEvent',
		deduplicate: options.deduplicate !== false,
	};
}
