/**
 * Bad input found by a pure helper. The message names the field and says how to fix it;
 * the operation adds the item index and turns it into a NodeOperationError.
 */
export class InvalidInput extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidInput';
	}
}

export function withItem(message: string, itemIndex: number): string {
	return `${message} [item ${itemIndex}]`;
}
