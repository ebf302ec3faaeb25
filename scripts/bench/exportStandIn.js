// The export benchmark's Amplitude, in a process of its own: the local stand-in holding
// synthetic events received in three ranges, so each run downloads a zip the stand-in built:
//   warm-up  20261101T00            1,000 events
//   items    20261101T01          100,000 events (BENCH_ITEMS)
//   binary   20261101T02–T11    1,000,000 events (BENCH_BINARY), 100,000 an hour
// Prints "listening on http://127.0.0.1:PORT" once seeded; stops on SIGTERM.
const { createAmplitudeServer } = require('../../test/support/amplitude-server');

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const BINARY = Number(process.env.BENCH_BINARY ?? 1_000_000);
const TYPES = ['Open App', 'View Item', 'Search', 'Add to Cart', 'Purchase'];
const COUNTRIES = ['United States', 'Germany', 'France', 'Japan', 'Brazil'];
const PLATFORMS = ['iOS', 'Android', 'Web'];

function eventAt(n, time) {
	const user = n % 5000;
	return {
		event_type: TYPES[n % TYPES.length],
		user_id: `bench-user-${String(user).padStart(5, '0')}`,
		device_id: `bench-device-${String(user).padStart(5, '0')}`,
		time,
		insert_id: `bench-${n}`,
		session_id: time - (n % 1800) * 1000,
		platform: PLATFORMS[n % PLATFORMS.length],
		country: COUNTRIES[n % COUNTRIES.length],
		event_properties: { item_id: `sku-${n % 997}`, price: (n % 500) / 10, position: n % 20 },
		user_properties: { plan: n % 3 ? 'free' : 'pro' },
	};
}

/** Seeds `count` events received evenly over `hours` hours from `from`, in batches. */
function seed(server, first, count, from, hours) {
	const perHour = Math.ceil(count / hours);
	for (let start = 0; start < count; start += 10_000) {
		const size = Math.min(10_000, count - start);
		const hour = Math.floor(start / perHour);
		const receivedAt = from + hour * HOUR + ((start % perHour) / perHour) * HOUR;
		const batch = Array.from({ length: size }, (_, i) =>
			eventAt(first + start + i, receivedAt - 60_000),
		);
		server.seed(batch, { receivedAt });
	}
}

(async () => {
	const server = createAmplitudeServer({
		apiKey: 'bench-api-key',
		secretKey: 'bench-secret-key',
		exportPartitionSize: 10_000,
	});
	seed(server, 0, 1000, T0, 1);
	seed(server, 1000, ITEMS, T0 + HOUR, 1);
	seed(server, 1000 + ITEMS, BINARY, T0 + 2 * HOUR, 10);
	const url = await server.start(0);
	console.log(`listening on ${url}`);
	process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
