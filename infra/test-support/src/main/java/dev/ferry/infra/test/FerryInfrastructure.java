package dev.ferry.infra.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.ferry.infra.embedded.EmbeddedS3;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.DataDirectory;
import dev.ferry.infra.embedded.S3Credentials;
import dev.ferry.infra.embedded.SchemaMigrator;
import dev.ferry.infra.embedded.TopicProvisioner;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;

/**
 * A real Kafka with the topic catalogue, a real, migrated PostgreSQL and a real S3 server
 * (s3proxy over a temporary directory), started once per JVM and shared by every
 * integration test in it. The embedded PostgreSQL and S3 server get passwords and keys
 * made up for the run, as the stack's are made up for its data directory. Tests isolate
 * themselves with {@link #truncateTables()} and {@link #uniqueGroupId(String)}.
 */
public final class FerryInfrastructure {

	/** Ferry's tables, children first, so that truncation never trips a foreign key. */
	/** How long the JVM may take to start its shutdown hooks, Spring's among them. */
	private static final Duration HOOKS_START = Duration.ofMillis(200);

	/**
	 * Longest wait for the contexts to close; Surefire kills a JVM that has not exited 30
	 * s after the tests.
	 */
	private static final Duration CONTEXTS_CLOSE = Duration.ofSeconds(20);

	private static final List<String> TABLES = List.of("processed_commands", "message_attachments", "messages",
			"conversation_members", "conversations", "users", "spring_session_attributes", "spring_session");

	/** The bucket uploads go to in tests. */
	public static final String BUCKET = "ferry-test";

	private static FerryInfrastructure instance;

	private final RunningKafka kafka;

	private final RunningDatabase database;

	private final Path s3Directory;

	private final String s3Endpoint;

	private final S3Credentials s3Credentials;

	private EmbeddedS3 s3;

	private FerryInfrastructure(RunningKafka kafka, RunningDatabase database, EmbeddedS3 s3, Path s3Directory) {
		this.kafka = kafka;
		this.database = database;
		this.s3 = s3;
		this.s3Directory = s3Directory;
		this.s3Endpoint = s3.endpoint();
		this.s3Credentials = s3.credentials();
	}

	/** The shared infrastructure, started on first use. */
	public static synchronized FerryInfrastructure get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	private static FerryInfrastructure start() {
		Map<String, String> environment = System.getenv();
		boolean docker = dockerAvailable(environment);
		RunningKafka kafka;
		RunningDatabase database;
		EmbeddedS3 s3;
		Path s3Directory;
		try {
			kafka = InfrastructureStarter
				.kafka(InfrastructureSource.choose(environment, InfrastructureSource.KAFKA_VARIABLE, docker));
			database = InfrastructureStarter
				.database(InfrastructureSource.choose(environment, InfrastructureSource.JDBC_VARIABLE, docker));
			s3Directory = Files.createTempDirectory("ferry-test-s3");
			s3 = EmbeddedS3.start(s3Directory, Ports.findFree(), S3Credentials.generate(), BUCKET);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Test infrastructure did not start: " + ex.getMessage(), ex);
		}
		new TopicProvisioner(kafka.bootstrapServers(), Duration.ofSeconds(30)).provision();
		SchemaMigrator.migrate(database.jdbcUrl(), database.username(), database.password());
		FerryInfrastructure infrastructure = new FerryInfrastructure(kafka, database, s3, s3Directory);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(infrastructure::stopAfterApplications, "ferry-test-infrastructure-stop"));
		return infrastructure;
	}

	private static boolean dockerAvailable(Map<String, String> environment) {
		boolean bothExternal = environment.containsKey(InfrastructureSource.KAFKA_VARIABLE)
				&& environment.containsKey(InfrastructureSource.JDBC_VARIABLE);
		return !bothExternal && DockerClientFactory.instance().isDockerAvailable();
	}

	/**
	 * Stops the servers once the tests' application contexts have closed. Spring closes
	 * them in a shutdown hook of its own, which the JVM starts alongside this one (if any
	 * test started one): a server stopped under a closing context leaves its clients
	 * waiting for connections until the JVM is killed.
	 */
	private void stopAfterApplications() {
		Optional<Thread> contextsClosing = springShutdownHook();
		if (contextsClosing.isPresent()) {
			try {
				contextsClosing.get().join(CONTEXTS_CLOSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		stop();
	}

	/** Spring's shutdown hook, given the moment the JVM takes to start every hook. */
	private static Optional<Thread> springShutdownHook() {
		long deadline = System.nanoTime() + HOOKS_START.toNanos();
		do {
			Optional<Thread> hook = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("SpringApplicationShutdownHook"))
				.findFirst();
			if (hook.isPresent()) {
				return hook;
			}
			Thread.onSpinWait();
		}
		while (System.nanoTime() < deadline);
		return Optional.empty();
	}

	private synchronized void stop() {
		for (AutoCloseable stopper : List.of(this.kafka.stopper(), this.database.stopper(), this.s3)) {
			try {
				stopper.close();
			}
			catch (Exception ex) {
				// The JVM is exiting; a server that does not stop cleanly is gone with
				// it.
			}
		}
		DataDirectory.wipe(this.s3Directory);
	}

	public String kafkaBootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	public InfrastructureSource kafkaSource() {
		return this.kafka.source();
	}

	public String jdbcUrl() {
		return this.database.jdbcUrl();
	}

	public String jdbcUsername() {
		return this.database.username();
	}

	public String jdbcPassword() {
		return this.database.password();
	}

	public InfrastructureSource databaseSource() {
		return this.database.source();
	}

	/** A new, unpooled data source for the test database. */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(this.database.jdbcUrl());
		dataSource.setUser(this.database.username());
		dataSource.setPassword(this.database.password());
		return dataSource;
	}

	/** The endpoint of the S3 server, whose bucket {@link #BUCKET} uploads go to. */
	public String s3Endpoint() {
		return this.s3Endpoint;
	}

	/**
	 * Stops the S3 server, as a file store that does not answer, until the outage is
	 * closed: it then starts again on the same port, with the objects it held.
	 */
	public synchronized S3Outage stopS3() {
		try {
			this.s3.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("The S3 server did not stop: " + ex.getMessage(), ex);
		}
		return this::restartS3;
	}

	private synchronized void restartS3() {
		this.s3 = EmbeddedS3.start(this.s3Directory, URI.create(this.s3Endpoint).getPort(), this.s3Credentials, BUCKET);
	}

	/** The S3 server stopped, until this is closed. */
	@FunctionalInterface
	public interface S3Outage extends AutoCloseable {

		/** Starts the server again. */
		@Override
		void close();

	}

	/** Properties that point a Spring Boot application at this infrastructure. */
	public Map<String, String> springProperties() {
		return Map.of("spring.kafka.bootstrap-servers", kafkaBootstrapServers(), "spring.datasource.url", jdbcUrl(),
				"spring.datasource.username", jdbcUsername(), "spring.datasource.password", jdbcPassword(),
				"ferry.attachments.storage.endpoint", s3Endpoint(), "ferry.attachments.storage.bucket", BUCKET,
				"ferry.attachments.storage.access-key", this.s3Credentials.accessKey(),
				"ferry.attachments.storage.secret-key", this.s3Credentials.secretKey());
	}

	/** Empties every Ferry table, so a test starts from a known database. */
	public void truncateTables() {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("truncate table " + String.join(", ", TABLES) + " cascade");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot truncate the test database: " + ex.getMessage(), ex);
		}
	}

	/** A consumer group id no other test uses. */
	public static String uniqueGroupId(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
