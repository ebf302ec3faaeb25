'use strict';

const { useServer, getApi, event, T0, DAY } = require('./helpers');

const HOUR = 3_600_000;
const ctx = useServer();

// Now is 2024-08-04 12:00. In the range 08-01 … 08-03:
//   r1 US: first seen 08-01 1h, back 08-01 5h, 08-02 and 08-04
//   r2 DE: first seen 08-01 (Sign Up), never back
//   r3 US: first seen 08-02 (Sign Up), back 08-03
//   r4 US: first seen 07-30, active 08-02
const at = (user, country, eventType, time) =>
	event({ user_id: user, country, event_type: eventType, time });
const EVENTS = [
	at('user-r1', 'United States', 'Open App', T0 + HOUR),
	at('user-r1', 'United States', 'Open App', T0 + 5 * HOUR),
	at('user-r1', 'United States', 'Open App', T0 + DAY + HOUR),
	at('user-r1', 'United States', 'Open App', T0 + 3 * DAY + HOUR),
	at('user-r2', 'Germany', 'Sign Up', T0 + 2 * HOUR),
	at('user-r3', 'United States', 'Sign Up', T0 + DAY + 2 * HOUR),
	at('user-r3', 'United States', 'Open App', T0 + 2 * DAY + HOUR),
	at('user-r4', 'United States', 'Open App', T0 - 2 * DAY),
	at('user-r4', 'United States', 'Open App', T0 + DAY + 3 * HOUR),
];
beforeEach(() => {
	ctx.server.seed(EVENTS);
	ctx.clock.now = T0 + 3 * DAY + 12 * HOUR;
});

const NEW = { event_type: '_new' };
const ACTIVE = { event_type: '_active' };
const retention = (params = {}, auth) =>
	getApi(
		ctx.url,
		'/api/2/retention',
		{ se: NEW, re: ACTIVE, start: '20240801', end: '20240803', ...params },
		auth,
	);
const cell = (count, outof, incomplete = false) => ({ count, outof, incomplete });
const counts = (series, label) => series.values[label].map((c) => c.count);

describe('GET /api/2/retention', () => {
	test("n-day (the default): cohorts by first-seen day, cells in Amplitude's shape", async () => {
		const res = await retention({ rm: 'nday' });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			data: {
				series: [
					{
						dates: ['Aug 3, 2024', 'Aug 2, 2024', 'Aug 1, 2024'],
						datetimes: ['2024-08-03', '2024-08-02', '2024-08-01'],
						values: {
							'Aug 3, 2024': [cell(0, 0), cell(0, 0), cell(0, 0, true)],
							'Aug 2, 2024': [cell(1, 1), cell(0, 1), cell(1, 1), cell(0, 1, true)],
							'Aug 1, 2024': [cell(2, 2), cell(1, 2), cell(1, 2), cell(0, 2), cell(1, 2, true)],
						},
						combined: [
							{ count: 3, outof: 3, incomplete: false, retainedSetId: '', dropoffSetId: '' },
							{ count: 1, outof: 3, incomplete: false, retainedSetId: '', dropoffSetId: '' },
							{ count: 2, outof: 3, incomplete: true, retainedSetId: '', dropoffSetId: '' },
							{ count: 0, outof: 3, incomplete: true, retainedSetId: '', dropoffSetId: '' },
							{ count: 1, outof: 2, incomplete: true, retainedSetId: '', dropoffSetId: '' },
						],
					},
				],
				seriesLabels: [''],
				seriesMeta: [{ segmentIndex: 0, eventIndex: 0 }],
			},
			timeComputed: ctx.clock.now,
			wasCached: false,
		});
	});

	test('rolling (unbounded): back on day N or later', async () => {
		const [series] = (await retention({ rm: 'rolling' })).json.data.series;
		expect(counts(series, 'Aug 1, 2024')).toEqual([2, 1, 1, 1, 1]);
		expect(counts(series, 'Aug 2, 2024')).toEqual([1, 1, 1, 0]);
	});

	test('bracket: rb pairs with exclusive ends; incomplete until the bracket has passed', async () => {
		const [series] = (
			await retention({
				rm: 'bracket',
				rb: [
					[0, 1],
					[1, 3],
				],
			})
		).json.data.series;
		expect(series.values['Aug 1, 2024']).toEqual([cell(2, 2), cell(1, 2), cell(1, 2)]);
		expect(series.values['Aug 2, 2024']).toEqual([cell(1, 1), cell(0, 1), cell(1, 1, true)]);
	});

	test('a start event: the first one in the range; a return event: that event only', async () => {
		const [series] = (
			await retention({ se: { event_type: '_active' }, re: { event_type: 'Open App' } })
		).json.data.series;
		// r4 is active in the range for the first time on 08-02.
		expect(series.values['Aug 2, 2024'][0]).toEqual(cell(2, 2));
		const signUp = (await retention({ se: { event_type: 'Sign Up' } })).json.data.series[0];
		expect(signUp.values['Aug 1, 2024'].map((c) => c.count)).toEqual([1, 0, 0, 0, 0]);
		expect(signUp.values['Aug 2, 2024'].map((c) => c.count)).toEqual([1, 0, 1, 0]);
	});

	test('g: one series per value, most users first', async () => {
		const { data } = (await retention({ g: 'country' })).json;
		expect(data.seriesLabels).toEqual(['United States', 'Germany']);
		expect(data.series[0].values['Aug 1, 2024'][0]).toEqual(cell(1, 1));
		expect(data.series[1].values['Aug 1, 2024'][0]).toEqual(cell(1, 1));
	});

	test('weekly: one cohort for the week, offsets in weeks', async () => {
		const [series] = (await retention({ i: 7 })).json.data.series;
		expect(series.datetimes).toEqual(['2024-07-28']);
		expect(series.dates).toEqual(['Jul 28, 2024']);
		// r1, r2, r3; r1 and r3 came back within the same week.
		expect(series.values['Jul 28, 2024']).toEqual([cell(3, 3), cell(2, 3, true)]);
	});

	test.each([
		['n-day, the value the docs give', { rm: 'n-day' }, 'Invalid retention method.'],
		[
			'bracket without rb',
			{ rm: 'bracket' },
			'rm=bracket needs rb, a JSON array of [from, toExclusive] pairs',
		],
		[
			'overlapping brackets',
			{
				rm: 'bracket',
				rb: [
					[0, 3],
					[2, 5],
				],
			},
			'Invalid rb=[[0,3],[2,5]]; expected increasing [from, toExclusive] pairs',
		],
		['no return event', { re: '' }, 'Missing required parameter re'],
		['hourly', { i: -3600000 }, 'Invalid interval i=-3600000; use one of 1, 7, 30'],
		['segments', { s: [] }, 'Segments (s) are not supported by the Amplitude stand-in'],
	])('%s: 400', async (_name, params, message) => {
		const res = await retention(params);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: { http_code: 400, type: 'invalid', message } });
	});

	test('no auth: 401', async () => {
		expect((await retention({}, null)).status).toBe(401);
	});
});

test('an empty project lists every period with empty cohorts', async () => {
	ctx.server.reset();
	const [series] = (await retention()).json.data.series;
	expect(series.datetimes).toEqual(['2024-08-03', '2024-08-02', '2024-08-01']);
	expect(series.values['Aug 1, 2024'][0]).toEqual(cell(0, 0));
});
