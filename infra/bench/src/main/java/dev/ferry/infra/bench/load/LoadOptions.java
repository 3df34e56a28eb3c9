package dev.ferry.infra.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a load run does; {@code --option=value} on the command line.
 *
 * @param mode {@code run} (one rate), {@code ramp} (rising rates until one does not hold)
 * {@code connections} (idle sockets and what they cost), {@code presence} (presence
 * frames and {@code GET /users} with many users) or {@code compression} (what
 * {@code permessage-deflate} would save on chat frames)
 * @param users chat users created for the run, one socket each (presence mode: users in
 * the database, of whom {@code sockets} open one)
 * @param rate messages per second, all senders together
 * @param warmup how long to send before measuring
 * @param duration how long to send while measuring
 * @param contacts how many others each user writes to, picked at random once
 * @param readShare share of received messages the receiver also reports READ
 * @param url a running gateway, or {@code null} to start the embedded stack
 * @param jdbcUrl the running stack's database, where the run's users are created
 * @param jdbcPassword the password of its {@code postgres} (the stack prints it)
 * @param kafkaBootstrap the running stack's Kafka, tapped for the per-hop breakdown
 * @param output where the JSON and HTML reports go
 * @param rampFrom the ramp's first rate
 * @param rampStep how much each step of the ramp adds
 * @param rampWarmup unmeasured sending at the first rate before the ramp starts, so that
 * its first steps do not measure a cold stack (JIT compilation, caches)
 * @param sockets how many idle sockets the connections mode opens; how many users open
 * one in the presence mode
 * @param socketsPerUser how many of them each user opens (a user with many tabs)
 * @param hops whether to tap Kafka for the per-hop split (off by default: the taps are
 * three more consumers on the broker being measured)
 * @param separateProcesses the embedded stack's layout: each service in its own JVM
 * instead of all in one
 * @param uploads how many files the uploads mode uploads at once
 * @param uploadMib the size of each, in MiB
 * @param groupSizes the groups mode's group sizes, members with the sender
 * @param groupRates the groups mode's rates, messages per second into one group, each run
 * until the send→member p99 passes 500 ms
 * @param groupMessages the messages of the group the group-reads mode reads
 */
record LoadOptions(String mode, int users, int rate, Duration warmup, Duration duration, int contacts, double readShare,
		String url, String jdbcUrl, String jdbcPassword, String kafkaBootstrap, Path output, int rampFrom, int rampStep,
		Duration rampWarmup, int sockets, int socketsPerUser, boolean hops, boolean separateProcesses, int uploads,
		int uploadMib, List<Integer> groupSizes, List<Integer> groupRates, int groupMessages) {

	static final String USAGE = """
			Usage: ./mvnw -q -Pbench-load -Dferry.bench.args="--rate=2000 --users=1000 ..."
			  --mode=run|ramp|connections|presence|uploads|groups|group-reads|compression
			                       run: one rate (default); ramp: rates from --ramp-from up by
			                       --ramp-step, each with --warmup and --duration, until the
			                       send→receiver p99 passes 100 ms or a message is lost;
			                       connections: open --sockets idle sockets, report memory;
			                       presence: --users in the database, --sockets of them
			                       with 5 partners each open a socket; counts presence
			                       frames and times GET /users
			                       uploads: --uploads files of --upload-mib MiB at once
			                       through the gateway: its heap meanwhile, and the rate
			                       against putting them straight into S3
			                       groups: for each of --group-sizes, a group whose members
			                       have a socket each, spread over two gateway nodes; one
			                       member at a time sends at each of --group-rates (with
			                       --warmup and --duration) until the send→member p99
			                       passes 500 ms or a delivery is lost; Kafka records per
			                       message counted
			                       group-reads: a group of the largest of --group-sizes
			                       members with --group-messages messages; times the
			                       conversation list and 200-message pages of it
			                       compression: what permessage-deflate would save on chat
			                       frames (no stack)
			  --group-sizes=N,N    group sizes of the groups mode (default 10,100,1000)
			  --group-rates=N,N    messages/s into one group, in turn (default 5,10,20,40,80)
			  --group-messages=N   messages of the group-reads mode's group (default 20000)
			  --uploads=N          files uploaded at once in the uploads mode (default 50)
			  --upload-mib=N       the size of each, in MiB (default 10)
			  --ramp-from=N        first rate of a ramp (default 100)
			  --ramp-step=N        increase per ramp step (default 100)
			  --ramp-warmup=SECONDS unmeasured sending at the first rate before the ramp (default 60)
			  --sockets=N          idle sockets of the connections mode (default 19000)
			  --sockets-per-user=N sockets each user opens in the connections mode (default 1000)
			  --users=N            users created for the run, one socket each (default 1000)
			  --rate=N             messages per second, all senders together (default 500)
			  --warmup=SECONDS     sending before measuring (default 10)
			  --duration=SECONDS   sending while measuring (default 30)
			  --contacts=N         others each user writes to, picked at random (default 10)
			  --read-share=0..1    share of received messages also reported READ (default 0.2)
			  --url=URL            a running gateway instead of the embedded stack; needs
			  --jdbc-url=URL       its database (users are created there, user postgres),
			  --jdbc-password=PW   postgres's password there (the stack's banner prints it) and
			  --kafka=HOST:PORT    its Kafka (tapped for the per-hop breakdown)
			  --out=DIR            where the JSON and HTML reports go (default target/bench)
			  --hops=on            tap Kafka for the per-hop split (default off: the taps
			                       are extra consumers on the broker being measured)
			  --layout=one-jvm|processes
			                       the embedded stack's services in one JVM (default for
			                       run and ramp) or each in its own (default for connections
			                       and uploads, so the gateway's heap is measured alone)
			""";

	private static final Set<String> KNOWN = Set.of("mode", "users", "rate", "warmup", "duration", "contacts",
			"read-share", "url", "jdbc-url", "jdbc-password", "kafka", "out", "ramp-from", "ramp-step", "ramp-warmup",
			"sockets", "sockets-per-user", "hops", "layout", "uploads", "upload-mib", "group-sizes", "group-rates",
			"group-messages");

	private static final Set<String> MODES = Set.of("run", "ramp", "connections", "presence", "uploads", "groups",
			"group-reads", "compression");

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
		if (url != null && (values.get("jdbc-url") == null || values.get("jdbc-password") == null
				|| values.get("kafka") == null)) {
			throw new IllegalArgumentException("--url needs --jdbc-url, --jdbc-password and --kafka as well\n" + USAGE);
		}
		double readShare = Double.parseDouble(values.getOrDefault("read-share", "0.2"));
		if (readShare < 0 || readShare > 1) {
			throw new IllegalArgumentException("--read-share must be from 0 to 1\n" + USAGE);
		}
		String mode = values.getOrDefault("mode", "run");
		if (!MODES.contains(mode)) {
			throw new IllegalArgumentException(
					"--mode must be run, ramp, connections, presence, uploads, groups, group-reads or compression\n"
							+ USAGE);
		}
		String layout = values.getOrDefault("layout",
				Set.of("connections", "uploads").contains(mode) ? "processes" : "one-jvm");
		if (!Set.of("one-jvm", "processes").contains(layout)) {
			throw new IllegalArgumentException("--layout must be one-jvm or processes\n" + USAGE);
		}
		String hops = values.getOrDefault("hops", "off");
		if (!Set.of("on", "off").contains(hops)) {
			throw new IllegalArgumentException("--hops must be on or off\n" + USAGE);
		}
		return new LoadOptions(mode, positive(values, "users", 1000), positive(values, "rate", 500),
				Duration.ofSeconds(positive(values, "warmup", 10)),
				Duration.ofSeconds(positive(values, "duration", 30)), positive(values, "contacts", 10), readShare, url,
				values.get("jdbc-url"), values.get("jdbc-password"), values.get("kafka"),
				Path.of(values.getOrDefault("out", "target/bench")), positive(values, "ramp-from", 100),
				positive(values, "ramp-step", 100), Duration.ofSeconds(positive(values, "ramp-warmup", 60)),
				positive(values, "sockets", 19000), positive(values, "sockets-per-user", 1000), hops.equals("on"),
				layout.equals("processes"), positive(values, "uploads", 50), positive(values, "upload-mib", 10),
				positives(values, "group-sizes", "10,100,1000"), positives(values, "group-rates", "5,10,20,40,80"),
				positive(values, "group-messages", 20000));
	}

	private static List<Integer> positives(Map<String, String> values, String key, String fallback) {
		String list = values.getOrDefault(key, fallback);
		return Arrays.stream(list.split(",")).map((value) -> positive(Map.of(key, value.trim()), key, 0)).toList();
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
