import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';

type Json = IDataObject[string];

function array(value: unknown): Json[] {
	return Array.isArray(value) ? (value as Json[]) : [];
}

function dataOf(body: unknown): IDataObject {
	return isPlainObject(body) && isPlainObject(body.data) ? body.data : {};
}

/** Event segmentation: {data:{series, seriesLabels, seriesCollapsed, xValues}}. */
export function mapSegmentation(body: unknown): IDataObject {
	const data = dataOf(body);
	return {
		series: array(data.series),
		series_labels: array(data.seriesLabels),
		series_collapsed: array(data.seriesCollapsed),
		x_values: array(data.xValues),
	};
}

/** Active or new users: {data:{series, seriesMeta, xValues}}. */
export function mapActiveUsers(body: unknown): IDataObject {
	const data = dataOf(body);
	return {
		series: array(data.series),
		series_meta: array(data.seriesMeta),
		x_values: array(data.xValues),
	};
}

/** Realtime active users: {data:{series, seriesLabels, xValues}} in 5-minute buckets. */
export function mapRealtime(body: unknown): IDataObject {
	const data = dataOf(body);
	return {
		series: array(data.series),
		series_labels: array(data.seriesLabels),
		x_values: array(data.xValues),
	};
}

/**
 * Revenue LTV: each segment is {dates (descending), values: {date: {r1d … r90d, count, paid,
 * total_amount}}}. It becomes ascending x_values and one series per metric key (per segment,
 * labelled "segment: key" when Amplitude names the segment), missing points as null.
 */
export function mapRevenue(body: unknown): IDataObject {
	const data = dataOf(body);
	const segments = array(data.series).filter(isPlainObject);
	const segmentLabels = array(data.seriesLabels);
	const dates = new Set<string>();
	for (const segment of segments) {
		for (const date of array(segment.dates)) dates.add(String(date));
		if (isPlainObject(segment.values))
			Object.keys(segment.values).forEach((date) => dates.add(date));
	}
	const xValues = [...dates].sort();
	const series: Json[] = [];
	const labels: string[] = [];
	segments.forEach((segment, segmentIndex) => {
		const values = isPlainObject(segment.values) ? segment.values : {};
		const keys: string[] = [];
		for (const point of Object.values(values)) {
			if (isPlainObject(point))
				Object.keys(point).forEach((key) => keys.includes(key) || keys.push(key));
		}
		const prefix = labelText(segmentLabels[segmentIndex]);
		for (const key of keys) {
			labels.push(prefix ? `${prefix}: ${key}` : key);
			series.push(
				xValues.map((date) => {
					const point = values[date];
					return isPlainObject(point) && point[key] !== undefined ? toNumber(point[key]) : null;
				}),
			);
		}
	});
	return { series, series_labels: labels, x_values: xValues };
}

/** List events: {data:[{value, display, totals, hidden, deleted, …}]}. */
export function mapListEvents(body: unknown): IDataObject {
	const list = isPlainObject(body) ? array(body.data) : [];
	const events = list.filter(isPlainObject).map(({ display, ...rest }) => ({
		...rest,
		value: rest.value ?? null,
		display_name: display ?? null,
		totals: rest.totals === undefined ? null : toNumber(rest.totals),
		hidden: rest.hidden ?? null,
		deleted: rest.deleted ?? null,
	}));
	return { events };
}

/** User search: {matches:[{user_id, amplitude_id}], type}. */
export function mapUserSearch(body: unknown): IDataObject {
	const object = isPlainObject(body) ? body : {};
	const matches = array(object.matches)
		.filter(isPlainObject)
		.map((match) => ({
			...match,
			amplitude_id: match.amplitude_id ?? null,
			user_id: match.user_id ?? null,
		}));
	return { matches, type: typeof object.type === 'string' ? object.type : null };
}

/** User activity: {userData:{…}, events:[…]} → events and user_data. */
export function mapActivity(body: unknown): {
	events: IDataObject[];
	user_data: IDataObject | null;
} {
	const object = isPlainObject(body) ? body : {};
	return {
		events: array(object.events).filter(isPlainObject),
		user_data: isPlainObject(object.userData) ? object.userData : null,
	};
}

/**
 * User profile: {userData:{user_id, device_id, amp_props, cohort_ids, …}}. Only these keys: the
 * operation's documented output has no others, so extras such as `recommendations` or
 * `propensity` are left out.
 */
export function mapProfile(body: unknown): IDataObject {
	const data = isPlainObject(body) && isPlainObject(body.userData) ? body.userData : {};
	return {
		user_id: data.user_id ?? null,
		device_id: data.device_id ?? null,
		amp_props: data.amp_props ?? null,
		cohort_ids: data.cohort_ids ?? null,
		computations: data.computations ?? null,
	};
}

/** The name Amplitude gives the one segment of a chart without segments or a group-by. */
export const ALL_USERS = 'All Users';

/** A series label as text: numbers, strings, or [index, "label"] pairs from group-bys. */
export function labelText(label: unknown): string {
	if (Array.isArray(label))
		return label.length > 1 ? String(label[label.length - 1]) : String(label[0] ?? '');
	if (isPlainObject(label)) return String(label.segmentIndex ?? JSON.stringify(label));
	return label === undefined || label === null ? '' : String(label);
}

/** Numbers and numeric strings as numbers; anything else as it is. */
export function toNumber(value: unknown): Json {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	return value as Json;
}

/** Value of one point of a series: plain numbers, or {value} objects as in seriesCollapsed. */
function pointValue(point: unknown): Json {
	return isPlainObject(point) && 'value' in point ? toNumber(point.value) : toNumber(point);
}

/**
 * One row per data point from a chart shape ({series, x_values} with series_labels or
 * series_meta): {date, series_label, value}, numbers as numbers. `seriesLabels` names the series
 * instead of the chart's own labels; `xKey` names the x value when it is not a date.
 */
export function toRows(chart: IDataObject, seriesLabels?: string[], xKey = 'date'): IDataObject[] {
	const xValues = array(chart.x_values);
	const labels = seriesLabels ?? array(chart.series_labels ?? chart.series_meta);
	const rows: IDataObject[] = [];
	array(chart.series).forEach((points, seriesIndex) => {
		const label =
			labels[seriesIndex] === undefined ? String(seriesIndex) : labelText(labels[seriesIndex]);
		array(points).forEach((point, pointIndex) => {
			rows.push({
				[xKey]: String(xValues[pointIndex] ?? pointIndex),
				series_label: label,
				value: pointValue(point),
			});
		});
	});
	return rows;
}
