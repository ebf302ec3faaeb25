/**
 * A streaming RFC 4180 CSV reader: text goes in chunk by chunk, whole records come out, so a file
 * of millions of rows never sits in memory. Quoted fields may hold commas, doubled quotes and line
 * breaks; records end at LF, CRLF or CR; a byte-order mark and empty lines are skipped.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvReader {
	private record: string[] = [];
	private field = '';
	/** Inside a quoted field (its closing quote not yet seen). */
	private quoted = false;
	/** A quote was seen inside a quoted field: the next character says whether it closes it. */
	private quoteSeen = false;
	/** The field has content or was quoted: a line with nothing in it is no record. */
	private fieldStarted = false;
	/** The last character was CR: an LF right after it ends nothing more. */
	private afterCr = false;
	private started = false;

	/** The records completed by this chunk of text. */
	push(chunk: string): string[][] {
		let text = chunk;
		if (!this.started && text.length > 0) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		const records: string[][] = [];
		let runStart = 0;
		for (let i = 0; i < text.length; i++) {
			const code = text.charCodeAt(i);
			if (this.afterCr) {
				this.afterCr = false;
				if (code === LF) {
					runStart = i + 1;
					continue;
				}
			}
			if (this.quoted) {
				if (this.quoteSeen) {
					this.quoteSeen = false;
					if (code === QUOTE) {
						// A doubled quote: one literal quote, which starts the next run.
						runStart = i;
						continue;
					}
					this.quoted = false;
					// Fall through: the closing quote was followed by this character.
				} else {
					// Inside quotes only a quote matters: jump to the next one.
					const next = code === QUOTE ? i : text.indexOf('"', i);
					if (next === -1) break;
					this.field += text.slice(runStart, next);
					runStart = next + 1;
					this.quoteSeen = true;
					i = next;
					continue;
				}
			}
			if (code === COMMA) {
				this.field += text.slice(runStart, i);
				this.endField();
				runStart = i + 1;
			} else if (code === LF || code === CR) {
				this.field += text.slice(runStart, i);
				const record = this.endRecord();
				if (record) records.push(record);
				this.afterCr = code === CR;
				runStart = i + 1;
			} else if (code === QUOTE && !this.fieldStarted && this.field === '' && runStart === i) {
				this.quoted = true;
				this.fieldStarted = true;
				runStart = i + 1;
			} else {
				this.fieldStarted = true;
			}
		}
		this.field += text.slice(runStart);
		return records;
	}

	/** The last record, when the text did not end with a line break; throws on an open quote. */
	end(): string[][] {
		if (this.quoted && !this.quoteSeen) {
			throw new Error('The CSV ends inside a quoted field (a closing quote is missing)');
		}
		this.quoted = false;
		this.quoteSeen = false;
		const record = this.endRecord();
		return record ? [record] : [];
	}

	private endField(): void {
		this.record.push(this.field);
		this.field = '';
		this.fieldStarted = false;
	}

	private endRecord(): string[] | undefined {
		const empty = this.record.length === 0 && !this.fieldStarted && this.field === '';
		this.endField();
		const record = this.record;
		this.record = [];
		return empty ? undefined : record;
	}
}

/** The records of CSV text arriving in chunks (bytes as UTF-8, or strings), one at a time. */
export async function* csvRecords(
	chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<string[]> {
	const reader = new CsvReader();
	const decoder = new TextDecoder('utf-8');
	for await (const chunk of chunks) {
		const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		yield* reader.push(text);
	}
	yield* reader.push(decoder.decode());
	yield* reader.end();
}

/**
 * Column names for a header row, each unique: a name that repeats gets the suffix `_2`, `_3` …
 * (Amplitude's member files may repeat `amplitude_id` before the property columns), so every
 * column keeps its value, read by position.
 */
export function uniqueColumns(header: string[]): string[] {
	const seen = new Map<string, number>();
	return header.map((raw) => {
		const name = raw.trim();
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		if (count === 1) return name;
		let candidate = `${name}_${count}`;
		while (header.includes(candidate)) candidate = `${candidate}_`;
		return candidate;
	});
}
