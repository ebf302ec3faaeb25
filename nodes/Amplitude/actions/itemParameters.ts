import type { IExecuteFunctions } from 'n8n-workflow';

import { InvalidInput } from '../helpers/errors';

/** A text parameter of one item, trimmed; '' when it is not set. */
export function textParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

/** The item's User ID and Device ID, at least one of them set (else `missing` is the error). */
export function userOrDeviceId(
	this: IExecuteFunctions,
	itemIndex: number,
	missing: string,
): { userId: string; deviceId: string } {
	const userId = textParameter.call(this, 'userId', itemIndex);
	const deviceId = textParameter.call(this, 'deviceId', itemIndex);
	if (!userId && !deviceId) throw new InvalidInput(missing);
	return { userId, deviceId };
}
