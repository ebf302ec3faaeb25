// The rows benchmark's Dashboard stand-in, in a process of its own so its work is not timed with
// the node's: it serves big charts, built once per size and kept as bytes, and does nothing else.
//   GET /api/2/events/segmentation?start=YYYYMMDD&end=YYYYMMDD&limit=N: a daily chart with one
//     series per group (N groups) and one point per day, in Amplitude's shape.
//   GET /api/3/chart/g<groups>d<days>/csv: {"data": "<CSV>"}, the same chart as a saved chart's CSV.
//   node scripts/bench/chartServer.js  prints "listening on http://127.0.0.1:PORT"
const http = require('node:http');

const DAY = 86_400_000;
const cache = new Map();

function days(start, count) {
	const first = Date.UTC(+start.slice(0, 4), +start.slice(4, 6) - 1, +start.slice(6, 8));
	return Array.from({ length: count }, (_, k) =>
		new Date(first + k * DAY).toISOString().slice(0, 10),
	);
}

function chart(groups, dates) {
	const series = Array.from({ length: groups }, (_, g) =>
		dates.map((_, d) => (g * 7919 + d * 104729) % 5000),
	);
	const labels = Array.from(
		{ length: groups },
		(_, g) => `group-${String(g + 1).padStart(4, '0')}`,
	);
	return { series, labels };
}

function segmentationBody(start, end, groups) {
	const count =
		Math.round(
			(Date.parse(`${end.slice(0, 4)}-${end.slice(4, 6)}-${end.slice(6)}`) -
				Date.parse(`${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6)}`)) /
				DAY,
		) + 1;
	const dates = days(start, count);
	const { series, labels } = chart(groups, dates);
	return {
		data: {
			series,
			seriesLabels: labels.map((label) => [0, label]),
			seriesCollapsed: series.map((points) => [
				{ setId: '', value: points.reduce((a, b) => a + b, 0) },
			]),
			xValues: dates,
		},
		timeComputed: Date.now(),
		wasCached: false,
	};
}

function savedChartBody(groups, count) {
	const dates = days('20250101', count);
	const { series, labels } = chart(groups, dates);
	const line = (cells) => `${cells.join(',')}\r\n`;
	const text = (value) => `"\t${value}"`;
	const csv = [
		line([text('Benchmark chart')]),
		line([text('365 days × 1000 groups')]),
		'\r\n',
		line([text('Uniques')]),
		line([text('Open App')]),
		'\r\n',
		line([text('Segment'), ...dates.map(text)]),
		...series.map((points, g) => line([text(labels[g]), ...points.map((v) => `"${v}"`)])),
	].join('');
	return { data: csv };
}

function bodyFor(url) {
	if (cache.has(url.href)) return cache.get(url.href);
	let body;
	const saved = /^\/api\/3\/chart\/g(\d+)d(\d+)\/csv$/.exec(url.pathname);
	if (saved) body = savedChartBody(Number(saved[1]), Number(saved[2]));
	else if (url.pathname === '/api/2/events/segmentation') {
		const q = url.searchParams;
		body = segmentationBody(q.get('start'), q.get('end'), Number(q.get('limit')));
	}
	const bytes = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
	cache.set(url.href, bytes);
	return bytes;
}

const server = http.createServer((req, res) => {
	const bytes = bodyFor(new URL(req.url, 'http://bench.local'));
	if (!bytes) {
		res.writeHead(404, { 'content-type': 'application/json' });
		return res.end('{"error":"not found"}');
	}
	res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
	res.end(bytes);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
	console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
