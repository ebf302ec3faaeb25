'use strict';
// `npm run demo`'s summary of the funnel, retention, sessions, user composition and saved chart
// steps (scripts/demo.js prints the others): a line or a few per Amplitude node.

const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const percent = (fraction) =>
	typeof fraction === 'number' ? `${Math.round(fraction * 1000) / 10}%` : '?';
const num = (n) =>
	typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(2)) : String(n);
const list = (values, max = 6) =>
	values.length > max
		? `${values.slice(0, max).join(', ')}, … (${values.length} in all)`
		: values.join(', ');

/** 5_400_000 → "1 h 30 min". */
function duration(ms) {
	if (typeof ms !== 'number') return '?';
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

const groupsOf = (rows, key) => {
	const groups = new Map();
	for (const row of rows) {
		if (!groups.has(row[key])) groups.set(row[key], []);
		groups.get(row[key]).push(row);
	}
	return groups;
};

function funnel(p, items) {
	const steps = (p.steps?.step ?? []).map((s) => s.eventType).join(' → ');
	const what = `Funnel ${steps}${p.groupBy ? ` by ${p.groupBy}` : ''}`;
	if (p.options?.outputFormat === 'rows') {
		const rows = items.map((i) => i.json);
		const lines = [...groupsOf(rows, 'series_label')].map(
			([label, own]) =>
				`    ${label}: ${own
					.map((r) =>
						r.step === 1
							? `${r.users} ${r.event_type}`
							: `${r.users} (${percent(r.conversion_from_previous)}, median ${duration(r.median_time_from_previous_ms)} later)`,
					)
					.join(' → ')}`,
		);
		return [`${what}: ${plural(rows.length, 'row')} (output format rows), one per step:`, ...lines];
	}
	const funnels = items[0]?.json.funnels ?? [];
	const parts = funnels.map((f) => {
		const raw = f.cumulative_raw ?? [];
		return `${f.group_value ?? 'All Users'} ${raw.join(' → ')} (${percent(f.cumulative?.[raw.length - 1])})`;
	});
	return [`${what}: ${plural(funnels.length, 'funnel')}: ${list(parts) || 'no users entered'}`];
}

function retention(p, items) {
	const what = `Retention ${p.startEvent ?? '_new'} → ${p.returnEvent ?? '_active'} (${p.retentionMode ?? 'nday'}${p.retentionMode === 'bracket' ? ` ${p.brackets}` : ''})`;
	if (p.options?.outputFormat === 'rows') {
		const rows = items.map((i) => i.json);
		const cohorts = rows.filter((r) => r.interval === 0);
		const users = cohorts.reduce((sum, r) => sum + (r.cohort_size ?? 0), 0);
		const byInterval = [...groupsOf(rows, 'interval_label')]
			.map(([label, own]) => {
				const done = own.filter((r) => !r.incomplete);
				const size = done.reduce((sum, r) => sum + r.cohort_size, 0);
				const retained = done.reduce((sum, r) => sum + r.retained_users, 0);
				return size ? `${label} ${percent(retained / size)}` : null;
			})
			.filter(Boolean);
		return [
			`${what}: ${plural(rows.length, 'row')} (output format rows) over ${plural(cohorts.length, 'cohort day')} of ${plural(users, 'user')}; retained over complete cells: ${list(byInterval, 8)}`,
		];
	}
	const series = items[0]?.json.series ?? [];
	const combined = series[0]?.combined ?? [];
	const size = combined[0]?.outof ?? 0;
	const cells = combined.slice(1).map((c, n) => `${n}: ${c.count}/${c.outof}`);
	return [
		`${what}: ${plural(series[0]?.datetimes?.length ?? 0, 'cohort day')} (${series[0]?.datetimes?.at(-1) ?? '?'} … ${series[0]?.datetimes?.[0] ?? '?'}), ${plural(size, 'user')}; all cohorts, per ${p.retentionMode === 'bracket' ? 'bracket' : 'interval'}: ${list(cells, 8) || 'none'}`,
	];
}

function sessions(p, items) {
	const what = {
		average: 'Average session length (seconds)',
		perUser: 'Sessions per user',
		length: 'Session length distribution',
	}[p.metric ?? 'average'];
	if (p.options?.outputFormat === 'rows') {
		const rows = items.map((i) => i.json);
		return [
			`${what}: ${plural(rows.length, 'row')} (output format rows): ${rows.map((r) => `${(r.date ?? r.session_length).slice(5)} ${num(r.value)}`).join(' | ')}`,
		];
	}
	const chart = items[0]?.json ?? {};
	const points = (chart.x_values ?? []).map((x, i) => [x, chart.series?.[0]?.[i]]);
	const shown = p.metric === 'length' ? points.filter(([, v]) => v) : points;
	return [
		`${what}: ${shown.map(([x, v]) => `${x} ${num(v)}`).join(' | ') || 'no sessions'}${p.metric === 'length' ? ` (${plural(points.length, 'bin')}, empty ones left out)` : ''}`,
	];
}

function userComposition(p, items) {
	const rows =
		p.options?.outputFormat === 'rows'
			? items.map((i) => i.json)
			: (items[0]?.json.x_values ?? []).map((x, i) => ({
					property_value: x,
					value: items[0].json.series?.[0]?.[i],
				}));
	const total = rows.reduce((sum, r) => sum + (r.value ?? 0), 0);
	return [
		`Users by ${p.property}${p.options?.outputFormat === 'rows' ? ` (${plural(rows.length, 'row')})` : ''}: ${list(
			rows.map((r) => `${r.property_value} ${r.value} (${percent(total ? r.value / total : 0)})`),
			8,
		)}`,
	];
}

function savedChart(p, items) {
	if (p.options?.outputFormat === 'rows') {
		const rows = items.map((i) => i.json);
		const labels = [...new Set(rows.map((r) => r.series_label))];
		const dates = [...new Set(rows.map((r) => r.date ?? r.x_value))];
		const totals = labels.map(
			(label) =>
				`${label} ${rows.filter((r) => r.series_label === label).reduce((sum, r) => sum + (r.value ?? 0), 0)}`,
		);
		return [
			`Saved chart ${p.chartId}: ${plural(rows.length, 'row')} (output format rows), one per cell: ${plural(labels.length, 'series', 'series')} over ${plural(dates.length, 'column')} (${dates[0] ?? '?'} … ${dates.at(-1) ?? '?'}); sums: ${list(totals)}`,
		];
	}
	const chart = items[0]?.json ?? {};
	if (chart.grid)
		return [`Saved chart ${chart.chart_id}: a grid of ${plural(chart.grid.length, 'row')}`];
	return [
		`Saved chart ${chart.chart_id} "${chart.title}": ${plural(chart.series?.length ?? 0, 'series', 'series')} (${list(chart.series_labels ?? [])}) over ${plural(chart.x_values?.length ?? 0, 'column')}`,
	];
}

const DESCRIBE = { funnel, retention, sessions, userComposition, savedChart };

/** Summary lines of one of these analytics steps, or undefined for another operation. */
function describeAnalytics(p, items) {
	return DESCRIBE[p.operation]?.(p, items);
}

module.exports = { describeAnalytics };
