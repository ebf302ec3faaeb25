// n8n's binary data service in filesystem mode (what n8n uses by default outside queue mode), so
// operations that output files stream them to disk as in a real n8n. Without this, the engine
// keeps binary data in memory (base64 in the item), which tests also cover.
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const { BinaryDataService } = require('n8n-core');

async function useFilesystemBinaryData() {
	const service = Container.get(BinaryDataService);
	await service.init();
	return service;
}

/** The stored bytes of an output item's binary field, whichever mode stored it. */
async function storedBytes(binary) {
	if (!binary.id) return Buffer.from(binary.data, 'base64');
	const stream = await Container.get(BinaryDataService).getAsStream(binary.id);
	const chunks = [];
	for await (const chunk of stream) chunks.push(chunk);
	return Buffer.concat(chunks);
}

module.exports = { useFilesystemBinaryData, storedBytes };
