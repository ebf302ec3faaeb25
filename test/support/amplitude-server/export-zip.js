'use strict';
// Zip archives, written the way Amplitude's Export API answers: STORED entries (method 0), UTF-8
// names, a central directory and its end record. Options cover what other zip writers do, so
// tests can build the variants a reader must handle (or refuse):
//   entry: { name, data: Buffer, method: 0 | 8 = 0, dataDescriptor = false, zip64 = false,
//            sizesOnlyInDescriptor = false }
// zipChunks(entries) -> Buffer[] (header, name, data … pieces, never joined: large archives stay
// as the gzip buffers they are made of); zipBuffer(entries) -> one Buffer.

const zlib = require('node:zlib');

const u16 = (value) => {
	const b = Buffer.alloc(2);
	b.writeUInt16LE(value);
	return b;
};
const u32 = (value) => {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(value >>> 0);
	return b;
};
const u64 = (value) => {
	const b = Buffer.alloc(8);
	b.writeBigUInt64LE(BigInt(value));
	return b;
};

function zipChunks(entries, { comment = '' } = {}) {
	const chunks = [];
	const central = [];
	let offset = 0;
	const push = (...parts) => {
		for (const part of parts) {
			chunks.push(part);
			offset += part.length;
		}
	};
	for (const entry of entries) {
		const method = entry.method ?? 0;
		const stored = method === 8 ? zlib.deflateRawSync(entry.data) : entry.data;
		const crc = zlib.crc32(entry.data);
		const name = Buffer.from(entry.name, 'utf8');
		const flags = 0x800 | (entry.dataDescriptor ? 0x8 : 0);
		const hidden = entry.sizesOnlyInDescriptor;
		const extra = entry.zip64
			? Buffer.concat([u16(1), u16(16), u64(entry.data.length), u64(stored.length)])
			: Buffer.alloc(0);
		const size = (value) => (hidden ? 0 : entry.zip64 ? 0xffffffff : value);
		const localOffset = offset;
		push(
			Buffer.concat([
				u32(0x04034b50),
				u16(entry.zip64 ? 45 : 20),
				u16(flags),
				u16(method),
				u16(0),
				u16(0x21),
				u32(hidden ? 0 : crc),
				u32(size(stored.length)),
				u32(size(entry.data.length)),
				u16(name.length),
				u16(extra.length),
			]),
			name,
			extra,
			stored,
		);
		if (entry.dataDescriptor) {
			push(
				entry.zip64
					? Buffer.concat([u32(0x08074b50), u32(crc), u64(stored.length), u64(entry.data.length)])
					: Buffer.concat([u32(0x08074b50), u32(crc), u32(stored.length), u32(entry.data.length)]),
			);
		}
		central.push(
			Buffer.concat([
				u32(0x02014b50),
				u16(20),
				u16(20),
				u16(flags),
				u16(method),
				u16(0),
				u16(0x21),
				u32(crc),
				u32(stored.length),
				u32(entry.data.length),
				u16(name.length),
				u16(0),
				u16(0),
				u16(0),
				u16(0),
				u32(0),
				u32(localOffset),
			]),
			name,
		);
	}
	const centralOffset = offset;
	push(...central);
	const commentBytes = Buffer.from(comment, 'utf8');
	push(
		Buffer.concat([
			u32(0x06054b50),
			u16(0),
			u16(0),
			u16(entries.length),
			u16(entries.length),
			u32(offset - centralOffset),
			u32(centralOffset),
			u16(commentBytes.length),
		]),
		commentBytes,
	);
	return chunks;
}

const zipBuffer = (entries, options) => Buffer.concat(zipChunks(entries, options));

module.exports = { zipChunks, zipBuffer };
