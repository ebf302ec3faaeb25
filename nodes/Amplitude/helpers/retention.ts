import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { isPlainObject, tryParseJson } from './json';
import { ALL_USERS, labelText, toNumber } from './responses';
import { snakeKeys } from './snakeCase';

type Json = IDataObject[string];
export type Bracket = [number, number];

function list(value: unknown): Json[] {
	return Array.isArray(value) ? (value as Json[]) : [];
}

// The keys of `values` are Amplitude's date labels ("Sep 15, 2026"), data rather than field names.
const DATE_KEYED = new Set(['values']);

/**
 * Retention: {data: {series: [{dates, datetimes, values: {label: [cell…]}, combined}],
 * seriesLabels, seriesMeta}} → the same with snake_case keys, diagnostics left out.
 */
export function mapRetention(body: unknown): IDataObject {
	const data = isPlainObject(body) && isPlainObject(body.data) ? body.data : {};
	const mapped = snakeKeys(data, DATE_KEYED) as IDataObject;
	return {
		...mapped,
		series: list(mapped.series),
		series_labels: list(mapped.series_labels),
		series_meta: list(mapped.series_meta),
	};
}

const BRACKETS_EXAMPLE = 'e.g. [[0,1],[1,8]] for Day 0, then Days 1 to 7';

function describe(value: unknown): string {
	return JSON.stringify(value) ?? String(value);
}

/**
 * Bracket retention's brackets: a JSON array (or its text) of [fromDay, toDayExclusive] pairs of
 * whole numbers, each bracket non-empty, in order and not overlapping.
 */
export function parseBrackets(value: unknown): Bracket[] {
	let parsed = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') {
			throw new InvalidInput(
				`'Brackets' is empty, and Bracket retention needs them. Give a JSON array of [fromDay, toDayExclusive] pairs, ${BRACKETS_EXAMPLE}`,
			);
		}
		parsed = tryParseJson(text);
		if (parsed instanceof SyntaxError) {
			throw new InvalidInput(
				`'Brackets' is not valid JSON (${parsed.message}). Give a JSON array of [fromDay, toDayExclusive] pairs, ${BRACKETS_EXAMPLE}`,
			);
		}
	}
	const pairs = Array.isArray(parsed) ? parsed : [];
	if (
		pairs.length === 0 ||
		!pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(Number.isInteger))
	) {
		throw new InvalidInput(
			`'Brackets' must be a JSON array of [fromDay, toDayExclusive] pairs of whole numbers, ${BRACKETS_EXAMPLE}, but it is ${describe(parsed)}`,
		);
	}
	const brackets = pairs as Bracket[];
	brackets.forEach(([from, to], index) => {
		if (from < 0) {
			throw new InvalidInput(
				`'Brackets': [${from},${to}] starts before Day 0. Days count from 0, the day of the start event`,
			);
		}
		if (to <= from) {
			throw new InvalidInput(
				`'Brackets': [${from},${to}] holds no day, because the second number is exclusive. Day ${from} alone is [${from},${from + 1}]`,
			);
		}
		const previous = brackets[index - 1];
		if (previous && from < previous[1]) {
			throw new InvalidInput(
				`'Brackets': [${from},${to}] starts before the bracket before it, [${previous[0]},${previous[1]}], ends. Give the brackets in order without overlaps, ${BRACKETS_EXAMPLE}`,
			);
		}
	});
	return brackets;
}

const UNITS: Record<string, string> = { '1': 'Day', '7': 'Week', '30': 'Month' };

/** "Day 3", or for a bracket [1, 8) "Day 1-7"; weeks and months for weekly and monthly charts. */
function intervalLabel(offset: number, interval: string, brackets?: Bracket[]): string {
	const unit = UNITS[interval] ?? 'Day';
	const bracket = brackets?.[offset];
	if (!bracket) return `${unit} ${offset}`;
	const [from, to] = bracket;
	return to - from === 1 ? `${unit} ${from}` : `${unit} ${from}-${to - 1}`;
}

interface Cell {
	count: Json;
	outof: Json;
	incomplete: boolean;
}

function cellOf(value: unknown): Cell {
	const cell = isPlainObject(value) ? value : {};
	return {
		count: toNumber(cell.count ?? null),
		outof: toNumber(cell.outof ?? null),
		incomplete: cell.incomplete === true,
	};
}

/**
 * One row per cohort date (oldest first) and interval offset of every series (mapRetention's
 * output). Cohort dates come from `datetimes` (ISO), not from the display labels that key
 * `values`. A cohort's first cell is its size; cell N + 1 is retention N intervals (or the Nth
 * bracket) after the start event.
 */
export function retentionRows(
	chart: IDataObject,
	options: { interval: string; brackets?: Bracket[] },
): IDataObject[] {
	const labels = list(chart.series_labels);
	const rows: IDataObject[] = [];
	list(chart.series)
		.filter(isPlainObject)
		.forEach((series, seriesIndex) => {
			const label = labelText(labels[seriesIndex]) || ALL_USERS;
			const keys = list(series.dates).map(String);
			const datetimes = list(series.datetimes).map(String);
			const values = isPlainObject(series.values) ? series.values : {};
			const cohorts = keys.map((key, index) => ({
				date: datetimes[index] ?? key,
				cells: list(values[key] ?? values[datetimes[index]]).map(cellOf),
			}));
			cohorts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
			for (const { date, cells } of cohorts) {
				const size = cells[0]?.outof ?? cells[0]?.count ?? null;
				cells.slice(1).forEach((cell, offset) => {
					const rate =
						typeof cell.count === 'number' && typeof cell.outof === 'number' && cell.outof > 0
							? cell.count / cell.outof
							: null;
					rows.push({
						series_label: label,
						cohort_date: date,
						interval: offset,
						interval_label: intervalLabel(offset, options.interval, options.brackets),
						cohort_size: size,
						retained_users: cell.count,
						retention_rate: rate,
						incomplete: cell.incomplete,
					});
				});
			}
		});
	return rows;
}
