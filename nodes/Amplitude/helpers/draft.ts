import type { IDataObject } from 'n8n-workflow';

type Value = IDataObject[string];

/**
 * Changes to an object, made on a copy taken at the first real change, so the source (an input
 * item's JSON, which n8n still holds) is never modified, and an object that needs no change is
 * used as it is. Removing a key rebuilds the copy without it rather than `delete`, which would
 * leave V8 a slow dictionary object to serialize.
 */
export class Draft {
	private copy: IDataObject | undefined;

	constructor(private readonly source: IDataObject) {}

	get result(): IDataObject {
		return this.copy ?? this.source;
	}

	get(key: string): Value {
		return this.result[key];
	}

	set(key: string, value: Value): void {
		if (this.result[key] === value && Object.prototype.hasOwnProperty.call(this.result, key))
			return;
		if (!this.copy) this.copy = { ...this.source };
		this.copy[key] = value;
	}

	remove(key: string): void {
		const current = this.result;
		if (!Object.prototype.hasOwnProperty.call(current, key)) return;
		const rest: IDataObject = {};
		for (const name of Object.keys(current)) if (name !== key) rest[name] = current[name];
		this.copy = rest;
	}
}
