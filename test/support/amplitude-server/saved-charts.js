'use strict';
// Saved charts: GET /api/3/chart/{id}/csv answers {"data": "<CSV>"} in Amplitude's layout:
// quoted cells, text and dates prefixed with a tab, CRLF; the title, the description, a blank
// line, the metric and the event, a blank line, a "Segment" row with the dates, then one row per
// segment ("All Users" without a group-by). An unknown ID is 404
// {"error":{"http_code":404,"type":"not_found","message":"Chart not found"}}.
//
// The stand-in holds the charts it is told to (see README.md):
//   createAmplitudeServer({ charts: { abc123xy: definition } }), server.charts.set(id, definition),
//   or over HTTP with the project's Basic auth: PUT /admin/charts/{id} (the definition as JSON),
//   DELETE /admin/charts/{id}, GET /admin/charts (the IDs).
// A definition is { csv } (answered as it is, any layout), or a segmentation chart computed from
// the stored events at every read:
//   { title, description?, event: {event_type, filters?, group_by?}, metric? ('uniques' default;
//     any segmentation metric but formula and histogram), interval? (1 default, 7, 30),
//     days: N (the N days up to today, UTC) or start and end ('YYYYMMDD') }

const { json } = require('./http-util');
const { segmentation } = require('./segmentation');
const { parseYmd, isoDate, dayStart, DAY_MS } = require('./dates');

const METRIC_NAMES = {
	uniques: 'Uniques',
	totals: 'Event Totals',
	pct_dau: '% Active',
	average: 'Average',
	sums: 'Property Sum',
	value_avg: 'Property Average',
};
const CHART_PATH = /^\/api\/3\/chart\/([^/]+)\/csv$/;
const ADMIN_PATH = /^\/admin\/charts(?:\/([^/]+))?$/;

const quote = (text) => `"${String(text).replace(/"/g, '""')}"`;
const textCell = (text) => quote(`\t${text}`);
const csvLine = (cells) => `${cells.join(',')}\r\n`;

/** Checks a definition; returns an error message, or null when it is usable. */
function definitionError(definition) {
	if (!definition || typeof definition !== 'object') return 'A chart definition must be an object';
	if (typeof definition.csv === 'string') return null;
	if (typeof definition.title !== 'string') return 'A chart needs a title (or csv)';
	if (typeof definition.event?.event_type !== 'string') return 'A chart needs event.event_type';
	if (!(definition.days > 0) && !(parseYmd(definition.start) && parseYmd(definition.end)))
		return 'A chart needs days (a positive number) or start and end (YYYYMMDD)';
	if (definition.metric !== undefined && !METRIC_NAMES[definition.metric])
		return `A chart's metric is one of ${Object.keys(METRIC_NAMES).join(', ')}`;
	return null;
}

/** The CSV text of a live segmentation chart over the stored events. */
function chartCsv(definition, events, now) {
	const metric = definition.metric ?? 'uniques';
	let { start, end } = definition;
	if (definition.days > 0) {
		const today = dayStart(now);
		end = isoDate(today).replaceAll('-', '');
		start = isoDate(today - (definition.days - 1) * DAY_MS).replaceAll('-', '');
	}
	const query = new URLSearchParams({
		e: JSON.stringify(definition.event),
		m: metric,
		i: String(definition.interval ?? 1),
		start,
		end,
		limit: '1000',
	});
	const { data } = segmentation(query, events);
	const label = (l) => (Array.isArray(l) ? l[1] : 'All Users');
	return [
		csvLine([textCell(definition.title)]),
		csvLine([textCell(definition.description ?? '')]),
		'\r\n',
		csvLine([textCell(METRIC_NAMES[metric])]),
		csvLine([textCell(definition.event.event_type)]),
		'\r\n',
		csvLine([textCell('Segment'), ...data.xValues.map(textCell)]),
		...data.series.map((points, k) =>
			csvLine([textCell(label(data.seriesLabels[k])), ...points.map(quote)]),
		),
	].join('');
}

function createSavedCharts({ initial = {}, apiKey, secretKey, now }) {
	const charts = new Map();
	const basic = `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}`;

	function set(id, definition) {
		const error = definitionError(definition);
		if (error) throw new TypeError(`chart ${id}: ${error}`);
		charts.set(String(id), definition);
	}
	/** Back to the charts the server was created with. */
	function restore() {
		charts.clear();
		for (const [id, definition] of Object.entries(initial)) set(id, definition);
	}
	restore();

	/** The answer to GET /api/3/chart/{id}/csv (auth already checked). */
	function read(path, events) {
		const id = decodeURIComponent(CHART_PATH.exec(path)[1]);
		const definition = charts.get(id);
		if (!definition)
			return json(404, {
				error: { http_code: 404, type: 'not_found', message: 'Chart not found' },
			});
		return json(200, { data: definition.csv ?? chartCsv(definition, events, now()) });
	}

	/** PUT, DELETE /admin/charts/{id} and GET /admin/charts. */
	function admin(ctx) {
		if (ctx.headers.authorization !== basic)
			return json(401, { error: 'Admin requests need the Basic auth of the project keys' });
		const id = ADMIN_PATH.exec(ctx.path)[1];
		if (ctx.method === 'GET' && !id) return json(200, { charts: [...charts.keys()] });
		if (ctx.method === 'DELETE' && id)
			return charts.delete(decodeURIComponent(id))
				? json(200, { deleted: id })
				: json(404, { error: 'No such chart' });
		if (ctx.method === 'PUT' && id) {
			let definition;
			try {
				definition = JSON.parse(ctx.body?.toString('utf8') ?? '');
			} catch {
				return json(400, { error: 'The body must be a JSON chart definition' });
			}
			const error = definitionError(definition);
			if (error) return json(400, { error });
			charts.set(decodeURIComponent(id), definition);
			return json(200, { stored: decodeURIComponent(id) });
		}
		return json(405, { error: 'Use PUT or DELETE /admin/charts/{id}, or GET /admin/charts' });
	}

	return {
		set,
		delete: (id) => charts.delete(String(id)),
		ids: () => [...charts.keys()],
		restore,
		handlesRead: (method, path) => method === 'GET' && CHART_PATH.test(path),
		handlesAdmin: (path) => ADMIN_PATH.test(path),
		read,
		admin,
	};
}

module.exports = { createSavedCharts };
