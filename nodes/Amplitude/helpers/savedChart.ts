import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { isPlainObject } from './json';
import { toRows } from './responses';

const CHART_ID = /^[A-Za-z0-9_-]+$/;
const ID_HINT =
	"It is the letters and digits after /chart/ in the chart's address in Amplitude (app.amplitude.com/analytics/<org>/chart/<ID>); the whole address works too";

/**
 * The chart ID from what was given: the ID itself, or a chart's address in Amplitude
 * (…/chart/<ID>, also …/chart/<ID>/edit/…), from which the ID after /chart/ is taken.
 */
export function chartIdFrom(value: unknown): string {
	const text =
		typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') {
		if (value !== undefined && value !== null && typeof value !== 'string')
			throw new InvalidInput(`'Chart ID' must be text, not ${JSON.stringify(value)}. ${ID_HINT}`);
		throw new InvalidInput(`'Chart ID' is empty. ${ID_HINT}`);
	}
	if (CHART_ID.test(text)) return text;
	if (text.includes('/')) {
		const path = text
			.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
			.split(/[?#]/)[0]
			.split('/')
			.filter(Boolean);
		const at = path.indexOf('chart');
		const id = at >= 0 ? decodeURIComponentSafe(path[at + 1] ?? '') : '';
		if (id === 'new') {
			throw new InvalidInput(
				`'Chart ID' is the address of a chart that is not saved yet (…/chart/new). Save the chart in Amplitude first, then use its address or ID`,
			);
		}
		if (CHART_ID.test(id)) return id;
		throw new InvalidInput(
			`'Chart ID' is an address without a chart ID in it: "${text}". Open the chart in Amplitude and copy its address (…/chart/<ID>), or give the ID alone`,
		);
	}
	throw new InvalidInput(`'Chart ID' "${text}" is not a chart ID. ${ID_HINT}`);
}

function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

const QUOTE = 34; // "
const COMMA = 44;
const CR = 13;
const LF = 10;

/** RFC 4180 CSV (quoted cells, "" escapes, CR LF or LF line ends) as rows of cells. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let index = 0;
	const length = text.length;
	while (index < length) {
		let cell: string;
		if (text.charCodeAt(index) === QUOTE) {
			cell = '';
			let from = index + 1;
			for (;;) {
				const close = text.indexOf('"', from);
				if (close < 0) {
					cell += text.slice(from);
					index = length;
					break;
				}
				cell += text.slice(from, close);
				if (text.charCodeAt(close + 1) === QUOTE) {
					cell += '"';
					from = close + 2;
				} else {
					index = close + 1;
					break;
				}
			}
			// Anything between the closing quote and the separator belongs to the cell.
			const end = nextSeparator(text, index);
			cell += text.slice(index, end);
			index = end;
		} else {
			const end = nextSeparator(text, index);
			cell = text.slice(index, end);
			index = end;
		}
		row.push(cell);
		const separator = text.charCodeAt(index);
		if (separator === COMMA) {
			index++;
			if (index < length) continue;
			row.push('');
		}
		rows.push(row);
		row = [];
		if (separator === CR && text.charCodeAt(index + 1) === LF) index += 2;
		else index++;
	}
	return rows;
}

function nextSeparator(text: string, from: number): number {
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === COMMA || code === CR || code === LF) return index;
	}
	return text.length;
}

/** A cell without the tab Amplitude puts before text and dates (so spreadsheets keep them as text). */
function cleanCell(cell: string): string {
	return (cell.charCodeAt(0) === 9 ? cell.slice(1) : cell).trim();
}

/** A value cell: numbers as numbers, empty as null, anything else as text (tab stripped). */
function valueOf(cell: string): IDataObject[string] {
	// Number() skips the surrounding white space (the tab included) and reads '' as 0.
	const number = Number(cell);
	if (Number.isFinite(number) && (number !== 0 || cell.trim() !== '')) return number;
	const text = cleanCell(cell);
	return text === '' ? null : text;
}

const isBlank = (row: string[]) => row.every((cell) => cleanCell(cell) === '');

/**
 * A saved chart's CSV (Amplitude's /api/3/chart/{id}/csv `data`): the preamble (title, then
 * description, metric and event lines), then a header row starting with "Segment" that holds the
 * x values, then one row per segment. Gives {title, details, x_values, series_labels, series},
 * or {grid} (every row's cells, tabs stripped) when there is no Segment row or the table is
 * followed by more than blank lines: layouts other than time series are not documented.
 */
export function parseSavedChart(csv: string): IDataObject {
	const rows = parseCsv(csv);
	const grid = () => ({ grid: rows.map((row) => row.map(cleanCell)) });
	const header = rows.findIndex((row) => cleanCell(row[0]).toLowerCase() === 'segment');
	if (header < 0) return grid();
	let end = header + 1;
	while (end < rows.length && !isBlank(rows[end])) end++;
	for (let index = end; index < rows.length; index++) if (!isBlank(rows[index])) return grid();
	const preamble = rows
		.slice(0, header)
		.map((row) => row.map(cleanCell).filter((cell) => cell !== ''))
		.filter((cells) => cells.length > 0)
		.map((cells) => cells.join(', '));
	const segments = rows.slice(header + 1, end);
	return {
		title: preamble[0] ?? null,
		details: preamble.slice(1),
		x_values: rows[header].slice(1).map(cleanCell),
		series_labels: segments.map((row) => cleanCell(row[0])),
		series: segments.map((row) => {
			const values = new Array<IDataObject[string]>(row.length - 1);
			for (let index = 1; index < row.length; index++) values[index - 1] = valueOf(row[index]);
			return values;
		}),
	};
}

/** The CSV text of a saved chart's answer ({data: "<csv>"}), or undefined when it holds none. */
export function savedChartCsv(body: unknown): string | undefined {
	return isPlainObject(body) && typeof body.data === 'string' ? body.data : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * One row per cell of a parsed saved chart: {date, series_label, value} when every column is a
 * date ({x_value, series_label, value} otherwise), or {row, column, value} (from 0) for each
 * non-empty cell of a grid.
 */
export function savedChartRows(chart: IDataObject): IDataObject[] {
	if (Array.isArray(chart.grid)) {
		const rows: IDataObject[] = [];
		(chart.grid as string[][]).forEach((cells, row) =>
			cells.forEach((cell, column) => {
				if (cell !== '') rows.push({ row, column, value: valueOf(cell) });
			}),
		);
		return rows;
	}
	const xValues = (chart.x_values as string[]) ?? [];
	const xKey = xValues.every((x) => ISO_DATE.test(x)) ? 'date' : 'x_value';
	return toRows(chart, chart.series_labels as string[], xKey);
}
