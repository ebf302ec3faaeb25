import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { WEBHOOK_SECRET_MIN_LENGTH } from '../nodes/Amplitude/limits';
import { DEFAULT_SECRET_HEADER } from '../nodes/Amplitude/trigger/secretHeader';

/**
 * The secret header Amplitude adds to its webhook deliveries (a custom header on the destination).
 * Amplitude signs nothing, so this header is what the Amplitude Trigger checks. It is tested by
 * the trigger node (testedBy), locally: Amplitude has no API to check it against.
 */
export class AmplitudeWebhookApi implements ICredentialType {
	name = 'amplitudeWebhookApi';

	// n8n's linter and the community package scanner require credential display names to end in API.
	displayName = 'Amplitude Webhook API';

	icon: Icon = { light: 'file:../icons/amplitude.svg', dark: 'file:../icons/amplitude.dark.svg' };

	documentationUrl = 'https://amplitude.com/docs/data/destination-catalog/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: DEFAULT_SECRET_HEADER,
			required: true,
			description:
				'The custom header to add to the webhook destination in Amplitude (Headers); the trigger refuses deliveries without it',
		},
		// The value is the secret Amplitude's deliveries prove themselves with.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Header Value',
			name: 'headerValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `The secret value of that header: at least ${WEBHOOK_SECRET_MIN_LENGTH} random characters, such as the output of "openssl rand -hex 32". Paste the same value into Amplitude.`,
		},
	];
}
