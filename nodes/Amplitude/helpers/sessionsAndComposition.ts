import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';
import { ALL_USERS, labelText } from './responses';
import { snakeKeys } from './snakeCase';

type Json = IDataObject[string];

function list(value: unknown): Json[] {
	return Array.isArray(value) ? (value as Json[]) : [];
}

/** Amplitude's `data` with snake_case keys and `series`, `x_values` always arrays. */
function chartData(body: unknown): IDataObject {
	const data = isPlainObject(body) && isPlainObject(body.data) ? body.data : {};
	const mapped = snakeKeys(data) as IDataObject;
	return { ...mapped, series: list(mapped.series), x_values: list(mapped.x_values) };
}

const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00$/;

/**
 * Sessions: {data: {series, seriesCollapsed, seriesMeta, xValues}} (average and per user: one
 * value per day; length: sessions per length bin). Days come as "2026-09-17T00:00:00" although
 * the docs say "2026-09-17": they become the documented YYYY-MM-DD.
 */
export function mapSessions(body: unknown): IDataObject {
	const chart = chartData(body);
	chart.x_values = (chart.x_values as Json[]).map((x) =>
		typeof x === 'string' ? x.replace(MIDNIGHT, '$1') : x,
	);
	return chart;
}

/** User composition: {data: {xValues: property values, series: [[users…]], seriesLabels: [p]}}. */
export function mapComposition(body: unknown): IDataObject {
	const chart = chartData(body);
	return { ...chart, series_labels: list(chart.series_labels) };
}

/** Names for a chart's series: its labels, or "All Users" for a single unnamed series. */
export function seriesNames(chart: IDataObject): string[] {
	const labels = list(chart.series_labels);
	const count = list(chart.series).length;
	return Array.from({ length: count }, (_, index) => {
		const label = labelText(labels[index]);
		if (label !== '') return label;
		return count === 1 ? ALL_USERS : String(index);
	});
}
