import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { withItem } from '../../helpers/errors';
import { isPlainObject } from '../../helpers/json';
import { COHORT_DOWNLOAD } from '../../limits';
import { type AmplitudeContext, type ApiResponse, amplitudeReadRequest } from '../../transport';
import { type ApiFailure, describeFailure, toNodeApiError } from '../../transport/errors';
import type { RetryPolicy } from '../../transport/retry';
import { amplitudeStreamGet, type StreamAnswer } from '../../transport/stream';

/** One member download: the cohort, the item it is for, how long to wait and retry. */
export interface MemberDownload {
	cohortId: string;
	itemIndex: number;
	policy: RetryPolicy;
	maxWaitMs: number;
}

const QUOTA = `each new request counts toward Amplitude's ${COHORT_DOWNLOAD.monthlyQuota} cohort downloads a month`;

function resumeHint(requestId: string): string {
	return `Run again with Options → Request ID set to ${requestId} to pick up the same download (a new request would count toward Amplitude's ${COHORT_DOWNLOAD.monthlyQuota} cohort downloads a month)`;
}

function fail(
	this: IExecuteFunctions,
	download: MemberDownload,
	failure: ApiFailure,
	prefix: string,
	hint?: string,
): never {
	throw toNodeApiError(
		this.getNode(),
		{
			...failure,
			message: `${prefix}: ${failure.message}`,
			description: hint ? `${failure.description} ${hint}.` : failure.description,
		},
		download.itemIndex,
	);
}

function describe(context: AmplitudeContext, response: ApiResponse, cohortId: string): ApiFailure {
	const failure = describeFailure('dashboard', response, context.secrets);
	if (response.statusCode === 404) {
		failure.description = `Amplitude knows no cohort "${cohortId}" in this project, or no such download. Check the Cohort ID (Cohort → Get Many lists them) and the credential's region.`;
	}
	return failure;
}

/**
 * Step 1, GET /api/5/cohorts/request/{id}: asks Amplitude to prepare the member file (each call
 * counts toward the monthly quota); user properties as columns with props=1, only the named
 * ones when propKeys repeat.
 */
export async function requestDownload(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	download: MemberDownload,
	properties: { include: boolean; keys: string[] },
): Promise<string> {
	const query = properties.include
		? ['props=1', ...properties.keys.map((key) => `propKeys=${encodeURIComponent(key)}`)]
		: [];
	const path = `/api/5/cohorts/request/${encodeURIComponent(download.cohortId)}${query.length ? `?${query.join('&')}` : ''}`;
	const response = await amplitudeReadRequest.call(
		this,
		context,
		{ api: 'dashboard', method: 'GET', path },
		download.policy,
	);
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	const requestId = ok && isPlainObject(response.body) ? response.body.request_id : undefined;
	if (typeof requestId === 'string' || typeof requestId === 'number') return String(requestId);
	const failure = describe(context, response, download.cohortId);
	if (ok) failure.message = `Amplitude answered ${response.statusCode} without a request_id`;
	return fail.call(
		this,
		download,
		failure,
		`Could not request the members of cohort "${download.cohortId}"`,
	);
}

const FINISHED = /complete/i;
const FAILED = /fail|error|cancel/i;

/**
 * Step 2, GET /api/5/cohorts/request-status/{request_id}: polls (1 s apart, then slower, up to
 * 5 s) until Amplitude says the file is ready (200, JOB COMPLETED) or the wait runs out. Time is
 * what passed or what was slept, whichever is more.
 */
export async function waitForFile(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	download: MemberDownload,
	requestId: string,
): Promise<void> {
	const started = Date.now();
	let slept = 0;
	let waitMs: number = COHORT_DOWNLOAD.firstPollMs;
	const label = `the members of cohort "${download.cohortId}" (request ID ${requestId})`;
	for (;;) {
		const elapsed = Math.max(Date.now() - started, slept);
		if (elapsed >= download.maxWaitMs) {
			throw new NodeOperationError(
				this.getNode(),
				withItem(
					`Amplitude had not finished preparing ${label} after ${Math.round(download.maxWaitMs / 1000)} seconds`,
					download.itemIndex,
				),
				{
					itemIndex: download.itemIndex,
					description: `${resumeHint(requestId)}, or allow more time in Options → Max Wait. Amplitude often takes a minute or more, whatever the cohort's size.`,
				},
			);
		}
		const pause = Math.min(waitMs, download.maxWaitMs - elapsed);
		await sleep(pause);
		slept += pause;
		waitMs = Math.min(waitMs * 2, COHORT_DOWNLOAD.maxPollMs);
		const response = await amplitudeReadRequest.call(
			this,
			context,
			{
				api: 'dashboard',
				method: 'GET',
				path: `/api/5/cohorts/request-status/${encodeURIComponent(requestId)}`,
			},
			download.policy,
		);
		const ok = response.statusCode >= 200 && response.statusCode < 300;
		if (!ok) {
			fail.call(
				this,
				download,
				describe(context, response, download.cohortId),
				`Could not follow ${label}`,
			);
		}
		const status = isPlainObject(response.body) ? String(response.body.async_status ?? '') : '';
		if (response.statusCode === 200 && FINISHED.test(status)) return;
		if (FAILED.test(status)) {
			fail.call(
				this,
				download,
				{
					code: response.statusCode,
					message: `Amplitude reported "${status}"`,
					description: `Amplitude could not prepare the file. Request the members again (${QUOTA}).`,
				},
				`Amplitude could not prepare ${label}`,
			);
		}
	}
}

/**
 * Step 3, GET /api/5/cohorts/request/{request_id}/file: the file as a stream (a large one comes
 * from a storage host, fetched without the credential; gzip is undone).
 */
export async function openFile(
	this: IExecuteFunctions,
	context: AmplitudeContext,
	download: MemberDownload,
	requestId: string,
): Promise<Extract<StreamAnswer, { ok: true }>> {
	const answer = await amplitudeStreamGet.call(
		this,
		context,
		{
			api: 'dashboard',
			path: `/api/5/cohorts/request/${encodeURIComponent(requestId)}/file`,
			gunzip: true,
		},
		download.policy,
	);
	if (answer.ok) return answer;
	const failure = describe(context, answer.response, download.cohortId);
	if (answer.redirected) {
		failure.description =
			'The storage host Amplitude sent the download to refused it (its links last one minute). The file stays available for 7 days.';
	}
	return fail.call(
		this,
		download,
		failure,
		`Could not download the members of cohort "${download.cohortId}" (request ID ${requestId})`,
		resumeHint(requestId),
	);
}

/** The error for a download that broke off while it was read (`when`: "after 120 members"). */
export function brokenOff(
	this: IExecuteFunctions,
	download: MemberDownload,
	requestId: string,
	error: unknown,
	when: string,
): never {
	const text = error instanceof Error ? error.message : String(error);
	return fail.call(
		this,
		download,
		{ code: null, message: text, description: 'The connection or the file broke off.' },
		`The download of the members of cohort "${download.cohortId}" (request ID ${requestId}) stopped ${when}`,
		resumeHint(requestId),
	);
}
