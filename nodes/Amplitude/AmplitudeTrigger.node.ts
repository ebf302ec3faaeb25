import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { badRequest, skipped, unauthorized, writeAnswer, type Answer } from './trigger/answers';
import { planDelivery } from './trigger/delivery';
import { triggerPanel, triggerProperties } from './trigger/description';
import { recentKeysOf, type RecentKeys } from './trigger/recentKeys';
import { readJsonBody } from './trigger/requestBody';
import {
	carriesSecret,
	secretHeaderOf,
	secretHeaderProblem,
	type SecretHeader,
} from './trigger/secretHeader';
import { settingsOf } from './trigger/settings';

const CREDENTIAL = 'amplitudeWebhookApi';

/** The credential's header, or undefined when the node has no credential (any caller is let in). */
async function secretHeaderFor(context: IWebhookFunctions): Promise<SecretHeader | undefined> {
	if (!context.getNode().credentials?.[CREDENTIAL]) return undefined;
	return secretHeaderOf(await context.getCredentials(CREDENTIAL));
}

/** Answers the caller directly: n8n would start an execution for any workflow data returned. */
function answerOnly(context: IWebhookFunctions, answer: Answer): IWebhookResponseData {
	writeAnswer(context.getResponseObject(), answer);
	return { noWebhookResponse: true };
}

/**
 * n8n answers 200 once it has created the execution, or 5xx when it could not start one. After a
 * 5xx Amplitude sends the delivery again, and that retry must not be dropped as a repeat.
 */
function forgetUnlessStarted(context: IWebhookFunctions, memory: RecentKeys, keys: string[]) {
	const response = context.getResponseObject();
	response.once('finish', () => {
		if (response.statusCode >= 500) memory.forget(keys);
	});
}

export class AmplitudeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amplitude Trigger',
		name: 'amplitudeTrigger',
		icon: { light: 'file:../../icons/amplitude.svg', dark: 'file:../../icons/amplitude.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "cohortSync" ? "Cohort syncs" : "Event stream" }}',
		description:
			"Starts the workflow when Amplitude streams an event or a user update, or syncs a cohort, to this node's webhook",
		eventTriggerDescription: 'Waiting for Amplitude to send to the Test URL',
		activationMessage: 'Amplitude deliveries to the Production URL now start this workflow.',
		defaults: { name: 'Amplitude Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'amplitudeWebhookApi', required: false, testedBy: 'amplitudeWebhookSecret' },
		],
		// Answered once n8n has created the execution. responseData is empty so that n8n answers
		// {"message":"Workflow was started"}: left out, n8n sends the text "firstEntryJson".
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'amplitude',
			},
		],
		triggerPanel,
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			/** Checks the header locally: there is no Amplitude API to test a webhook secret against. */
			async amplitudeWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = secretHeaderProblem(secretHeaderOf(credential.data ?? {}));
				return problem
					? { status: 'Error', message: problem }
					: {
							status: 'OK',
							message:
								'The header can be set in Amplitude. Nothing was sent: Amplitude has no API to check it.',
						};
			},
		},
	};

	// Amplitude has no API for its webhook destinations: the user pastes the URL into its UI, so
	// publishing and unpublishing the workflow register nothing anywhere.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const secret = await secretHeaderFor(this);
		if (secret && !carriesSecret(request.headers, secret))
			return answerOnly(this, unauthorized(secret.name));

		const body = readJsonBody(request);
		if (!body.ok) return answerOnly(this, badRequest(body.problem));

		const settings = settingsOf(this);
		const memory = recentKeysOf(this.getWorkflow().id ?? '', this.getNode().id, this.getMode());
		const now = Date.now();
		const plan = planDelivery(body.value, settings, (key) => memory.has(key, now));
		if (!plan.start) return answerOnly(this, skipped(plan.reason));
		if (plan.keys.length > 0) {
			memory.remember(plan.keys, now);
			forgetUnlessStarted(this, memory, plan.keys);
		}
		return { workflowData: [this.helpers.returnJsonArray(plan.items)] };
	}
}
