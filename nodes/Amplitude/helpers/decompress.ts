/** Decompressed chunks read ahead of the reader (zlib works on other threads meanwhile). */
const READ_AHEAD_CHUNKS = 32;

/**
 * Bytes through the web-standard DecompressionStream, pulled only as fast as they are read (the
 * global is backed by Node's zlib, so the node imports no Node built-in module, which n8n Cloud's
 * rules for community nodes forbid). Each chunk is written once the one before is taken in, so
 * the source is read no faster than zlib's output is: pipeThrough would drain the whole source
 * into zlib's buffers. Stopping early stops the source.
 */
export function decompressed(
	chunks: AsyncIterable<Uint8Array>,
	format: 'gzip' | 'deflate-raw',
): AsyncIterable<Uint8Array> {
	const decompression = new DecompressionStream(format);
	const writer = decompression.writable.getWriter();
	let started = false;
	const feed = async () => {
		try {
			for await (const chunk of chunks) await writer.write(chunk);
			await writer.close();
		} catch (error) {
			// The reader stopped (the write failed) or the source failed: the reader sees the error.
			await writer.abort(error).catch(() => undefined);
		}
	};
	const output = readAhead(decompression.readable, READ_AHEAD_CHUNKS);
	return {
		[Symbol.asyncIterator]() {
			if (!started) {
				started = true;
				void feed();
			}
			return output[Symbol.asyncIterator]();
		},
	};
}

/**
 * The bytes of a stream, with up to `maxChunks` chunks read before they are asked for: decompression
 * then runs while the reader works on the bytes before, instead of only when it waits. Each step
 * hands over all the chunks that are ready, as one.
 */
function readAhead(
	stream: ReadableStream<Uint8Array>,
	maxChunks: number,
): AsyncIterable<Uint8Array> {
	return {
		[Symbol.asyncIterator]() {
			const reader = stream.getReader();
			const queue: Uint8Array[] = [];
			let finished = false;
			let failure: unknown;
			let wakeReader: (() => void) | undefined;
			let wakePump: (() => void) | undefined;
			const pump = async () => {
				try {
					for (;;) {
						while (queue.length >= maxChunks && !finished)
							await new Promise<void>((resolve) => (wakePump = resolve));
						if (finished) break;
						const { value, done } = await reader.read();
						if (done) break;
						queue.push(value);
						wakeReader?.();
					}
				} catch (error) {
					failure = error;
				} finally {
					finished = true;
					wakeReader?.();
				}
			};
			let started = false;
			return {
				async next(): Promise<IteratorResult<Uint8Array>> {
					if (!started) {
						started = true;
						void pump();
					}
					for (;;) {
						if (queue.length > 0) {
							// What is ready goes out as one chunk: fewer, larger steps for the reader.
							const value = queue.length === 1 ? queue[0] : Buffer.concat(queue);
							queue.length = 0;
							wakePump?.();
							return { value, done: false };
						}
						if (failure !== undefined) throw failure;
						if (finished) return { value: undefined, done: true };
						await new Promise<void>((resolve) => (wakeReader = resolve));
					}
				},
				async return(): Promise<IteratorResult<Uint8Array>> {
					finished = true;
					wakePump?.();
					await reader.cancel().catch(() => undefined);
					return { value: undefined, done: true };
				},
			};
		},
	};
}
