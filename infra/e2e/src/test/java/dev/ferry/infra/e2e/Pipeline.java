package dev.ferry.infra.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.devstack.ServiceProcess;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.Secrets;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.Browser;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline as it is deployed, once per test run: the persistence worker, the
 * delivery worker and two gateway nodes, each its executable jar in a process of its own,
 * on the test run's broker and database. Stopped by {@link PipelineExtension} when the
 * run ends, before the broker and the database go.
 */
final class Pipeline implements AutoCloseable {

	static final String PASSWORD = "test123";

	private static final String PASSWORD_HASH = new BCryptPasswordEncoder().encode(PASSWORD);

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

	/**
	 * Short so that tests of presence do not wait long; the protocol allows up to 10 s.
	 */
	static final Duration OFFLINE_DELAY = Duration.ofSeconds(1);

	private final FerryInfrastructure infrastructure;

	private final DSLContext dsl;

	private final List<Gateway> gateways = new ArrayList<>();

	private final List<ServiceProcess> processes = new ArrayList<>();

	/** Most message frames one sync replays on the pipeline's gateways. */
	static final int SYNC_REPLAY_FRAMES = 20;

	/**
	 * What Prometheus sends the pipeline's gateways to scrape them, made up for the run.
	 */
	static final String SCRAPE_TOKEN = Secrets.generate();

	/**
	 * Every trace recorded, and its spans kept where the tests read them, handed over
	 * within a tenth of a second of their end.
	 */
	private static final List<String> TRACING = List.of("--management.tracing.sampling.probability=1.0",
			"--ferry.tracing.kept-spans=5000", "--management.opentelemetry.tracing.export.schedule-delay=100ms");

	private int persistencePort;

	private int deliveryPort;

	private Pipeline(FerryInfrastructure infrastructure) {
		this.infrastructure = infrastructure;
		this.dsl = DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES);
	}

	/** A gateway node as clients see it. */
	record Gateway(NodeId nodeId, int port, ServiceProcess process) {
	}

	static Pipeline start(FerryInfrastructure infrastructure) {
		Pipeline pipeline = new Pipeline(infrastructure);
		pipeline.startServices();
		return pipeline;
	}

	private ServiceProcess persistenceWorker;

	private void startServices() {
		this.persistenceWorker = persistenceWorker();
		this.deliveryPort = Ports.findFree();
		service("delivery-worker",
				List.of("--server.port=" + this.deliveryPort,
						"--ferry.delivery.offline-delay=" + OFFLINE_DELAY.toMillis() + "ms",
						"--ferry.delivery.presence-sweep-interval=200ms"));
		for (String node : List.of("gateway-1", "gateway-2")) {
			this.gateways.add(gateway(node, Duration.ofSeconds(5)));
		}
		// Started side by side, awaited together: a 2-core machine still overlaps the
		// waits.
		CompletableFuture
			.allOf(this.processes.stream()
				.map((service) -> CompletableFuture.runAsync(() -> service.awaitStarted(STARTUP_TIMEOUT)))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	private ServiceProcess persistenceWorker() {
		this.persistencePort = Ports.findFree();
		return service("persistence-worker", List.of("--server.port=" + this.persistencePort));
	}

	/** Where the persistence worker's actuators answer, on 127.0.0.1. */
	int persistencePort() {
		return this.persistencePort;
	}

	/** Where the delivery worker's actuators answer, on 127.0.0.1. */
	int deliveryPort() {
		return this.deliveryPort;
	}

	/**
	 * Stops the persistence worker, so that commands are taken but not stored, and starts
	 * it again; returns once it serves again.
	 */
	void withoutPersistence(Runnable whileStopped) {
		this.persistenceWorker.close();
		this.processes.remove(this.persistenceWorker);
		whileStopped.run();
		this.persistenceWorker = persistenceWorker();
		this.persistenceWorker.awaitStarted(STARTUP_TIMEOUT);
	}

	/**
	 * Starts another gateway node, not yet awaited.
	 * @param heartbeatInterval how often it tells presence it is alive; its users count
	 * as offline three intervals after its last heartbeat
	 */
	Gateway gateway(String nodeId, Duration heartbeatInterval) {
		return gateway(nodeId, heartbeatInterval, Ports.findFree());
	}

	/**
	 * Stops a gateway node gracefully and starts it again on the same port, so that its
	 * pages reconnect to it; returns once it serves again.
	 */
	Gateway restart(Gateway gateway, Runnable whileStopped) {
		gateway.process().close();
		this.processes.remove(gateway.process());
		whileStopped.run();
		Gateway restarted = gateway(gateway.nodeId().value(), Duration.ofSeconds(5), gateway.port());
		restarted.process().awaitStarted(STARTUP_TIMEOUT);
		return restarted;
	}

	private Gateway gateway(String nodeId, Duration heartbeatInterval, int port) {
		ServiceProcess process = service(nodeId,
				List.of("--server.port=" + port, "--ferry.gateway.node-id=" + nodeId,
						"--ferry.gateway.heartbeat-interval=" + heartbeatInterval.toMillis() + "ms",
						// The per-user rate limit has tests of its own; here one user
						// sends hundreds of frames in a burst.
						"--ferry.gateway.socket.frames-per-second=1000", "--ferry.gateway.socket.frame-burst=1000",
						// Small replays, so a page's resume in parts shows with a gap a
						// browser renders quickly.
						"--ferry.gateway.socket.sync-replay-frames=" + SYNC_REPLAY_FRAMES,
						"--ferry.metrics.scrape-token=" + SCRAPE_TOKEN));
		return new Gateway(new NodeId(nodeId), port, process);
	}

	/** Stops every service side by side. */
	@Override
	public void close() {
		CompletableFuture
			.allOf(this.processes.stream()
				.map((service) -> CompletableFuture.runAsync(service::close))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	Gateway node(int index) {
		return this.gateways.get(index);
	}

	DSLContext dsl() {
		return this.dsl;
	}

	FerryInfrastructure infrastructure() {
		return this.infrastructure;
	}

	/** A new user who can log in with {@link #PASSWORD}. */
	UserId user(String name, String role) {
		UserId id = new UserId(UUID.randomUUID());
		this.dsl.insertInto(USERS)
			.set(USERS.ID, id.value())
			.set(USERS.EMAIL, emailOf(id))
			.set(USERS.NAME, name)
			.set(USERS.PASSWORD_HASH, PASSWORD_HASH)
			.set(USERS.ROLE, role)
			.execute();
		return id;
	}

	UserId user(String name) {
		return user(name, "OWNER");
	}

	/** A browser logged in as the user on the gateway node. */
	static Browser loggedIn(UserId user, Gateway gateway) {
		Browser browser = new Browser(gateway.port());
		assertThat(browser.login(emailOf(user), PASSWORD).statusCode()).isEqualTo(200);
		return browser;
	}

	static String emailOf(UserId user) {
		return user + "@e2e.ferry.dev";
	}

	private ServiceProcess service(String name, List<String> arguments) {
		String module = name.startsWith("gateway") ? "gateway" : name;
		Path jar = Path.of(System.getProperty("ferry.jar." + module));
		List<String> common = this.infrastructure.springProperties()
			.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toList();
		ServiceProcess process = ServiceProcess.start(name, jar, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"),
				Stream.of(common, TRACING, arguments).flatMap(List::stream).toList(), Path.of("target", "e2e-logs"));
		this.processes.add(process);
		return process;
	}

}
