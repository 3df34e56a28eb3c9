package dev.ferry.infra.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.ferry.infra.devstack.ServiceProcess;
import dev.ferry.infra.devstack.DevStack;
import dev.ferry.infra.devstack.StackCredentials;
import dev.ferry.infra.embedded.Ports;

/**
 * The embedded stack started for a run as {@code ./mvnw -Pstack} starts it, in a JVM of
 * its own (Kafka runs there, PostgreSQL and the services are its child processes), fresh
 * data and free ports, so each process's CPU can be told apart from the load generator's.
 */
final class StackProcess implements AutoCloseable {

	/** The bucket the stack keeps attachments in. */
	static final String BUCKET = DevStack.BUCKET;

	private final Process process;

	private final String url;

	private final String jdbcUrl;

	private final String kafkaBootstrap;

	private final String s3Endpoint;

	private final Path dataDirectory;

	private final boolean separateProcesses;

	private final String secondUrl;

	private final StackCredentials credentials;

	private StackProcess(Process process, Path dataDirectory, String url, String secondUrl, String jdbcUrl,
			String kafkaBootstrap, String s3Endpoint, boolean separateProcesses, StackCredentials credentials) {
		this.secondUrl = secondUrl;
		this.credentials = credentials;
		this.s3Endpoint = s3Endpoint;
		this.process = process;
		this.separateProcesses = separateProcesses;
		this.dataDirectory = dataDirectory.toAbsolutePath();
		this.url = url;
		this.jdbcUrl = jdbcUrl;
		this.kafkaBootstrap = kafkaBootstrap;
	}

	/**
	 * @param environment added to the stack's environment, which its services inherit
	 * @param separateProcesses each service in a JVM of its own instead of all in the
	 * stack's
	 * @param twoGateways whether to run a second gateway node
	 */
	static StackProcess start(Path dataDirectory, Map<String, String> environment, boolean separateProcesses,
			boolean twoGateways) throws IOException {
		int kafkaPort = Ports.findFree();
		int postgresPort = Ports.findFree();
		int gatewayPort = Ports.findFree();
		Integer secondGatewayPort = twoGateways ? Ports.findFree() : null;
		int s3Port = Ports.findFree();
		Files.createDirectories(dataDirectory);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		// The stack JVM's settings, as ./mvnw -Pstack launches it (the parent pom's
		// ferry.stack.jvm).
		command.addAll(List.of(System.getProperty("ferry.stack.jvm", "").trim().split("\\s+")));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ferry.infra.devstack.DevStack",
				"--fresh", "--data-dir=" + dataDirectory.toAbsolutePath(), "--kafka-port=" + kafkaPort,
				"--kafka-controller-port=" + Ports.findFree(), "--postgres-port=" + postgresPort, "--s3-port=" + s3Port,
				"--gateway-port=" + gatewayPort));
		if (separateProcesses) {
			command.add("--processes");
		}
		if (secondGatewayPort != null) {
			command.add("--second-gateway-port=" + secondGatewayPort);
		}
		command.removeIf(String::isEmpty);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		for (String line = output.readLine(); line != null; line = output.readLine()) {
			System.out.println("  stack | " + line);
			if (line.contains("Ferry is running")) {
				drain(output);
				return new StackProcess(process, dataDirectory, "http://localhost:" + gatewayPort,
						(secondGatewayPort != null) ? "http://localhost:" + secondGatewayPort : null,
						"jdbc:postgresql://127.0.0.1:" + postgresPort + "/ferry", "127.0.0.1:" + kafkaPort,
						"http://127.0.0.1:" + s3Port, separateProcesses,
						// Made up by the stack at its start, as in any data directory.
						StackCredentials.keep(dataDirectory));
			}
		}
		throw new IllegalStateException("The stack stopped while starting; its output is above");
	}

	/** Keeps reading the stack's output so it never blocks on a full pipe. */
	private static void drain(BufferedReader output) {
		Thread drainer = new Thread(() -> {
			try {
				while (output.readLine() != null) {
					// Its logs are in the data directory.
				}
			}
			catch (IOException ex) {
				// The stack stopped.
			}
		}, "stack-output");
		drainer.setDaemon(true);
		drainer.start();
	}

	/** The stack's database logins, S3 keys and scrape token. */
	StackCredentials credentials() {
		return this.credentials;
	}

	/** The S3 server's endpoint; the stack's attachments are in {@link #BUCKET}. */
	String s3Endpoint() {
		return this.s3Endpoint;
	}

	String url() {
		return this.url;
	}

	/** The second gateway node's URL, or {@code null} when the stack runs one. */
	String secondUrl() {
		return this.secondUrl;
	}

	String jdbcUrl() {
		return this.jdbcUrl;
	}

	boolean separateProcesses() {
		return this.separateProcesses;
	}

	String kafkaBootstrap() {
		return this.kafkaBootstrap;
	}

	/**
	 * The processes worth measuring, by name: the stack's JVM (Kafka), PostgreSQL (all
	 * its processes), and each service.
	 */
	Map<String, List<ProcessHandle>> processes() {
		Map<String, List<ProcessHandle>> groups = this.process.toHandle()
			.descendants()
			.collect(Collectors.groupingBy(StackProcess::nameOf, Collectors.toList()));
		// PostgreSQL's server detaches from the stack when it starts: found by its data
		// directory, with its backends.
		groups.put("postgresql",
				ProcessHandle.allProcesses()
					.filter((handle) -> handle.info().commandLine().orElse("").contains(this.dataDirectory.toString()))
					.flatMap((server) -> Stream.concat(Stream.of(server), server.descendants()))
					.toList());
		return groups;
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	private static String nameOf(ProcessHandle handle) {
		String command = handle.info().commandLine().orElse("");
		// Services first: their command lines name the database too.
		for (String service : List.of("gateway", "persistence-worker", "delivery-worker")) {
			if (command.contains(service + "/target/")) {
				return service;
			}
		}
		return "other";
	}

	/** The stack stops its services, Kafka and PostgreSQL in turn: it gets a minute. */
	@Override
	public void close() {
		ServiceProcess.stop(this.process, Duration.ofSeconds(60));
	}

}
