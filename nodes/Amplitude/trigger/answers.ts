import type { IDataObject } from 'n8n-workflow';

import type { SkipReason } from './delivery';

/** An answer the trigger sends itself (deliveries that start no execution). */
export interface Answer {
	status: number;
	body: IDataObject;
}

const answer = (status: number, message: string, extra: IDataObject = {}): Answer => ({
	status,
	body: { code: status, message, ...extra },
});

export function unauthorized(headerName: string): Answer {
	return answer(
		401,
		`Missing or wrong ${headerName} header: add it, with the value of the trigger's Amplitude Webhook credential, to the destination's headers in Amplitude`,
	);
}

export function badRequest(problem: string): Answer {
	return answer(400, problem);
}

const SKIPPED: Record<SkipReason, string> = {
	filtered: "Received; no event matched the trigger's Event Types, so no execution started",
	duplicate: 'Received before (a retry); no second execution started',
	empty: 'Received; it holds no event or cohort member, so no execution started',
};

/** 200 for a delivery that was received but starts nothing: Amplitude must not retry it. */
export function skipped(reason: SkipReason): Answer {
	return answer(200, SKIPPED[reason], { skipped: reason });
}

/** The part of n8n's (Express) response object the trigger writes to. */
export interface WritableResponse {
	headersSent: boolean;
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

export function writeAnswer(response: WritableResponse, { status, body }: Answer): void {
	if (response.headersSent) return;
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
}
