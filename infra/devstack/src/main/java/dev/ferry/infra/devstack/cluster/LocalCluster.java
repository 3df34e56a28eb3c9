package dev.ferry.infra.devstack.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ferry.infra.devstack.DatabaseLogin;
import dev.ferry.infra.devstack.DemoUsers;
import dev.ferry.infra.devstack.DevStack;
import dev.ferry.infra.devstack.JvmOptions;
import dev.ferry.infra.devstack.ServiceProcess;
import dev.ferry.infra.devstack.ServiceRoles;
import dev.ferry.infra.devstack.StackCredentials;
import dev.ferry.infra.embedded.ClusterBroker;
import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.EmbeddedS3;
import dev.ferry.infra.embedded.KafkaCredentials;
import dev.ferry.infra.embedded.SchemaMigrator;
import dev.ferry.infra.embedded.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A production-shaped Ferry on one machine: three Kafka nodes (each broker and
 * controller, a process each) with SASL/SCRAM, ACLs per service and topics replicated
 * three times with {@code min.insync.replicas=2}; PostgreSQL and S3 with passwords and
 * keys of its own, as the one-JVM stack's; two gateways, two persistence workers and two
 * delivery workers, each a process of its own. Any process can be killed, stopped and
 * started again; {@code processes.json} always lists the current pids.
 */
public final class LocalCluster implements AutoCloseable {

	/** Copies of each partition. */
	public static final int REPLICATION_FACTOR = 3;

	/** Copies that must have a record before it counts as written. */
	public static final int MIN_INSYNC_REPLICAS = 2;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);

	private final ClusterOptions options;

	private final Consumer<String> progress;

	private final KafkaCredentials credentials;

	private final StackCredentials stackCredentials;

	private final Map<String, ClusterProcess> processes = new LinkedHashMap<>();

	private final String bootstrapServers;

	private EmbeddedPostgresServer postgres;

	private EmbeddedS3 s3;

	private LocalCluster(ClusterOptions options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
		// Kafka's passwords and the rest of the cluster's secrets share one file.
		this.credentials = KafkaCredentials.loadOrCreate(options.directory().resolve(StackCredentials.FILE));
		this.stackCredentials = StackCredentials.keep(options.directory());
		this.bootstrapServers = options.brokerPorts()
			.stream()
			.map((port) -> "127.0.0.1:" + port)
			.collect(Collectors.joining(","));
	}

	/** Starts every process and waits until each serves. */
	public static LocalCluster start(ClusterOptions options, Consumer<String> progress) {
		LocalCluster cluster = new LocalCluster(options, progress);
		try {
			cluster.startPostgres();
			cluster.startS3();
			cluster.startKafka();
			cluster.startServices();
			cluster.writeFiles();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private void startPostgres() {
		DatabaseLogin owner = owner();
		this.postgres = EmbeddedPostgresServer.start(this.options.directory().resolve("postgres"),
				this.options.postgresPort(), owner.password());
		int applied = SchemaMigrator.migrate(jdbcUrl(), owner.user(), owner.password());
		ServiceRoles.allowLogin(jdbcUrl(), owner, this.stackCredentials.gateway(), this.stackCredentials.persistence());
		int seeded = DemoUsers.seed(jdbcUrl(), owner.user(), owner.password());
		this.progress.accept(
				"PostgreSQL ready at " + jdbcUrl() + " (" + applied + " migrations, " + seeded + " demo users added)");
	}

	/** The same in-process S3 server as the one-JVM stack's, for the gateways' files. */
	private void startS3() {
		this.s3 = EmbeddedS3.start(this.options.directory().resolve("s3"), this.options.s3Port(),
				this.stackCredentials.s3(), DevStack.BUCKET);
		this.progress.accept("S3 ready at " + this.s3.endpoint() + " (bucket " + DevStack.BUCKET + ")");
	}

	private void startKafka() {
		String clusterId = clusterId();
		String voters = IntStream.range(0, this.options.brokerPorts().size())
			.mapToObj((index) -> (index + 1) + "@127.0.0.1:" + this.options.controllerPorts().get(index))
			.collect(Collectors.joining(","));
		List<ClusterProcess> brokers = new ArrayList<>();
		for (int index = 0; index < this.options.brokerPorts().size(); index++) {
			brokers.add(broker(index + 1, this.options.brokerPorts().get(index),
					this.options.controllerPorts().get(index), voters, clusterId));
		}
		launchAndAwait(brokers);
		awaitBrokers(brokers.size());
		List<String> created = new TopicProvisioner(adminConfig(), Duration.ofSeconds(60)).provision(REPLICATION_FACTOR,
				MIN_INSYNC_REPLICAS);
		AccessRules.apply(adminConfig());
		this.progress.accept("Kafka ready at " + this.bootstrapServers + " (" + created.size()
				+ " topics created, replication factor " + REPLICATION_FACTOR + ", min.insync.replicas "
				+ MIN_INSYNC_REPLICAS + "; SASL/SCRAM, ACLs per service)");
	}

	private ClusterProcess broker(int nodeId, int port, int controllerPort, String voters, String clusterId) {
		String name = "broker-" + nodeId;
		List<String> command = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-XX:+UseParallelGC",
				"-XX:ParallelGCThreads=1", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				ClusterBroker.class.getName(), String.valueOf(nodeId), String.valueOf(port),
				String.valueOf(controllerPort), voters, this.options.directory().resolve("kafka-" + nodeId).toString(),
				clusterId, this.options.directory().resolve(StackCredentials.FILE).toString()));
		return add(new ClusterProcess("broker", name, Map.of("client", port, "controller", controllerPort),
				ClusterBroker.READY, () -> ServiceProcess.java(name, command, Map.of(), logs())));
	}

	private void awaitBrokers(int count) {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		try (Admin admin = Admin.create(adminConfig())) {
			while (admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size() < count) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Fewer than " + count + " Kafka nodes joined within " + STARTUP_TIMEOUT.toSeconds() + " s");
				}
				Thread.sleep(200);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while Kafka started", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer: " + ex.getMessage(), ex);
		}
	}

	private void startServices() {
		List<ClusterProcess> services = new ArrayList<>();
		for (int index = 0; index < this.options.persistenceWorkerPorts().size(); index++) {
			services.add(persistenceWorker(index + 1, this.options.persistenceWorkerPorts().get(index)));
		}
		for (int index = 0; index < this.options.deliveryWorkerPorts().size(); index++) {
			services.add(service(ClusterOptions.DELIVERY_WORKER, index + 1,
					this.options.deliveryWorkerPorts().get(index), List.of(), Map.of()));
		}
		for (int index = 0; index < this.options.gatewayPorts().size(); index++) {
			services.add(gateway(index + 1, this.options.gatewayPorts().get(index)));
		}
		launchAndAwait(services);
		this.progress.accept(services.size() + " services started");
	}

	/**
	 * Adds a persistence worker with the next number, started and serving: its group
	 * rebalances.
	 */
	public String addPersistenceWorker(int healthPort) {
		long existing = this.processes.values()
			.stream()
			.filter((process) -> process.role().equals(ClusterOptions.PERSISTENCE_WORKER))
			.count();
		ClusterProcess worker = persistenceWorker((int) existing + 1, healthPort);
		launchAndAwait(List.of(worker));
		writeFiles();
		return worker.name();
	}

	private ClusterProcess persistenceWorker(int number, int port) {
		// It migrates the schema before consuming: as the owner.
		return service(ClusterOptions.PERSISTENCE_WORKER, number, port, List.of(),
				Map.of("SPRING_DATASOURCE_USERNAME", this.stackCredentials.persistence().user(),
						"SPRING_DATASOURCE_PASSWORD", this.stackCredentials.persistence().password(),
						"SPRING_FLYWAY_USER", owner().user(), "SPRING_FLYWAY_PASSWORD", owner().password()));
	}

	private ClusterProcess gateway(int number, int port) {
		// The demo users' password is public: this machine only, as the one-JVM stack.
		return service(ClusterOptions.GATEWAY, number, port,
				List.of("--server.address=127.0.0.1", "--ferry.gateway.node-id=gateway-" + number,
						"--ferry.gateway.heartbeat-interval=" + this.options.heartbeatInterval().toMillis() + "ms"),
				Map.of("SPRING_DATASOURCE_USERNAME", this.stackCredentials.gateway().user(),
						"SPRING_DATASOURCE_PASSWORD", this.stackCredentials.gateway().password(),
						"FERRY_ATTACHMENTS_STORAGE_ENDPOINT", this.s3.endpoint(), "FERRY_ATTACHMENTS_STORAGE_BUCKET",
						DevStack.BUCKET, "FERRY_ATTACHMENTS_STORAGE_ACCESS_KEY", this.stackCredentials.s3().accessKey(),
						"FERRY_ATTACHMENTS_STORAGE_SECRET_KEY", this.stackCredentials.s3().secretKey(),
						"FERRY_METRICS_SCRAPE_TOKEN", this.stackCredentials.scrapeToken()));
	}

	private ClusterProcess service(String module, int number, int port, List<String> arguments,
			Map<String, String> databaseLogin) {
		String name = module + "-" + number;
		List<String> command = new ArrayList<>(
				List.of("--server.port=" + port, "--ferry.topics.replication-factor=" + REPLICATION_FACTOR,
						"--ferry.topics.min-insync-replicas=" + MIN_INSYNC_REPLICAS));
		command.addAll(arguments);
		command.addAll(this.options.extraArguments(module));
		// Secrets go in the environment, where other users of the machine cannot list
		// them.
		Map<String, String> environment = new HashMap<>(databaseLogin);
		environment.put("SPRING_DATASOURCE_URL", jdbcUrl());
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.bootstrapServers);
		// The client settings of the service's user, as spring.kafka.properties.*.
		clientConfig(userOf(module)).forEach((key, value) -> environment
			.put("SPRING_KAFKA_PROPERTIES_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), String.valueOf(value)));
		Path jar = this.options.jars().get(module);
		if (jar == null) {
			throw new IllegalStateException(module + " is not built (no executable jar); run ./mvnw -q -Pcluster");
		}
		List<String> jvm = new ArrayList<>(List.of(JvmOptions.withMaxHeap("384m").split(" ")));
		// C1 only: ten JVMs start on two cores in a third of the time.
		jvm.add("-XX:TieredStopAtLevel=1");
		return add(new ClusterProcess(module, name, Map.of("http", port), "Started ",
				() -> ServiceProcess.start(name, jar, jvm, command, environment, logs())));
	}

	private static String userOf(String module) {
		return switch (module) {
			case ClusterOptions.GATEWAY -> KafkaCredentials.GATEWAY;
			case ClusterOptions.PERSISTENCE_WORKER -> KafkaCredentials.PERSISTENCE;
			case ClusterOptions.DELIVERY_WORKER -> KafkaCredentials.DELIVERY;
			default -> throw new IllegalArgumentException(module);
		};
	}

	private ClusterProcess add(ClusterProcess process) {
		this.processes.put(process.name(), process);
		return process;
	}

	private static void launchAndAwait(List<ClusterProcess> processes) {
		processes.forEach(ClusterProcess::launch);
		CompletableFuture
			.allOf(processes.stream()
				.map((process) -> CompletableFuture.runAsync(() -> process.awaitReady(STARTUP_TIMEOUT)))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	/** Kills the process as {@code kill -9} would. */
	public void kill(String name) {
		process(name).kill();
		writeFiles();
	}

	/** Stops the process cleanly (SIGTERM). */
	public void stop(String name) {
		process(name).stop();
		writeFiles();
	}

	/**
	 * Starts a killed or stopped process again with its command, and waits until it
	 * serves.
	 */
	public void restart(String name) {
		launchAndAwait(List.of(process(name)));
		writeFiles();
	}

	/** The last lines the process logged. */
	public String logTail(String name) {
		return process(name).current().logTail(100);
	}

	/** Stops PostgreSQL (a fast shutdown: every connection is cut). */
	public void stopDatabase() {
		this.postgres.close();
		this.postgres = null;
		writeFiles();
	}

	/** Starts PostgreSQL again on its port, with its data. */
	public void startDatabase() {
		this.postgres = EmbeddedPostgresServer.start(this.options.directory().resolve("postgres"),
				this.options.postgresPort(), owner().password());
		writeFiles();
	}

	private ClusterProcess process(String name) {
		ClusterProcess process = this.processes.get(name);
		if (process == null) {
			throw new IllegalArgumentException("No process named " + name + " in " + this.processes.keySet());
		}
		return process;
	}

	/** Every process, as {@code processes.json} lists them. */
	public List<Member> members() {
		List<Member> members = new ArrayList<>();
		members.add(new Member("postgres", "postgres", postgresPid(), Map.of("sql", this.options.postgresPort())));
		this.processes.values().forEach((process) -> members.add(process.member()));
		return members;
	}

	private long postgresPid() {
		Path pidFile = this.options.directory().resolve("postgres").resolve("postmaster.pid");
		try {
			return (this.postgres != null && Files.exists(pidFile))
					? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private synchronized void writeFiles() {
		try {
			Files.createDirectories(this.options.directory());
			Files.writeString(this.options.directory().resolve("processes.json"),
					"[\n  " + members().stream().map(Member::toJson).collect(Collectors.joining(",\n  ")) + "\n]\n");
			// The operator's password: readable by the cluster's owner only.
			if (!Files.exists(adminProperties())) {
				Files.createFile(adminProperties(),
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(adminProperties(), """
					# The operator's Kafka login for the stock CLI tools, e.g.
					# kafka-topics.sh --bootstrap-server %s --command-config %s --describe
					bootstrap.servers=%s
					security.protocol=SASL_PLAINTEXT
					sasl.mechanism=%s
					sasl.jaas.config=%s
					""".formatted(this.bootstrapServers, adminProperties(), this.bootstrapServers,
					KafkaCredentials.MECHANISM, this.credentials.jaasConfig(KafkaCredentials.ADMIN)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the cluster's files in " + this.options.directory(), ex);
		}
	}

	public Path processesFile() {
		return this.options.directory().resolve("processes.json");
	}

	public Path adminProperties() {
		return this.options.directory().resolve("admin.properties");
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	public KafkaCredentials credentials() {
		return this.credentials;
	}

	/** Its database logins, S3 keys and scrape token. */
	public StackCredentials stackCredentials() {
		return this.stackCredentials;
	}

	/** A Kafka client configuration for one of the cluster's users. */
	public Map<String, Object> clientConfig(String user) {
		return this.credentials.clientConfig(user, this.bootstrapServers);
	}

	private Map<String, Object> adminConfig() {
		return clientConfig(KafkaCredentials.ADMIN);
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.options.postgresPort() + "/" + EmbeddedPostgresServer.DATABASE;
	}

	public DatabaseLogin owner() {
		return this.stackCredentials.owner();
	}

	private Path logs() {
		return this.options.directory().resolve("logs");
	}

	private String clusterId() {
		Path file = this.options.directory().resolve("cluster-id");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, Uuid.randomUuid().toString());
			}
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the cluster id in " + file, ex);
		}
	}

	/** Stops the services, then Kafka, then PostgreSQL and S3, each side by side. */
	@Override
	public void close() {
		stopAll("gateway", "persistence-worker", "delivery-worker");
		stopAll("broker");
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
		if (this.s3 != null) {
			try {
				this.s3.close();
			}
			catch (Exception ex) {
				// Stopping: its files are on disk, whatever its server did.
			}
			this.s3 = null;
		}
	}

	private void stopAll(String... roles) {
		List<String> stopping = List.of(roles);
		CompletableFuture
			.allOf(this.processes.values()
				.stream()
				.filter((process) -> stopping.contains(process.role()) && process.isAlive())
				.map((process) -> CompletableFuture.runAsync(process::stop))
				.toArray(CompletableFuture[]::new))
			.join();
	}

}
