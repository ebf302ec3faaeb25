/**
 * Bytes through the web-standard DecompressionStream, pulled only as fast as they are read (the
 * global is backed by Node's zlib, so the node imports no Node built-in module, which n8n Cloud's
 * rules for community nodes forbid). Stopping early stops the source.
 */
export function decompressed(
	chunks: AsyncIterable<Uint8Array>,
	format: 'gzip' | 'deflate-raw',
): AsyncIterable<Uint8Array> {
	const input = chunks[Symbol.asyncIterator]();
	const readable = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await input.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		async cancel() {
			await input.return?.();
		},
	});
	return readable.pipeThrough(
		new DecompressionStream(format),
	) as unknown as AsyncIterable<Uint8Array>;
}
