package dev.ferry.infra.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.ferry.contracts.settings.RequiredSettings;

/**
 * Starts the Ferry services that have been built, from their executable jars: all in this
 * JVM, each in a class loader of its own (the default: on a small machine one heap, one
 * collector and one JIT serve them all), or each as a child JVM as in production. Waits
 * until each has started.
 */
final class Services {

	private static final List<String> MODULES = List.of("persistence-worker", "delivery-worker", "gateway");

	/** The node id of the second gateway, when the stack runs two. */
	static final String SECOND_GATEWAY = "gateway-2";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	/** Health and metrics port of the persistence worker in the stack. */
	static final int PERSISTENCE_WORKER_PORT = 8081;

	/** Health and metrics port of the delivery worker in the stack. */
	static final int DELIVERY_WORKER_PORT = 8082;

	private final StackOptions options;

	private final Endpoints endpoints;

	private final Consumer<String> progress;

	Services(StackOptions options, Endpoints endpoints, Consumer<String> progress) {
		this.options = options;
		this.endpoints = endpoints;
		this.progress = progress;
	}

	/**
	 * Starts the built services one after the other: on two cores, services starting
	 * together take longer than one at a time.
	 */
	void startAll(Deque<AutoCloseable> running) {
		for (String module : MODULES) {
			Optional<Path> jar = ExecutableJars.of(module);
			if (jar.isEmpty()) {
				this.progress.accept(module + ": not built (no executable jar), skipped");
				continue;
			}
			start(module, jar.get(), arguments(module), secrets(module), running);
			if (module.equals("gateway") && this.options.secondGatewayPort() != null) {
				start(SECOND_GATEWAY, jar.get(),
						withPort(concat(gatewayArguments(), List.of("--ferry.gateway.node-id=" + SECOND_GATEWAY)),
								this.options.secondGatewayPort()),
						secrets(module), running);
			}
		}
	}

	/**
	 * Starts one service. A child JVM gets its secrets in its environment, where other
	 * users of the machine cannot list them as they can a command line; a service in this
	 * JVM gets them as arguments, which never leave it.
	 */
	private void start(String name, Path jar, List<String> serviceArguments, Map<String, String> secrets,
			Deque<AutoCloseable> running) {
		Path logs = this.options.dataDirectory().resolve("logs");
		if (this.options.separateProcesses()) {
			Map<String, String> environment = new LinkedHashMap<>();
			secrets.forEach((setting, value) -> environment.put(RequiredSettings.environmentVariable(setting), value));
			ServiceProcess service = ServiceProcess.start(name, jar, JvmOptions.service(), serviceArguments,
					environment, logs);
			running.push(service);
			service.awaitStarted(STARTUP_TIMEOUT);
			this.progress.accept(name + " started as process " + service.pid() + " (log: " + service.log() + ")");
		}
		else {
			Path log = logs.resolve(name + ".log");
			List<String> arguments = Stream
				.of(serviceArguments.stream(), secrets.entrySet().stream().map(Services::argument),
						// The stack's console is the stack's own: each service logs to
						// its
						// file.
						Stream.of("--logging.file.name=" + log, "--logging.threshold.console=OFF",
								"--spring.main.banner-mode=off"))
				.flatMap((part) -> part)
				.toList();
			running.push(InProcessService.start(name, jar, arguments));
			this.progress.accept(name + " started in this JVM (log: " + log + ")");
		}
	}

	/** The command line a service starts with, but its secrets. */
	List<String> arguments(String module) {
		List<String> common = common();
		return switch (module) {
			case "gateway" -> withPort(gatewayArguments(), this.options.gatewayPort());
			case "persistence-worker" -> withPort(concat(common,
					List.of("--spring.datasource.username=" + this.endpoints.persistence().user(),
							// It migrates the schema before consuming: as the owner.
							"--spring.flyway.user=" + this.endpoints.owner().user())),
					PERSISTENCE_WORKER_PORT);
			case "delivery-worker" -> withPort(common, DELIVERY_WORKER_PORT);
			default -> common;
		};
	}

	/** A service's passwords, keys and tokens, by setting. */
	Map<String, String> secrets(String module) {
		return switch (module) {
			case "gateway" -> Map.of("spring.datasource.password", this.endpoints.gateway().password(),
					"ferry.attachments.storage.access-key", this.endpoints.s3Credentials().accessKey(),
					"ferry.attachments.storage.secret-key", this.endpoints.s3Credentials().secretKey(),
					"ferry.metrics.scrape-token", this.endpoints.scrapeToken());
			case "persistence-worker" -> Map.of("spring.datasource.password", this.endpoints.persistence().password(),
					"spring.flyway.password", this.endpoints.owner().password());
			default -> Map.of();
		};
	}

	private List<String> common() {
		return concat(List.of("--spring.kafka.bootstrap-servers=" + this.endpoints.kafkaBootstrap(),
				"--spring.datasource.url=" + this.endpoints.jdbcUrl()), tracing());
	}

	/** A gateway node's command line, but its port and its secrets. */
	private List<String> gatewayArguments() {
		return concat(common(), List.of("--spring.datasource.username=" + this.endpoints.gateway().user(),
				// Where the gateway keeps attachments: the embedded S3 server's
				// bucket.
				"--ferry.attachments.storage.endpoint=" + this.endpoints.s3(),
				"--ferry.attachments.storage.bucket=" + DevStack.BUCKET,
				"--server.address=" + this.options.gatewayAddress()));
	}

	/**
	 * Each service keeps its latest spans for {@code /actuator/spans}, so a developer
	 * sees a trace without a collector; with {@code --trace-all} every message is traced
	 * and each span printed in the service's log.
	 */
	private List<String> tracing() {
		List<String> kept = List.of("--ferry.tracing.kept-spans=" + DevStack.KEPT_SPANS);
		return this.options.traceAll()
				? concat(kept,
						List.of("--management.tracing.sampling.probability=1.0", "--ferry.tracing.print-spans=true"))
				: kept;
	}

	private static String argument(Map.Entry<String, String> setting) {
		return "--" + setting.getKey() + "=" + setting.getValue();
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		return Stream.of(parts).flatMap(List::stream).toList();
	}

	private static List<String> withPort(List<String> arguments, int port) {
		return Stream.concat(arguments.stream(), Stream.of("--server.port=" + port)).toList();
	}

}
