/**
 * CRC-32 as zip and gzip use it (reflected polynomial 0xEDB88320), eight bytes per step with
 * eight tables ("slicing by 8"): about twice as fast in V8 as one byte per step.
 */

const TABLES = new Int32Array(8 * 256);
for (let byte = 0; byte < 256; byte++) {
	let crc = byte;
	for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
	TABLES[byte] = crc;
}
for (let table = 1; table < 8; table++) {
	for (let byte = 0; byte < 256; byte++) {
		const previous = TABLES[(table - 1) * 256 + byte];
		TABLES[table * 256 + byte] = (previous >>> 8) ^ TABLES[previous & 0xff];
	}
}

/** The CRC-32 of `bytes`, continuing from `previous` (the CRC of the bytes before them). */
export function crc32(bytes: Uint8Array, previous = 0): number {
	let crc = ~previous;
	let i = 0;
	for (const last = bytes.length - 8; i <= last; i += 8) {
		const low =
			crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
		crc =
			TABLES[1792 + (low & 0xff)] ^
			TABLES[1536 + ((low >>> 8) & 0xff)] ^
			TABLES[1280 + ((low >>> 16) & 0xff)] ^
			TABLES[1024 + (low >>> 24)] ^
			TABLES[768 + bytes[i + 4]] ^
			TABLES[512 + bytes[i + 5]] ^
			TABLES[256 + bytes[i + 6]] ^
			TABLES[bytes[i + 7]];
	}
	for (; i < bytes.length; i++) crc = TABLES[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return ~crc >>> 0;
}
