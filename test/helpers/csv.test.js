const { CsvReader, csvRecords, uniqueColumns } = require('../../dist/nodes/Amplitude/helpers/csv');

/** All records of `text` pushed as the given chunks. */
function parse(chunks) {
	const reader = new CsvReader();
	const records = [];
	for (const chunk of chunks) records.push(...reader.push(chunk));
	records.push(...reader.end());
	return records;
}

async function collect(iterable) {
	const records = [];
	for await (const record of iterable) records.push(record);
	return records;
}

async function* bytesOf(buffer, size) {
	for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

// Amplitude's member files: every field quoted; property values may hold commas, quotes and
// line breaks; amplitude_id repeats before the properties.
const MEMBER_FILE =
	'"amplitude_id","user_id","amplitude_id","address","note"\r\n' +
	'"550106004607","user_one@example.com","550106004607","1 Main St,\r\nSpringfield","say ""hi"""\r\n' +
	'"617244169723","","617244169723","",""\r\n';
const MEMBER_RECORDS = [
	['amplitude_id', 'user_id', 'amplitude_id', 'address', 'note'],
	['550106004607', 'user_one@example.com', '550106004607', '1 Main St,\r\nSpringfield', 'say "hi"'],
	['617244169723', '', '617244169723', '', ''],
];

const CASES = [
	[
		'unquoted fields, LF',
		'a,b,c\n1,2,3\n',
		[
			['a', 'b', 'c'],
			['1', '2', '3'],
		],
	],
	[
		'no line break at the end',
		'a,b\n1,2',
		[
			['a', 'b'],
			['1', '2'],
		],
	],
	['CRLF and lone CR end records', 'a\r\nb\rc\n', [['a'], ['b'], ['c']]],
	['empty fields keep their place', ',a,,\n', [['', 'a', '', '']]],
	['quoted comma', '"a,b",c\n', [['a,b', 'c']]],
	['doubled quotes are one quote', '"say ""hi""",""""\n', [['say "hi"', '"']]],
	['quoted LF and CRLF stay in the field', '"a\nb","c\r\nd"\n', [['a\nb', 'c\r\nd']]],
	['quoted empty field is a record', '""\n', [['']]],
	['blank lines are skipped', 'a\n\n\r\nb\n\n', [['a'], ['b']]],
	['a byte-order mark is dropped', '\uFEFFa,b\n', [['a', 'b']]],
	['a quote inside an unquoted field is kept', 'ab"c,d\n', [['ab"c', 'd']]],
	['text after a closing quote is kept', '"ab"c,d\n', [['abc', 'd']]],
	['the member file', MEMBER_FILE, MEMBER_RECORDS],
];

describe('CsvReader', () => {
	test.each(CASES)('%s', (_name, text, expected) => {
		expect(parse([text])).toEqual(expected);
	});

	test.each(CASES)(
		'%s: the same records however the text is cut in two',
		(_name, text, expected) => {
			for (let cut = 0; cut <= text.length; cut++) {
				expect([cut, parse([text.slice(0, cut), text.slice(cut)])]).toEqual([cut, expected]);
			}
		},
	);

	test.each(CASES)('%s: the same records one character at a time', (_name, text, expected) => {
		expect(parse([...text])).toEqual(expected);
	});

	test('a quote left open at the end is an error, not a silently shortened record', () => {
		const reader = new CsvReader();
		expect(reader.push('"a","b\n')).toEqual([]);
		expect(() => reader.end()).toThrow('The CSV ends inside a quoted field');
	});

	test('records come out as soon as they are complete', () => {
		const reader = new CsvReader();
		expect(reader.push('"a","b"\n"c')).toEqual([['a', 'b']]);
		expect(reader.push('d","e')).toEqual([]);
		expect(reader.push('"\n')).toEqual([['cd', 'e']]);
		expect(reader.end()).toEqual([]);
	});
});

describe('csvRecords', () => {
	test('decodes UTF-8 split anywhere between byte chunks', async () => {
		const text = '"name","city"\n"Zoë 😀","Köln, NRW"\n';
		const bytes = Buffer.from(text, 'utf8');
		for (const size of [1, 2, 3, 5, bytes.length]) {
			await expect(collect(csvRecords(bytesOf(bytes, size)))).resolves.toEqual([
				['name', 'city'],
				['Zoë 😀', 'Köln, NRW'],
			]);
		}
	});

	test('reads the member file from bytes', async () => {
		await expect(collect(csvRecords(bytesOf(Buffer.from(MEMBER_FILE), 7)))).resolves.toEqual(
			MEMBER_RECORDS,
		);
	});

	test('an unterminated quote fails the iteration', async () => {
		await expect(collect(csvRecords(bytesOf(Buffer.from('"a\n'), 10)))).rejects.toThrow(
			'ends inside a quoted field',
		);
	});

	test('many rows stream through one at a time', async () => {
		async function* rows() {
			yield '"amplitude_id","user_id"\n';
			for (let i = 0; i < 50_000; i++) yield `"${i}","user-${i}"\n`;
		}
		let count = 0;
		let last;
		for await (const record of csvRecords(rows())) {
			count++;
			last = record;
		}
		expect(count).toBe(50_001);
		expect(last).toEqual(['49999', 'user-49999']);
	});
});

describe('uniqueColumns', () => {
	test('a repeated name gets _2, _3 …; the rest stay as they are', () => {
		expect(
			uniqueColumns(['amplitude_id', 'user_id', 'amplitude_id', 'plan', 'amplitude_id']),
		).toEqual(['amplitude_id', 'user_id', 'amplitude_id_2', 'plan', 'amplitude_id_3']);
	});

	test('a suffix never takes the name of another column', () => {
		expect(uniqueColumns(['a', 'a', 'a_2'])).toEqual(['a', 'a_2_', 'a_2']);
	});

	test('names are trimmed', () => {
		expect(uniqueColumns([' plan ', 'plan'])).toEqual(['plan', 'plan_2']);
	});
});
