package dev.ferry.infra.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.ferry.infra.embedded.DataDirectory;
import dev.ferry.infra.embedded.EmbeddedKafka;
import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.EmbeddedS3;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.SchemaMigrator;
import dev.ferry.infra.embedded.TopicProvisioner;
import org.flywaydb.core.api.FlywayException;

/**
 * Runs the whole system on one machine: Kafka and PostgreSQL (embedded, or external
 * ones), the topic catalogue, the migrations, the demo users, then every service that has
 * been built. Ctrl-C stops everything.
 */
public final class DevStack {

	private static final int DEFAULT_POSTGRES_PORT = 5432;

	/**
	 * The bucket the stack's gateways keep attachments in, one JVM or a local cluster.
	 */
	public static final String BUCKET = "ferry-attachments";

	/** The spans each service of the stack keeps for {@code /actuator/spans}. */
	static final int KEPT_SPANS = 1000;

	private final StackOptions options;

	private final Deque<AutoCloseable> running = new ArrayDeque<>();

	private final long startedAt = System.nanoTime();

	private String kafkaBootstrap;

	private String jdbcUrl;

	private String s3Endpoint;

	private StackCredentials credentials;

	private DatabaseLogin owner;

	private DatabaseLogin gatewayLogin;

	private DatabaseLogin persistenceLogin;

	private DevStack(StackOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws InterruptedException {
		StackOptions options;
		try {
			options = StackOptions.parse(List.of(args), System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		DevStack stack = new DevStack(options);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "ferry-stack-stop"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println();
			System.err.println("Ferry did not start: " + ex.getMessage());
			System.exit(1);
		}
		new CountDownLatch(1).await();
	}

	private void start() {
		if (this.options.fresh()) {
			DataDirectory.wipe(this.options.dataDirectory());
			step("Wiped " + this.options.dataDirectory());
		}
		requirePortsFree();
		this.credentials = StackCredentials.keep(this.options.dataDirectory());
		startDatabase();
		startKafka();
		startS3();
		if (this.options.startServices()) {
			new Services(this.options, new Endpoints(this.kafkaBootstrap, this.jdbcUrl, this.owner, this.gatewayLogin,
					this.persistenceLogin, this.s3Endpoint, this.credentials.s3(), this.credentials.scrapeToken()),
					this::step)
				.startAll(this.running);
		}
		printBanner();
	}

	/** Checks every fixed port first, so a clash fails before anything has started. */
	private void requirePortsFree() {
		if (this.options.externalKafka() == null) {
			Ports.requireFree("Kafka", this.options.kafkaPort());
			Ports.requireFree("Kafka controller", this.options.kafkaControllerPort());
		}
		if (this.options.externalJdbcUrl() == null && this.options.postgresPort() != null) {
			Ports.requireFree("PostgreSQL", this.options.postgresPort());
		}
		Ports.requireFree("S3", this.options.s3Port());
		if (this.options.startServices()) {
			Ports.requireFree("The gateway", this.options.gatewayPort());
			Ports.requireFree("The persistence worker", Services.PERSISTENCE_WORKER_PORT);
			Ports.requireFree("The delivery worker", Services.DELIVERY_WORKER_PORT);
		}
	}

	private void startDatabase() {
		if (this.options.externalJdbcUrl() != null) {
			this.jdbcUrl = this.options.externalJdbcUrl();
			this.owner = new DatabaseLogin(this.options.jdbcUser(), this.options.jdbcPassword());
		}
		else {
			EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(
					this.options.dataDirectory().resolve("postgres"), postgresPort(),
					this.credentials.owner().password());
			this.running.push(postgres);
			// Each service logs in as its own role, which a user in the URL would
			// override.
			this.jdbcUrl = postgres.jdbcUrlWithoutUser();
			this.owner = this.credentials.owner();
		}
		try {
			int applied = SchemaMigrator.migrate(this.jdbcUrl, this.owner.user(), this.owner.password());
			step("PostgreSQL ready at " + this.jdbcUrl + " (" + applied + " migrations applied)");
		}
		catch (FlywayException ex) {
			String reason = ex.getMessage().lines().findFirst().orElse("");
			throw new IllegalStateException("PostgreSQL at " + this.jdbcUrl + " is not usable: " + reason, ex);
		}
		if (this.options.externalJdbcUrl() != null) {
			// The operator's database: its logins are the operator's to give.
			this.gatewayLogin = this.owner;
			this.persistenceLogin = this.owner;
		}
		else {
			this.gatewayLogin = this.credentials.gateway();
			this.persistenceLogin = this.credentials.persistence();
			ServiceRoles.allowLogin(this.jdbcUrl, this.owner, this.gatewayLogin, this.persistenceLogin);
			step("Services log in as " + this.gatewayLogin.user() + " and " + this.persistenceLogin.user()
					+ " (only the rights they need); migrations as " + this.owner.user() + "; passwords in "
					+ credentialsFile());
		}
		int seeded = DemoUsers.seed(this.jdbcUrl, this.owner.user(), this.owner.password());
		step("Demo users: " + seeded + " added, " + (DemoUsers.USERS.size() - seeded) + " already there");
	}

	private int postgresPort() {
		if (this.options.postgresPort() != null) {
			return this.options.postgresPort();
		}
		if (Ports.isFree(DEFAULT_POSTGRES_PORT)) {
			return DEFAULT_POSTGRES_PORT;
		}
		int port = Ports.findFree();
		step("Port " + DEFAULT_POSTGRES_PORT + " is taken; embedded PostgreSQL uses " + port);
		return port;
	}

	private void startKafka() {
		if (this.options.externalKafka() != null) {
			this.kafkaBootstrap = this.options.externalKafka();
		}
		else {
			EmbeddedKafka kafka = EmbeddedKafka.start(this.options.dataDirectory().resolve("kafka"),
					this.options.kafkaPort(), this.options.kafkaControllerPort());
			this.running.push(kafka);
			this.kafkaBootstrap = kafka.bootstrapServers();
		}
		List<String> created = new TopicProvisioner(this.kafkaBootstrap, Duration.ofSeconds(15)).provision();
		step("Kafka ready at " + this.kafkaBootstrap + " (" + created.size() + " topics created)");
	}

	private void startS3() {
		Path objects = this.options.dataDirectory().resolve("s3");
		EmbeddedS3 s3 = EmbeddedS3.start(objects, this.options.s3Port(), this.credentials.s3(), BUCKET);
		this.running.push(s3);
		this.s3Endpoint = s3.endpoint();
		step("S3 ready at " + this.s3Endpoint + " (bucket " + BUCKET + ", objects in " + objects + ")");
	}

	private void printBanner() {
		String url = "http://localhost:" + this.options.gatewayPort() + "/";
		if (this.options.secondGatewayPort() != null) {
			url += " and http://localhost:" + this.options.secondGatewayPort() + "/ (" + Services.SECOND_GATEWAY + ")";
		}
		System.out.printf("""

				Ferry is running (started in %.1f s).
				  Chat:        %s   %s
				  Demo login:  superadmin@maritime.com / %s   (also admin@, owner@maritime.com)
				  Kafka:       %s   e.g. kafka-topics.sh --bootstrap-server %s --list
				  PostgreSQL:  %s
				  S3:          %s   bucket %s (attachments), access key %s, secret key %s
				  Metrics:     http://localhost:%d/actuator/prometheus (Bearer %s), :%d and :%d too;
				               prometheus --config.file=infra/observability/prometheus.yml scrapes all three
				  Traces:      %s; the last %d spans of each service at /actuator/spans
				  Credentials: %s   (made at the first start; --fresh makes new ones)
				  Data:        %s   (start with --fresh to wipe)
				  Logs:        %s
				Press Ctrl-C to stop.
				%n""", seconds(), url, listening(), DemoUsers.PASSWORD, this.kafkaBootstrap, this.kafkaBootstrap,
				database(), this.s3Endpoint, BUCKET, this.credentials.s3().accessKey(),
				this.credentials.s3().secretKey(), this.options.gatewayPort(), this.credentials.scrapeToken(),
				Services.PERSISTENCE_WORKER_PORT, Services.DELIVERY_WORKER_PORT,
				this.options.traceAll() ? "every message, each span in the logs (grep its trace id)"
						: "1 message in 10 (--trace-all: every one, in the logs)",
				KEPT_SPANS, credentialsFile(), this.options.dataDirectory(),
				this.options.dataDirectory().resolve("logs"));
	}

	/**
	 * The database and how to log in to it: with the generated passwords, or, for the
	 * operator's own database, as the operator does.
	 */
	private String database() {
		String psql = "psql -h 127.0.0.1 -p " + portOf(this.jdbcUrl) + " -U " + this.owner.user() + " ferry";
		if (this.options.externalJdbcUrl() != null) {
			return this.jdbcUrl + "   e.g. " + psql;
		}
		return this.jdbcUrl + "   e.g. PGPASSWORD=" + this.owner.password() + " " + psql + "\n"
				+ "               logins: " + login(this.owner) + " (owner, migrations), " + login(this.gatewayLogin)
				+ ", " + login(this.persistenceLogin);
	}

	private static String login(DatabaseLogin login) {
		return login.user() + " / " + login.password();
	}

	private Path credentialsFile() {
		return this.options.dataDirectory().resolve(StackCredentials.FILE);
	}

	/** Where the gateway can be reached from, as the banner says it. */
	private String listening() {
		String address = this.options.gatewayAddress();
		return StackOptions.LOOPBACK.equals(address) ? "(this machine only; --gateway-address=0.0.0.0 to share it)"
				: "(listening on " + address + ": anyone who reaches it can log in as the demo users)";
	}

	private static String portOf(String jdbcUrl) {
		String afterHost = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
		int colon = afterHost.indexOf(':');
		int slash = afterHost.indexOf('/');
		return (colon >= 0 && colon < slash) ? afterHost.substring(colon + 1, slash) : "5432";
	}

	private void step(String message) {
		System.out.printf("[%5.1f s] %s%n", seconds(), message);
	}

	private double seconds() {
		return (System.nanoTime() - this.startedAt) / 1e9;
	}

	private synchronized void stop() {
		while (!this.running.isEmpty()) {
			try {
				this.running.pop().close();
			}
			catch (Exception ex) {
				System.err.println("While stopping: " + ex.getMessage());
			}
		}
	}

}
