'use strict';
// Chart annotations v3 (/api/3/annotations) and their categories (/api/3/annotation-categories),
// Basic auth like every Dashboard endpoint. Kept in memory; later reads return what was created.
//
// Categories: {"id": 1, "category": "Uncategorized"} always exists; `annotationCategories`
// (names) adds more, with ids from 2. Answers use the key `category` inside a category object, as
// Amplitude's real answers do (its docs show `name`).
// POST /api/3/annotations: JSON body; `label` (non-empty string) and `start` required; `start`
// and `end` must be ISO 8601 date-times with an offset (Z or ±hh:mm; else 400), end not before
// start; `category` must name an existing category (else 404 "Category not found"); `chart_id`
// and `details` optional. Times are stored and answered in UTC as "YYYY-MM-DDTHH:MM:SS+00:00".
// GET /api/3/annotations: `category` (name) or `chart_id` (not both: 400), `start` (annotations
// starting at or after it), `end` (annotations whose end, or start when they have none, is at or
// before it). `chart_id` matches that chart only, not global annotations.
// GET and DELETE /api/3/annotations/{id}: 404 for an unknown id.
// GET and POST /api/3/annotation-categories (POST {"category": name}: 409 if it exists).

const { json, parseJson, isPlainObject } = require('./http-util');

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ANNOTATION = /^\/api\/3\/annotations\/(\d+)$/;

const dashboardError = (status, type, message, details) =>
	json(status, {
		error: { http_code: status, type, message, ...(details ? { metadata: { details } } : {}) },
	});

function parseTime(value) {
	if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : ms;
}

const utc = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function createAnnotations({ authError, annotationCategories = [] }) {
	const categories = [];
	const annotations = [];
	let nextAnnotationId = 1001;
	let nextCategoryId = 2;

	function reset() {
		categories.length = 0;
		annotations.length = 0;
		categories.push({ id: 1, category: 'Uncategorized' });
		nextCategoryId = 2;
		nextAnnotationId = 1001;
		for (const name of annotationCategories)
			categories.push({ id: nextCategoryId++, category: name });
	}
	reset();

	const categoryNamed = (name) => categories.find((c) => c.category === name);
	const answer = (a) => ({ ...a, category: { ...a.category } });

	function create(body) {
		if (!isPlainObject(body)) return dashboardError(400, 'invalid', 'Invalid request body');
		const { label, start, end, category, chart_id, details } = body;
		if (typeof label !== 'string' || label.trim() === '')
			return dashboardError(400, 'invalid', 'Invalid field', 'label is required');
		const startMs = parseTime(start);
		if (startMs === null)
			return dashboardError(
				400,
				'invalid',
				'Invalid field',
				'start must be ISO 8601 with an offset',
			);
		let endMs = null;
		if (end !== undefined && end !== null) {
			endMs = parseTime(end);
			if (endMs === null || endMs < startMs)
				return dashboardError(
					400,
					'invalid',
					'Invalid field',
					'end must be ISO 8601 with an offset, after start',
				);
		}
		let found = categories[0];
		if (category !== undefined && category !== null) {
			found = categoryNamed(category);
			if (!found) return dashboardError(404, 'not_found', 'Category not found', String(category));
		}
		const annotation = {
			id: nextAnnotationId++,
			start: utc(startMs),
			label,
			details: typeof details === 'string' ? details : null,
			category: found,
			end: endMs === null ? null : utc(endMs),
			chart_id: chart_id === undefined || chart_id === null ? null : String(chart_id),
		};
		annotations.push(annotation);
		return json(200, { data: answer(annotation) });
	}

	function list(query) {
		const category = query.get('category');
		const chartId = query.get('chart_id');
		if (category && chartId)
			return dashboardError(
				400,
				'invalid',
				'Invalid query',
				'category and chart_id cannot be combined',
			);
		const bound = (name) => {
			const value = query.get(name);
			return value === null ? undefined : parseTime(value);
		};
		const start = bound('start');
		const end = bound('end');
		if (start === null || end === null)
			return dashboardError(
				400,
				'invalid',
				'Invalid query',
				'start and end must be ISO 8601 with an offset',
			);
		const data = annotations
			.filter((a) => !category || a.category.category === category)
			.filter((a) => !chartId || a.chart_id === chartId)
			.filter((a) => start === undefined || Date.parse(a.start) >= start)
			.filter((a) => end === undefined || Date.parse(a.end ?? a.start) <= end)
			.map(answer);
		return json(200, { data });
	}

	function handle(ctx) {
		const denied = authError(ctx.headers.authorization);
		if (denied) return denied;
		const { method, path } = ctx;
		const body = () => (ctx.body?.length ? parseJson(ctx.body.toString('utf8')).value : undefined);
		if (path === '/api/3/annotations') return method === 'POST' ? create(body()) : list(ctx.query);
		if (path === '/api/3/annotation-categories') {
			if (method === 'GET') return json(200, { data: categories.map((c) => ({ ...c })) });
			const name = body()?.category;
			if (typeof name !== 'string' || name.trim() === '')
				return dashboardError(400, 'invalid', 'Invalid field', 'category is required');
			if (categoryNamed(name)) return dashboardError(409, 'conflict', 'Category already exists');
			const created = { id: nextCategoryId++, category: name };
			categories.push(created);
			return json(200, { data: { ...created } });
		}
		const id = Number(ANNOTATION.exec(path)[1]);
		const index = annotations.findIndex((a) => a.id === id);
		if (index < 0) return dashboardError(404, 'not_found', 'Annotation not found');
		if (method === 'DELETE') {
			annotations.splice(index, 1);
			return json(200, { success: true });
		}
		return json(200, { data: answer(annotations[index]) });
	}

	function handles(method, path) {
		if (path === '/api/3/annotations' || path === '/api/3/annotation-categories')
			return method === 'GET' || method === 'POST';
		return ANNOTATION.test(path) && (method === 'GET' || method === 'DELETE');
	}

	return { handles, handle, reset, annotations, categories };
}

module.exports = { createAnnotations };
