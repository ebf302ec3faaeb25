'use strict';
// Cohort member downloads, in three steps as Amplitude has them (Basic auth on each):
//   GET /api/5/cohorts/request/{cohort_id}[?props=1&propKeys=a&propKeys=b] -> 202 {request_id, cohort_id}
//   GET /api/5/cohorts/request-status/{request_id} -> 202 "JOB INPROGRESS" for the first
//       `cohortJobPolls` polls (default 2), then 200 "JOB COMPLETED"
//   GET /api/5/cohorts/request/{request_id}/file -> 400 before the job completed; a cohort of at
//       most `cohortRedirectAbove` members (default 20) answers 200 with the gzipped CSV and
//       Content-Encoding: gzip; a larger one answers 302 to the storage path below.
//   GET /cohort-files/{request_id}.csv.gz?X-Amz-Date=…&X-Amz-Expires=60&X-Amz-Signature=… (no auth:
//       like S3, a request that also carries an Authorization header is refused with 400, and a
//       link older than 60 s with 403) -> 200, gzip bytes without Content-Encoding.
// The members are those of the cohort when the download was requested. The CSV has a header row
// and every field quoted; with props=1 the columns are amplitude_id, user_id, amplitude_id again
// (as Amplitude's files have been seen to repeat it) and one per property (propKeys, else every
// property the members have, sorted). Synthetic cohorts generate their rows while streaming.

const crypto = require('node:crypto');
const { Readable } = require('node:stream');
const zlib = require('node:zlib');
const { json, text, streamed } = require('./http-util');
const { dashboardError } = require('./dashboard');

const LINK_SECONDS = 60;
const SYNTHETIC_FIRST_ID = 900_000_000_001;
const CHUNK_CHARS = 64 * 1024;

const quote = (value) => `"${String(value).replaceAll('"', '""')}"`;

function cell(value) {
	if (value === undefined || value === null) return '""';
	return quote(typeof value === 'object' ? JSON.stringify(value) : value);
}

function createCohortFiles({ config, cohorts, storeApi, now }) {
	/** request_id -> { request_id, cohort_id, props, propKeys, polls, done, members | synthetic } */
	const jobs = new Map();
	let requested = 0;

	const notFound = (what) => dashboardError(404, 'not_found', `No ${what}`);

	function request(ctx, cohortId) {
		const cohort = cohorts.cohorts.get(cohortId);
		if (!cohort) return notFound(`cohort ${cohortId}`);
		requested += 1;
		const job = {
			request_id: `r${String(requested).padStart(7, '0')}`,
			cohort_id: cohortId,
			props: ctx.query.get('props') === '1',
			propKeys: ctx.query.getAll('propKeys'),
			polls: 0,
			done: false,
			synthetic: cohort.synthetic,
			members: cohort.synthetic ? null : [...cohort.members],
		};
		jobs.set(job.request_id, job);
		return json(202, { request_id: job.request_id, cohort_id: cohortId });
	}

	function status(requestId) {
		const job = jobs.get(requestId);
		if (!job) return notFound(`request ${requestId}`);
		job.polls += 1;
		job.done ||= job.polls > config.cohortJobPolls;
		const body = { request_id: job.request_id, cohort_id: job.cohort_id };
		return job.done
			? json(200, { ...body, async_status: 'JOB COMPLETED' })
			: json(202, { ...body, async_status: 'JOB INPROGRESS' });
	}

	function* rows(job) {
		const users = job.members?.map((id) => storeApi.findUser.byAmplitudeId(id)).filter(Boolean);
		const keys = !job.props
			? []
			: job.propKeys.length
				? job.propKeys
				: [...new Set((users ?? []).flatMap((u) => Object.keys(u.properties)))].sort();
		const header = ['amplitude_id', 'user_id', ...(job.props ? ['amplitude_id', ...keys] : [])];
		let chunk = `${header.map(quote).join(',')}\n`;
		const size = job.synthetic ? job.synthetic.size : users.length;
		for (let i = 0; i < size; i++) {
			const user = job.synthetic
				? {
						amplitude_id: SYNTHETIC_FIRST_ID + i,
						user_id: `synthetic-${i + 1}`,
						properties: { plan: 'free' },
					}
				: users[i];
			const fields = [user.amplitude_id, user.user_id ?? ''];
			if (job.props) fields.push(user.amplitude_id, ...keys.map((key) => user.properties[key]));
			chunk += `${fields.map(cell).join(',')}\n`;
			if (chunk.length >= CHUNK_CHARS) {
				yield chunk;
				chunk = '';
			}
		}
		if (chunk) yield chunk;
	}

	const gzipped = (job) => Readable.from(rows(job)).pipe(zlib.createGzip());

	function signature(requestId, date) {
		return crypto
			.createHmac('sha256', config.secretKey)
			.update(`${requestId}:${date}`)
			.digest('hex');
	}

	function file(ctx, requestId) {
		const job = jobs.get(requestId);
		if (!job) return notFound(`request ${requestId}`);
		if (!job.done) return dashboardError(400, 'invalid', 'The job has not completed yet');
		const size = job.synthetic ? job.synthetic.size : job.members.length;
		if (size <= config.cohortRedirectAbove) {
			return streamed(200, gzipped(job), {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Encoding': 'gzip',
			});
		}
		const date = String(Math.floor(now() / 1000));
		const query = `X-Amz-Date=${date}&X-Amz-Expires=${LINK_SECONDS}&X-Amz-Signature=${signature(requestId, date)}`;
		return text(302, '', {
			Location: `http://${ctx.headers.host}/cohort-files/${requestId}.csv.gz?${query}`,
		});
	}

	const s3Error = (status, code, message) =>
		text(
			status,
			`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
			{
				'Content-Type': 'application/xml',
			},
		);

	function storage(ctx, requestId) {
		if (ctx.headers.authorization !== undefined) {
			return s3Error(
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
			);
		}
		const job = jobs.get(requestId);
		const date = ctx.query.get('X-Amz-Date') ?? '';
		if (!job || ctx.query.get('X-Amz-Signature') !== signature(requestId, date))
			return s3Error(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided',
			);
		if (Math.floor(now() / 1000) - Number(date) > LINK_SECONDS)
			return s3Error(403, 'AccessDenied', 'Request has expired');
		return streamed(200, gzipped(job), { 'Content-Type': 'application/octet-stream' });
	}

	const REQUEST = /^\/api\/5\/cohorts\/request\/([^/]+)$/;
	const STATUS = /^\/api\/5\/cohorts\/request-status\/([^/]+)$/;
	const FILE = /^\/api\/5\/cohorts\/request\/([^/]+)\/file$/;
	const STORAGE = /^\/cohort-files\/([^/]+)\.csv\.gz$/;

	/** 'api' for the authenticated steps, 'storage' for the link, or null. */
	function handles(method, path) {
		if (method !== 'GET') return null;
		if (STORAGE.test(path)) return 'storage';
		return REQUEST.test(path) || STATUS.test(path) || FILE.test(path) ? 'api' : null;
	}

	function handle(ctx) {
		const id = (pattern) => decodeURIComponent(pattern.exec(ctx.path)[1]);
		if (STORAGE.test(ctx.path)) return storage(ctx, id(STORAGE));
		if (FILE.test(ctx.path)) return file(ctx, id(FILE));
		if (STATUS.test(ctx.path)) return status(id(STATUS));
		return request(ctx, id(REQUEST));
	}

	function reset() {
		jobs.clear();
		requested = 0;
	}

	return { jobs, handles, handle, reset };
}

module.exports = { createCohortFiles };
