'use strict';
// Small helpers for reading requests and describing responses.
// Handlers return plain response objects ({ status, json | text | chunks, headers }) that
// index.js writes, so a fault can replace a response after the handler ran.

const { Readable } = require('node:stream');
const zlib = require('node:zlib');

/** Largest raw body we read at all; above it the request is answered 413 without parsing. */
const MAX_READ_BYTES = 32 * 1024 * 1024;

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_READ_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ raw: Buffer.concat(chunks), rawBytes: size, tooLarge }));
		req.on('error', reject);
	});
}

/** Undo Content-Encoding: gzip/deflate. Returns null when the body cannot be decoded. */
function decodeBody(raw, encoding) {
	const enc = String(encoding || 'identity').toLowerCase();
	try {
		if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(raw);
		if (enc === 'deflate') return zlib.inflateSync(raw);
		return raw;
	} catch {
		return null;
	}
}

function parseJson(text) {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

function json(status, body, headers = {}) {
	return { status, json: body, headers };
}

function text(status, body, headers = {}) {
	return { status, text: body, headers };
}

/** A response whose body is a stream (large files), written as it is read. */
function streamed(status, stream, headers = {}) {
	return { status, stream, headers };
}

function writeResponse(res, response) {
	const headers = { ...response.headers };
	if (response.stream) {
		res.writeHead(response.status, headers);
		response.stream.on('error', () => res.destroy());
		response.stream.pipe(res);
		return;
	}
	if (response.chunks !== undefined) return writeChunks(res, response, headers);
	let payload = '';
	// A handler may name its own Content-Type (Amplitude sends some JSON as text/html).
	const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	if (response.json !== undefined) {
		payload = JSON.stringify(response.json);
		if (!hasType) headers['Content-Type'] = 'application/json; charset=utf-8';
	} else if (response.text !== undefined) {
		payload = response.text;
		if (!hasType) headers['Content-Type'] = 'text/plain; charset=utf-8';
	}
	headers['Content-Length'] = Buffer.byteLength(payload);
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** A binary body given as a list of Buffers (a zip), written with backpressure. */
function writeChunks(res, response, headers) {
	headers['Content-Length'] = response.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	res.writeHead(response.status, headers);
	Readable.from(response.chunks, { objectMode: false }).pipe(res);
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

module.exports = {
	MAX_READ_BYTES,
	readBody,
	decodeBody,
	parseJson,
	json,
	text,
	streamed,
	writeResponse,
	isPlainObject,
};
