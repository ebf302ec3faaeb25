import { type CompressionFormat, type InflateOptions, Inflater } from './inflate';

/**
 * The decompressed bytes of a compressed byte stream, as they are read: the next compressed chunk
 * is pulled only once the bytes of the one before are taken, so a reader that stops early stops
 * the source. Decompression is our own (helpers/inflate.ts): no Node built-in module is imported,
 * which n8n Cloud's rules for community nodes forbid.
 */
export function decompressed(
	chunks: AsyncIterable<Uint8Array>,
	format: CompressionFormat,
	options?: InflateOptions,
): AsyncIterable<Uint8Array> {
	return {
		async *[Symbol.asyncIterator]() {
			const inflater = new Inflater(format, options);
			for await (const chunk of chunks) yield* inflater.push(chunk);
			yield* inflater.finish();
		},
	};
}
