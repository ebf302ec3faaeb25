'use strict';
// What the CLI e2e checks for examples/07-funnel-and-retention-report.json (the fields are described
// in cli-e2e.js). Every value is worked out here again from the events the stand-in holds (what
// 01–03 sent), in a plain way, and compared with what the node output.
const assert = require('node:assert/strict');

const { WRITERS, LAST_WEEK, TODAY, DAYS, single, assertReads, pairedIndex } = require('../checks');
const { DEMO_CHARTS } = require('../../../test/support/amplitude-server/demo-data');

const DAY = 86_400_000;
const timeOf = (e) => e.time ?? e.server_received_time;
const dayOf = (t) => new Date(t).toISOString().slice(0, 10);
const iso = (ymd) => `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`;
const RANGE = { from: Date.parse(iso(LAST_WEEK)), to: Date.parse(iso(TODAY)) + DAY };
const inRange = (e) => timeOf(e) >= RANGE.from && timeOf(e) < RANGE.to;
const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
const addDays = (day, n) => dayOf(Date.parse(day) + n * DAY);

/** Each user's events, oldest first. */
function byUser(store) {
	const users = new Map();
	for (const e of store.events) {
		if (!users.has(e.amplitude_id)) users.set(e.amplitude_id, []);
		users.get(e.amplitude_id).push(e);
	}
	for (const events of users.values()) events.sort((a, b) => timeOf(a) - timeOf(b));
	return [...users.values()];
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return Math.round(sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
}
const mean = (values) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/** An ordered funnel: the times each user reached each step, from their first step-1 event in range. */
function orderedWalks(users, steps, windowMs) {
	const walks = [];
	for (const events of users) {
		let index = events.findIndex((e) => inRange(e) && e.event_type === steps[0]);
		if (index < 0) continue;
		const times = [timeOf(events[index])];
		for (const step of steps.slice(1)) {
			index = events.findIndex(
				(e, j) => j > index && e.event_type === step && timeOf(e) <= times[0] + windowMs,
			);
			if (index < 0) break;
			times.push(timeOf(events[index]));
		}
		walks.push({ first: events.find((e) => inRange(e) && e.event_type === steps[0]), times });
	}
	return walks;
}

function expectedFunnelRows(walks, steps, label) {
	return steps.map((eventType, k) => {
		const reached = walks.filter((w) => w.times.length > k);
		const before = walks.filter((w) => w.times.length > k - 1).length;
		const gaps = k === 0 ? [0] : reached.map((w) => w.times[k] - w.times[k - 1]);
		return {
			series_label: label,
			step: k + 1,
			event_type: eventType,
			users: reached.length,
			conversion_from_start: reached.length / walks.length,
			conversion_from_previous: k === 0 ? 1 : reached.length / before,
			median_time_from_previous_ms: median(gaps),
			average_time_from_previous_ms: mean(gaps),
		};
	});
}

function rowsOf(output, node) {
	const items = output(node);
	assert.ok(items?.length > 0, `"${node}" returns rows`);
	for (const item of items)
		assert.equal(pairedIndex(item), 0, `"${node}" rows point at the input item`);
	return items.map((item) => item.json);
}

function checkFunnels(output, users) {
	const steps = ['Sign Up', 'View Item', 'Purchase'];
	const rows = rowsOf(output, 'Signup funnel (rows)');
	assert.deepEqual(
		rows,
		expectedFunnelRows(orderedWalks(users, steps, 7 * DAY), steps, 'All Users'),
	);
	assert.deepEqual(
		rows.map((r) => r.users),
		[30, 30, 10],
		'all 30 users signed up and viewed an item; the 10 buyers bought after it',
	);

	const byPlatform = single(output, 'Purchase funnel by platform', ['funnels']);
	const walks = orderedWalks(users, ['Sign Up', 'Purchase'], 30 * DAY);
	const platforms = [...new Set(walks.map((w) => w.first.platform))].sort();
	assert.deepEqual(platforms, ['Android', 'Web', 'iOS']);
	const expected = platforms.map((platform) => {
		const own = walks.filter((w) => w.first.platform === platform);
		return [platform, [own.length, own.filter((w) => w.times.length > 1).length]];
	});
	assert.deepEqual(
		byPlatform.funnels.map((f) => [f.group_value, f.cumulative_raw]).sort(),
		expected,
		'one funnel per platform with its users',
	);
	for (const funnel of byPlatform.funnels) {
		assert.deepEqual(funnel.events, ['Sign Up', 'Purchase']);
		assert.equal(funnel.day_funnels.x_values.length, DAYS.length, 'day_funnels per day');
		assert.ok(!('groupValue' in funnel) && !('cumulativeRaw' in funnel), 'snake_case keys');
	}
}

/** Day offsets after each user's start event at which they came back. */
function returns(users, isStart, isReturn) {
	const cohorts = [];
	for (const events of users) {
		const start = events.find(isStart);
		if (!start || !inRange(start)) continue;
		const offsets = new Set(
			events
				.filter((e) => timeOf(e) > timeOf(start) && isReturn(e))
				.map((e) => daysBetween(dayOf(timeOf(start)), dayOf(timeOf(e)))),
		);
		cohorts.push({ day: dayOf(timeOf(start)), offsets });
	}
	return cohorts;
}

function checkRetention(output, users) {
	// _new → _active: cohorts by first-seen day; one row per cohort day and day after it, up to today.
	const newUsers = returns(
		users,
		() => true,
		() => true,
	);
	const expected = [];
	for (const day of DAYS) {
		const cohort = newUsers.filter((u) => u.day === day);
		for (let n = 0; addDays(day, n) <= iso(TODAY); n++) {
			const retained = cohort.filter((u) => u.offsets.has(n)).length;
			expected.push({
				series_label: 'All Users',
				cohort_date: day,
				interval: n,
				interval_label: `Day ${n}`,
				cohort_size: cohort.length,
				retained_users: retained,
				retention_rate: cohort.length ? retained / cohort.length : null,
				incomplete: addDays(day, n) === iso(TODAY),
			});
		}
	}
	const rows = rowsOf(output, 'Retention of new users (rows)');
	assert.deepEqual(rows, expected);
	assert.equal(
		rows.filter((r) => r.interval === 0).reduce((sum, r) => sum + r.cohort_size, 0),
		30,
		'the 30 new users are in the cohorts',
	);

	// Sign Up → Open App in brackets [0,1) [1,3) [3,7): raw, cells keyed by the date labels.
	const brackets = [
		[0, 1],
		[1, 3],
		[3, 7],
	];
	const signUps = returns(
		users,
		(e) => inRange(e) && e.event_type === 'Sign Up',
		(e) => e.event_type === 'Open App',
	);
	const raw = single(output, 'Retention brackets', ['series', 'series_labels', 'series_meta']);
	const [series] = raw.series;
	assert.deepEqual(series.datetimes, [...DAYS].reverse(), 'datetimes, newest first');
	series.datetimes.forEach((day, k) => {
		const cohort = signUps.filter((u) => u.day === day);
		const begun = brackets.filter(([from]) => addDays(day, from) <= iso(TODAY));
		const counts = begun.map(
			([from, to]) => cohort.filter((u) => [...u.offsets].some((n) => n >= from && n < to)).length,
		);
		assert.deepEqual(
			series.values[series.dates[k]].map((c) => c.count),
			[cohort.length, ...counts],
			`bracket cells of the ${day} cohort`,
		);
	});
}

/** (user, session_id) sessions: their day (of session_id) and length. */
function sessions(store) {
	const byKey = new Map();
	for (const e of store.events) {
		if (!(e.session_id > 0) || !inRange({ time: e.session_id })) continue;
		const key = `${e.amplitude_id}/${e.session_id}`;
		const s = byKey.get(key) ?? { user: e.amplitude_id, day: dayOf(e.session_id), times: [] };
		s.times.push(timeOf(e));
		byKey.set(key, s);
	}
	return [...byKey.values()].map((s) => ({
		...s,
		length: Math.max(...s.times) - Math.min(...s.times),
	}));
}

function checkSessions(output, store) {
	const all = sessions(store);
	const perUser = DAYS.map((day) => {
		const own = all.filter((s) => s.day === day);
		const value = own.length
			? Math.round((own.length / new Set(own.map((s) => s.user)).size) * 100) / 100
			: 0;
		return { date: day, series_label: 'All Users', value };
	});
	assert.deepEqual(rowsOf(output, 'Sessions per user (rows)'), perUser);

	const lengths = single(output, 'Session lengths', [
		'series',
		'x_values',
		'series_labels',
		'series_meta',
		'series_collapsed',
	]);
	const edges = [0, 3e3, 1e4, 3e4, 6e4, 18e4, 6e5, 18e5, 36e5, DAY + 1];
	const bins = edges
		.slice(1)
		.map((to, k) => all.filter((s) => s.length >= edges[k] && s.length < to).length);
	assert.deepEqual(lengths.series, [bins]);
	assert.equal(lengths.x_values.length, bins.length);
	assert.equal(
		bins[0],
		300,
		"01's 300 events are 300 sessions of one event each (purchases have none)",
	);
}

function checkCompositionAndChart(output, users) {
	// 01 sets plan free at every sign-up; 02 upgrades user-00001, 03 and 05 to pro and 02, 04 to team.
	assert.deepEqual(rowsOf(output, 'Users by plan (rows)'), [
		{ property_value: 'free', series_label: 'gp:plan', value: 25 },
		{ property_value: 'pro', series_label: 'gp:plan', value: 3 },
		{ property_value: 'team', series_label: 'gp:plan', value: 2 },
	]);

	// The stand-in's saved chart open7day: daily unique Open App users by platform, last 7 days.
	const days = DAYS.slice(-7);
	const opens = users
		.flat()
		.filter((e) => e.event_type === 'Open App' && days.includes(dayOf(timeOf(e))));
	const platforms = [...new Set(opens.map((e) => e.platform))];
	const expected = platforms.flatMap((platform) =>
		days.map((day) => ({
			date: day,
			series_label: platform,
			value: new Set(
				opens
					.filter((e) => e.platform === platform && dayOf(timeOf(e)) === day)
					.map((e) => e.amplitude_id),
			).size,
		})),
	);
	const order = (rows) =>
		[...rows].sort((a, b) =>
			`${a.series_label}${a.date}`.localeCompare(`${b.series_label}${b.date}`),
		);
	const rows = rowsOf(output, 'Saved chart (rows)');
	assert.deepEqual(order(rows), order(expected));
	assert.equal(rows.length, 21, 'three platforms × seven days');
}

module.exports = {
	readsFrom: WRITERS,
	charts: DEMO_CHARTS,
	check: ({ output, store }) => {
		const users = byUser(store);
		checkFunnels(output, users);
		checkRetention(output, users);
		checkSessions(output, store);
		checkCompositionAndChart(output, users);

		const range = { start: LAST_WEEK, end: TODAY };
		const event = (eventType) => JSON.stringify({ event_type: eventType });
		assertReads(store, [
			{
				path: '/api/2/funnels',
				query: {
					e: [event('Sign Up'), event('View Item'), event('Purchase')],
					...range,
					mode: 'ordered',
					n: 'active',
					i: '1',
					cs: '604800',
					limit: '50',
				},
			},
			{
				path: '/api/2/funnels',
				query: {
					e: [event('Sign Up'), event('Purchase')],
					...range,
					mode: 'ordered',
					n: 'active',
					i: '1',
					cs: '2592000',
					g: 'platform',
					limit: '10',
				},
			},
			{
				path: '/api/2/retention',
				query: { se: event('_new'), re: event('_active'), ...range, rm: 'nday', i: '1' },
			},
			{
				path: '/api/2/retention',
				query: {
					se: event('Sign Up'),
					re: event('Open App'),
					...range,
					rm: 'bracket',
					rb: '[[0,1],[1,3],[3,7]]',
					i: '1',
				},
			},
			{ path: '/api/2/sessions/peruser', query: range },
			{ path: '/api/2/sessions/length', query: range },
			{ path: '/api/2/composition', query: { ...range, p: 'gp:plan' } },
			{ path: '/api/3/chart/open7day/csv', query: {} },
		]);
	},
};
