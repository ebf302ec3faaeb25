// The export benchmark's floors: the least a node can do to get the same export into the same
// sink, run in the Amplitude node's place through n8n's engine.
//   StreamToBinary: the response stream straight into n8n's binary data (no zip check).
//   ZipToItems:     the whole zip into memory, each entry gunzipped at once (zlib.gunzipSync),
//                   one item per line: no streaming, no checks.
const zlib = require('node:zlib');

const description = (name) => ({
	displayName: name,
	name,
	version: 1,
	inputs: ['main'],
	outputs: ['main'],
	properties: ['url', 'start', 'end', 'authorization'].map((field) => ({
		displayName: field,
		name: field,
		type: 'string',
		default: '',
	})),
});

function request(context, encoding) {
	const [url, start, end, authorization] = ['url', 'start', 'end', 'authorization'].map((name) =>
		context.getNodeParameter(name, 0),
	);
	return context.helpers.httpRequest({
		method: 'GET',
		url: `${url}/api/2/export`,
		qs: { start, end },
		headers: { Authorization: authorization },
		encoding,
		returnFullResponse: true,
	});
}

class StreamToBinary {
	description = description('streamToBinary');

	async execute() {
		const response = await request(this, 'stream');
		const data = await this.helpers.prepareBinaryData(
			response.body,
			'export.zip',
			'application/zip',
		);
		return [[{ json: {}, binary: { data }, pairedItem: { item: 0 } }]];
	}
}

class ZipToItems {
	description = description('zipToItems');

	async execute() {
		const zip = Buffer.from((await request(this, 'arraybuffer')).body);
		const items = [];
		for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
			const size = zip.readUInt32LE(at + 18);
			const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
			const text = zlib.gunzipSync(zip.subarray(start, start + size)).toString('utf8');
			for (const line of text.split('\n'))
				if (line) items.push({ json: JSON.parse(line), pairedItem: { item: 0 } });
			at = start + size;
		}
		return [items];
	}
}

module.exports = { StreamToBinary, ZipToItems };
