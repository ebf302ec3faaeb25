import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';
import { ALL_USERS, labelText, toNumber } from './responses';
import { snakeKeys } from './snakeCase';

type Json = IDataObject[string];

function list(value: unknown): Json[] {
	return Array.isArray(value) ? (value as Json[]) : [];
}

/**
 * Funnels: {data: [one funnel per segment or group-by value: {meta, events, stepByStep,
 * cumulative, cumulativeRaw, medianTransTimes, avgTransTimes, dayFunnels, …}], numSeries, and
 * diagnostics}. Gives {funnels: [...]} with snake_case keys; numSeries (the funnels' count) and the
 * diagnostics are left out.
 */
export function mapFunnel(body: unknown): IDataObject {
	const data = isPlainObject(body) ? list(body.data) : [];
	return { funnels: data.filter(isPlainObject).map((funnel) => snakeKeys(funnel) as IDataObject) };
}

/**
 * The label of one funnel: its group-by value when Amplitude names one (`groupValue`, on the
 * funnel or in its `meta`), else "All Users" for an ungrouped funnel or the funnel's index.
 */
function funnelLabel(funnel: IDataObject, index: number, grouped: boolean): string {
	const meta = isPlainObject(funnel.meta) ? funnel.meta : {};
	const value = funnel.group_value ?? meta.group_value;
	if (value !== undefined && value !== null) return labelText(value);
	return grouped ? String(meta.segment_index ?? index) : ALL_USERS;
}

const at = (values: Json[], index: number): Json =>
	values[index] === undefined ? null : toNumber(values[index]);

/**
 * One row per step of every funnel (mapFunnel's output): the step number (from 1), its event
 * type, users, conversion from the first step and from the previous one (fractions of 1), and
 * median and average milliseconds from the previous step. `stepEvents` names steps Amplitude's
 * answer does not.
 */
export function funnelRows(
	chart: IDataObject,
	stepEvents: string[],
	grouped: boolean,
): IDataObject[] {
	const rows: IDataObject[] = [];
	list(chart.funnels)
		.filter(isPlainObject)
		.forEach((funnel, funnelIndex) => {
			const label = funnelLabel(funnel, funnelIndex, grouped);
			const events = list(funnel.events);
			const users = list(funnel.cumulative_raw);
			const fromStart = list(funnel.cumulative);
			const fromPrevious = list(funnel.step_by_step);
			const median = list(funnel.median_trans_times);
			const average = list(funnel.avg_trans_times);
			const steps = Math.max(users.length, events.length);
			for (let step = 0; step < steps; step++) {
				rows.push({
					series_label: label,
					step: step + 1,
					event_type: String(events[step] ?? stepEvents[step] ?? ''),
					users: at(users, step),
					conversion_from_start: at(fromStart, step),
					conversion_from_previous: at(fromPrevious, step),
					median_time_from_previous_ms: at(median, step),
					average_time_from_previous_ms: at(average, step),
				});
			}
		});
	return rows;
}
