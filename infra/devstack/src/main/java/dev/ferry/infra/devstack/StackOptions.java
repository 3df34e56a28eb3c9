package dev.ferry.infra.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the stack, from command-line options and, for the external servers, the
 * environment.
 *
 * @param dataDirectory where embedded Kafka and PostgreSQL keep their data
 * @param fresh wipe the data directory first
 * @param kafkaPort client port of the embedded broker
 * @param kafkaControllerPort controller port of the embedded broker
 * @param postgresPort port of the embedded PostgreSQL, or {@code null} for 5432 if free,
 * else any free port
 * @param externalKafka bootstrap address of a Kafka cluster to use instead, or
 * {@code null}
 * @param externalJdbcUrl JDBC URL of a PostgreSQL database to use instead, or
 * {@code null}
 * @param jdbcUser user for the external database
 * @param jdbcPassword password for the external database
 * @param s3Port port of the embedded S3 server that keeps attachments
 * @param gatewayPort HTTP port of the gateway
 * @param gatewayAddress the address the gateway listens on: loopback unless told
 * otherwise, since the stack's users log in with the demo password
 * @param startServices whether to start the services, or only Kafka and PostgreSQL
 * @param separateProcesses each service in a JVM of its own, as in production, instead of
 * all of them in this one
 * @param traceAll record every message's trace, not one in ten, and print each span in
 * the services' logs
 * @param secondGatewayPort HTTP port of a second gateway node ({@code gateway-2}), or
 * {@code null} for one node
 */
record StackOptions(Path dataDirectory, boolean fresh, int kafkaPort, int kafkaControllerPort, Integer postgresPort,
		String externalKafka, String externalJdbcUrl, String jdbcUser, String jdbcPassword, int s3Port, int gatewayPort,
		String gatewayAddress, boolean startServices, boolean separateProcesses, boolean traceAll,
		Integer secondGatewayPort) {

	/** Where the gateway listens unless told otherwise: this machine only. */
	static final String LOOPBACK = "127.0.0.1";

	static final String USAGE = """
			Options (each also as -Dferry.stack.args="..." through Maven):
			  --fresh                     wipe ./.ferry (all messages) before starting
			  --data-dir=PATH             where embedded Kafka and PostgreSQL keep data (default .ferry)
			  --kafka-port=N              embedded Kafka client port (default 9092)
			  --kafka-controller-port=N   embedded Kafka controller port (default 9093)
			  --postgres-port=N           embedded PostgreSQL port (default 5432, or a free one if taken)
			  --s3-port=N                 embedded S3 server port, for attachments (default 9000)
			  --kafka-bootstrap=HOST:PORT use this Kafka instead   (env FERRY_KAFKA_BOOTSTRAP)
			  --jdbc-url=URL              use this PostgreSQL instead (env FERRY_JDBC_URL,
			                              FERRY_JDBC_USER, FERRY_JDBC_PASSWORD)
			  --gateway-port=N            gateway HTTP port (default 8080)
			  --gateway-address=ADDR      address the gateway listens on (default 127.0.0.1, this
			                              machine only: the demo users' password is public;
			                              0.0.0.0 for every interface)
			  --infra-only                start Kafka and PostgreSQL only, no services
			  --processes                 run each service in a JVM of its own (default: all
			                              in the stack's JVM, each in its own class loader)
			  --trace-all                 trace every message (default: one in ten) and print
			                              each span in the services' logs
			  --second-gateway-port=N     also run a second gateway node (gateway-2) on this port
			""";

	static StackOptions parse(List<String> args, Map<String, String> environment) {
		Map<String, String> values = new HashMap<>();
		List<String> flags = new ArrayList<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
			}
			int equals = arg.indexOf('=');
			if (equals < 0) {
				flags.add(arg.substring(2));
			}
			else {
				values.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
		}
		List<String> knownFlags = List.of("fresh", "infra-only", "processes", "trace-all");
		List<String> knownValues = List.of("data-dir", "kafka-port", "kafka-controller-port", "postgres-port",
				"s3-port", "kafka-bootstrap", "jdbc-url", "jdbc-user", "jdbc-password", "gateway-port",
				"gateway-address", "second-gateway-port");
		flags.stream().filter((flag) -> !knownFlags.contains(flag)).findFirst().ifPresent((flag) -> {
			throw new IllegalArgumentException("Unknown option --" + flag + "\n" + USAGE);
		});
		values.keySet().stream().filter((key) -> !knownValues.contains(key)).findFirst().ifPresent((key) -> {
			throw new IllegalArgumentException("Unknown option --" + key + "\n" + USAGE);
		});
		return new StackOptions(Path.of(values.getOrDefault("data-dir", ".ferry")).toAbsolutePath(),
				flags.contains("fresh"), port(values, "kafka-port", 9092), port(values, "kafka-controller-port", 9093),
				values.containsKey("postgres-port") ? port(values, "postgres-port", 0) : null,
				orEnvironment(values, "kafka-bootstrap", environment, "FERRY_KAFKA_BOOTSTRAP"),
				orEnvironment(values, "jdbc-url", environment, "FERRY_JDBC_URL"),
				defaultIfNull(orEnvironment(values, "jdbc-user", environment, "FERRY_JDBC_USER"), "postgres"),
				defaultIfNull(orEnvironment(values, "jdbc-password", environment, "FERRY_JDBC_PASSWORD"), ""),
				port(values, "s3-port", 9000), port(values, "gateway-port", 8080),
				values.getOrDefault("gateway-address", LOOPBACK), !flags.contains("infra-only"),
				flags.contains("processes"), flags.contains("trace-all"),
				values.containsKey("second-gateway-port") ? port(values, "second-gateway-port", 0) : null);
	}

	private static int port(Map<String, String> values, String key, int defaultPort) {
		String value = values.get(key);
		if (value == null) {
			return defaultPort;
		}
		try {
			int port = Integer.parseInt(value);
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"--" + key + " must be a port number from 1 to 65535, not '" + value + "'");
		}
	}

	private static String orEnvironment(Map<String, String> values, String key, Map<String, String> environment,
			String variable) {
		String value = values.getOrDefault(key, environment.get(variable));
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String defaultIfNull(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
