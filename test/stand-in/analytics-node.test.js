'use strict';
// The node's funnel, retention, sessions, composition and saved-chart reads against the stand-in,
// through n8n's engine: what one sends, the other understands.

const { useServer, API_KEY, SECRET_KEY, T0, DAY } = require('./helpers');
const { analyticsEvents } = require('./analytics-data');
const { runAmplitude, jsonOf, customCredentials } = require('../support/harness');

const ctx = useServer({
	charts: {
		open1234: {
			title: 'Open App users',
			event: { event_type: 'Open App' },
			start: '20240801',
			end: '20240803',
		},
	},
});
beforeEach(() => {
	ctx.server.seed(analyticsEvents());
	ctx.clock.now = T0 + 3 * DAY;
});

const DATES = { start: '20240801', end: '2024-08-03' };
async function run(parameters) {
	const result = await runAmplitude({
		parameters: { resource: 'analytics', ...parameters },
		credentials: customCredentials(ctx.url, { apiKey: API_KEY, secretKey: SECRET_KEY }),
	});
	expect(result.error).toBeUndefined();
	return jsonOf(result);
}

test('funnel: the repeated e arrive as steps; rows per step', async () => {
	const rows = await run({
		operation: 'funnel',
		steps: { step: [{ eventType: 'Open App' }, { eventType: 'Purchase' }] },
		...DATES,
		options: { outputFormat: 'rows' },
	});
	// alice buys a day after opening the app, bob two days after; carol only opens it.
	expect(rows.map((r) => [r.step, r.event_type, r.users, r.conversion_from_start])).toEqual([
		[1, 'Open App', 3, 1],
		[2, 'Purchase', 2, 2 / 3],
	]);
	const HOUR = 3_600_000;
	// From the first Open App: alice 1 day 1 hour, bob 2 days less 2 hours; the median of two is their mean.
	expect(rows[1].median_time_from_previous_ms).toBe((DAY + HOUR + 2 * DAY - 2 * HOUR) / 2);
});

test('retention: _new → _active, rows per cohort and day', async () => {
	const rows = await run({ operation: 'retention', ...DATES, options: { outputFormat: 'rows' } });
	const day0 = rows.filter((r) => r.cohort_date === '2024-08-01');
	expect(day0.map((r) => [r.interval, r.cohort_size, r.retained_users, r.incomplete])).toEqual([
		[0, 2, 1, false],
		[1, 2, 1, false],
		[2, 2, 1, false],
		[3, 2, 0, true],
	]);
});

test('sessions per user, raw, days as YYYY-MM-DD', async () => {
	const [raw] = await run({ operation: 'sessions', metric: 'perUser', ...DATES });
	expect(raw.x_values).toEqual(['2024-08-01', '2024-08-02', '2024-08-03']);
	expect(raw.series).toEqual([[1, 1, 0]]);
});

test('user composition by gp:plan, rows', async () => {
	expect(
		await run({
			operation: 'userComposition',
			property: 'gp:plan',
			...DATES,
			options: { outputFormat: 'rows' },
		}),
	).toEqual([
		{ property_value: '(none)', series_label: 'gp:plan', value: 1 },
		{ property_value: 'free', series_label: 'gp:plan', value: 1 },
		{ property_value: 'pro', series_label: 'gp:plan', value: 1 },
	]);
});

test('saved chart from its address, raw and rows', async () => {
	const [raw] = await run({
		operation: 'savedChart',
		chartId: 'https://app.amplitude.com/analytics/acme/chart/open1234',
	});
	expect(raw).toEqual({
		success: true,
		chart_id: 'open1234',
		title: 'Open App users',
		details: ['Uniques', 'Open App'],
		x_values: ['2024-08-01', '2024-08-02', '2024-08-03'],
		series_labels: ['All Users'],
		series: [[2, 1, 1]],
	});
	const rows = await run({
		operation: 'savedChart',
		chartId: 'open1234',
		options: { outputFormat: 'rows' },
	});
	expect(rows).toEqual([
		{ date: '2024-08-01', series_label: 'All Users', value: 2 },
		{ date: '2024-08-02', series_label: 'All Users', value: 1 },
		{ date: '2024-08-03', series_label: 'All Users', value: 1 },
	]);
});
