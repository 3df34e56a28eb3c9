package dev.ferry.infra.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a load run does; {@code --option=value} on the command line.
 *
 * @param users chat users created for the run, one socket each
 * @param rate messages per second, all senders together
 * @param warmup how long to send before measuring
 * @param duration how long to send while measuring
 * @param contacts how many others each user writes to, picked at random once
 * @param readShare share of received messages the receiver also reports READ
 * @param url a running gateway, or {@code null} to start the embedded stack
 * @param jdbcUrl the running stack's database, where the run's users are created
 * @param kafkaBootstrap the running stack's Kafka, tapped for the per-hop breakdown
 * @param output where the JSON report goes
 */
record LoadOptions(int users, int rate, Duration warmup, Duration duration, int contacts, double readShare, String url,
		String jdbcUrl, String kafkaBootstrap, Path output) {

	static final String USAGE = """
			Usage: ./mvnw -q -Pbench-load -Dferry.bench.args="--rate=2000 --users=1000 ..."
			  --users=N            users created for the run, one socket each (default 1000)
			  --rate=N             messages per second, all senders together (default 500)
			  --warmup=SECONDS     sending before measuring (default 10)
			  --duration=SECONDS   sending while measuring (default 30)
			  --contacts=N         others each user writes to, picked at random (default 10)
			  --read-share=0..1    share of received messages also reported READ (default 0.2)
			  --url=URL            a running gateway instead of the embedded stack; needs
			  --jdbc-url=URL       its database (users are created there, user postgres) and
			  --kafka=HOST:PORT    its Kafka (tapped for the per-hop breakdown)
			  --out=DIR            where the JSON report goes (default target/bench)
			""";

	private static final Set<String> KNOWN = Set.of("users", "rate", "warmup", "duration", "contacts", "read-share",
			"url", "jdbc-url", "kafka", "out");

	static LoadOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0 || !KNOWN.contains(arg.substring(2, equals))) {
				throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		String url = values.get("url");
		if (url != null && (values.get("jdbc-url") == null || values.get("kafka") == null)) {
			throw new IllegalArgumentException("--url needs --jdbc-url and --kafka as well\n" + USAGE);
		}
		double readShare = Double.parseDouble(values.getOrDefault("read-share", "0.2"));
		if (readShare < 0 || readShare > 1) {
			throw new IllegalArgumentException("--read-share must be from 0 to 1\n" + USAGE);
		}
		return new LoadOptions(positive(values, "users", 1000), positive(values, "rate", 500),
				Duration.ofSeconds(positive(values, "warmup", 10)),
				Duration.ofSeconds(positive(values, "duration", 30)), positive(values, "contacts", 10), readShare, url,
				values.get("jdbc-url"), values.get("kafka"), Path.of(values.getOrDefault("out", "target/bench")));
	}

	private static int positive(Map<String, String> values, String key, int fallback) {
		String value = values.get(key);
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException("--" + key + " must be a positive whole number, not '" + value + "'");
	}

}
