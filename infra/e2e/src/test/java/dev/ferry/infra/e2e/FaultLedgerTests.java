package dev.ferry.infra.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.devstack.cluster.ClusterOptions;
import dev.ferry.infra.devstack.cluster.LocalCluster;
import dev.ferry.infra.devstack.cluster.Member;
import dev.ferry.infra.embedded.KafkaCredentials;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.test.client.Browser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing acknowledged is lost or doubled on the production-shaped cluster, through the
 * faults that really happen. Protocol clients on both gateways chat at a steady rate
 * while, in turn: a persistence worker dies between its database commit and its event
 * publish, a broker is killed and comes back, a gateway is killed (its clients reconnect
 * to the other and sync), PostgreSQL stops for 20 s, a delivery worker is killed and back
 * after 20 s, a third persistence worker joins, and every service restarts one by one.
 * Pairs chat, and so does a group of four whose every message must reach its three other
 * members. Then every send is accounted for in a ledger that the test prints.
 */
class FaultLedgerTests {

	private static final String PASSWORD = "test123";

	private static final int PAIRS = 10;

	/** Members of the group that chats beside the pairs, spread over both gateways. */
	private static final int GROUP_MEMBERS = 4;

	/** One new message this often, from each client in turn. */
	private static final Duration SEND_INTERVAL = Duration.ofMillis(100);

	/** How long a stopped part stays away. */
	private static final Duration OUTAGE = Duration.ofSeconds(20);

	private static final List<String> WINDOWS = List.of("steady", "persistence worker killed after commit",
			"broker killed and restarted", "gateway killed", "PostgreSQL stopped 20 s",
			"delivery worker killed, back after 20 s", "third persistence worker", "rolling restart");

	/** Kept when the test fails: the cluster's logs are under {@code cluster/logs}. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path directory;

	private static LocalCluster cluster;

	private static Path crashTrigger;

	private final List<LedgerClient> clients = new ArrayList<>();

	private volatile String window = WINDOWS.get(0);

	private volatile boolean sending = true;

	@BeforeAll
	static void startCluster() {
		crashTrigger = directory.resolve("crash-after-commit");
		Map<String, Path> jars = new HashMap<>();
		for (String module : List.of(ClusterOptions.GATEWAY, ClusterOptions.PERSISTENCE_WORKER,
				ClusterOptions.DELIVERY_WORKER)) {
			jars.put(module, Path.of(System.getProperty("ferry.jar." + module)));
		}
		List<String> fastRebalance = List.of("--spring.kafka.consumer.properties.session.timeout.ms=10000",
				"--spring.kafka.consumer.properties.heartbeat.interval.ms=2000");
		List<String> persistence = new ArrayList<>(fastRebalance);
		persistence.add("--ferry.persistence.crash-after-commit-file=" + crashTrigger);
		cluster = LocalCluster.start(
				new ClusterOptions(directory.resolve("cluster"), freePorts(3), freePorts(3), Ports.findFree(),
						Ports.findFree(), freePorts(2), freePorts(2), freePorts(2), jars, Duration.ofSeconds(1),
						Map.of(ClusterOptions.PERSISTENCE_WORKER, persistence, ClusterOptions.DELIVERY_WORKER,
								fastRebalance, ClusterOptions.GATEWAY,
								List.of("--ferry.gateway.socket.frames-per-second=1000",
										"--ferry.gateway.socket.frame-burst=1000"))),
				(step) -> System.err.println("[cluster] " + step));
		System.err
			.println("[cluster] logs in " + directory.resolve("cluster").resolve("logs") + " (kept if the test fails)");
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void everyAcknowledgedSendIsStoredPublishedAndDeliveredExactlyOnceThroughEveryFault() throws Exception {
		openClients();
		ScheduledExecutorService traffic = Executors.newScheduledThreadPool(8);
		this.clients.forEach((client) -> traffic.scheduleWithFixedDelay(client::tick, 0, 100, TimeUnit.MILLISECONDS));
		AtomicInteger next = new AtomicInteger();
		traffic.scheduleAtFixedRate(() -> {
			if (this.sending) {
				this.clients.get(next.getAndIncrement() % this.clients.size()).sendNew(this.window);
			}
		}, 0, SEND_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		try {
			pause(Duration.ofSeconds(5));
			persistenceWorkerDiesBetweenCommitAndPublish();
			brokerIsKilledAndRestarted();
			gatewayIsKilled();
			databaseStops();
			deliveryWorkerStops();
			thirdPersistenceWorkerJoins();
			everyServiceRestartsInTurn();
			this.sending = false;
			await().atMost(Duration.ofMinutes(2)).until(() -> this.clients.stream().allMatch(LedgerClient::allAcked));
			await().atMost(Duration.ofMinutes(2)).until(this::everyAckedSendReachedItsReceiver);
		}
		finally {
			traffic.shutdownNow();
		}

		DSLContext dsl = database();
		FaultLedger ledger = new FaultLedger(WINDOWS);
		ledger.account(this.clients, storedRows(dsl));
		EventLog events = eventLog();
		String report = ledger.table() + events.summary() + "reconnects: "
				+ this.clients.stream().mapToInt((client) -> client.reconnects.get() - 1).sum() + "\n";
		System.err.println("\nFault ledger\n" + report);
		Files.writeString(Path.of("target", "fault-ledger.txt"), report);

		assertThat(ledger.losses()).as("acknowledged sends lost").isEmpty();
		assertThat(ledger.doubles()).as("sends stored or delivered twice").isEmpty();
		assertThat(events.violations()).as("seqs missing or out of order on chat.events.v1").isEmpty();
		assertThat(events.lastSeqs()).as("every conversation's events up to its last seq").isEqualTo(lastSeqs(dsl));
	}

	private void persistenceWorkerDiesBetweenCommitAndPublish() throws IOException {
		this.window = WINDOWS.get(1);
		Files.createFile(crashTrigger);
		await().atMost(Duration.ofSeconds(60)).until(() -> dead("persistence-worker").size() == 1);
		String crashed = dead("persistence-worker").get(0);
		assertThat(cluster.logTail(crashed)).contains("halting between commit and publish");
		cluster.restart(crashed);
		pause(Duration.ofSeconds(5));
	}

	private void brokerIsKilledAndRestarted() {
		this.window = WINDOWS.get(2);
		cluster.kill("broker-2");
		pause(Duration.ofSeconds(10));
		cluster.restart("broker-2");
		pause(Duration.ofSeconds(5));
	}

	private void gatewayIsKilled() {
		this.window = WINDOWS.get(3);
		cluster.kill("gateway-2");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.clients.stream().allMatch(LedgerClient::isOpen));
		pause(Duration.ofSeconds(5));
		cluster.restart("gateway-2");
	}

	private void databaseStops() {
		this.window = WINDOWS.get(4);
		cluster.stopDatabase();
		pause(OUTAGE);
		cluster.startDatabase();
		pause(Duration.ofSeconds(5));
	}

	private void deliveryWorkerStops() {
		this.window = WINDOWS.get(5);
		cluster.kill("delivery-worker-1");
		pause(OUTAGE);
		cluster.restart("delivery-worker-1");
	}

	private void thirdPersistenceWorkerJoins() {
		this.window = WINDOWS.get(6);
		cluster.addPersistenceWorker(Ports.findFree());
		pause(Duration.ofSeconds(5));
	}

	private void everyServiceRestartsInTurn() {
		this.window = WINDOWS.get(7);
		for (Member member : cluster.members()) {
			if (!member.role().equals("broker") && !member.role().equals("postgres")) {
				cluster.stop(member.name());
				cluster.restart(member.name());
			}
		}
	}

	/** The members of a role that are not running. */
	private static List<String> dead(String role) {
		return cluster.members()
			.stream()
			.filter((member) -> member.role().equals(role) && member.pid() < 0)
			.map(Member::name)
			.toList();
	}

	/** A fault lasts this long while the clients go on chatting. */
	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void openClients() {
		DSLContext dsl = database();
		String hash = new BCryptPasswordEncoder().encode(PASSWORD);
		List<Integer> ports = cluster.members()
			.stream()
			.filter((member) -> member.role().equals("gateway"))
			.map((member) -> member.ports().get("http"))
			.toList();
		for (int pair = 0; pair < PAIRS; pair++) {
			UserId a = user(dsl, hash);
			UserId b = user(dsl, hash);
			// Each pair talks across the two gateways.
			this.clients.add(client("a" + pair, a, b, ports, 0));
			this.clients.add(client("b" + pair, b, a, ports, 1));
		}
		openGroup(dsl, hash, ports);
		this.clients.forEach(LedgerClient::connect);
		assertThat(this.clients).allMatch(LedgerClient::isOpen);
	}

	/** A group of members on both gateways, made by the first over REST. */
	private void openGroup(DSLContext dsl, String hash, List<Integer> ports) {
		List<UserId> members = new ArrayList<>();
		for (int member = 0; member < GROUP_MEMBERS; member++) {
			members.add(user(dsl, hash));
		}
		Browser creator = new Browser(ports.get(0));
		assertThat(creator.login(emailOf(members.get(0)), PASSWORD).statusCode()).isEqualTo(200);
		HttpResponse<String> created = creator.write("POST", "/conversations", "{\"title\":\"Ledger\",\"memberIds\":["
				+ members.stream().skip(1).map((member) -> "\"" + member + "\"").collect(Collectors.joining(","))
				+ "]}");
		assertThat(created.statusCode()).isEqualTo(202);
		ConversationId group = ConversationId.fromString(Browser.json(created).path("conversationId").asString());
		for (int member = 0; member < GROUP_MEMBERS; member++) {
			UserId user = members.get(member);
			List<UserId> others = members.stream().filter((other) -> !other.equals(user)).toList();
			this.clients.add(new LedgerClient("g" + member, user, others, group, browsers(user, ports), member % 2));
		}
	}

	private static LedgerClient client(String name, UserId user, UserId partner, List<Integer> ports, int home) {
		return new LedgerClient(name, user, partner, browsers(user, ports), home);
	}

	/** The user logged in on each gateway. */
	private static List<Browser> browsers(UserId user, List<Integer> ports) {
		List<Browser> browsers = new ArrayList<>();
		for (int port : ports) {
			Browser browser = new Browser(port);
			assertThat(browser.login(emailOf(user), PASSWORD).statusCode()).isEqualTo(200);
			browsers.add(browser);
		}
		return browsers;
	}

	private static UserId user(DSLContext dsl, String hash) {
		UserId id = new UserId(UUID.randomUUID());
		dsl.insertInto(USERS)
			.set(USERS.ID, id.value())
			.set(USERS.EMAIL, emailOf(id))
			.set(USERS.NAME, "Ledger " + id.toString().substring(0, 8))
			.set(USERS.PASSWORD_HASH, hash)
			.set(USERS.ROLE, "OWNER")
			.execute();
		return id;
	}

	private static String emailOf(UserId user) {
		return user + "@ledger.ferry.dev";
	}

	private boolean everyAckedSendReachedItsReceiver() {
		Map<String, LedgerClient> byUser = new HashMap<>();
		this.clients.forEach((client) -> byUser.put(client.user.toString(), client));
		return this.clients.stream()
			.allMatch((client) -> client.sends.values()
				.stream()
				.allMatch((send) -> client.others.stream()
					.allMatch((other) -> byUser.get(other.toString()).received.containsKey(send.tempId))));
	}

	private static DSLContext database() {
		return DSL.using(cluster.jdbcUrl(), cluster.owner().user(), cluster.owner().password());
	}

	/** Rows per {@code senderId/tempId}. */
	private static Map<String, Integer> storedRows(DSLContext dsl) {
		Map<String, Integer> rows = new HashMap<>();
		for (Record3<UUID, String, Integer> row : dsl.select(MESSAGES.SENDER_ID, MESSAGES.CLIENT_MSG_ID, DSL.count())
			.from(MESSAGES)
			.groupBy(MESSAGES.SENDER_ID, MESSAGES.CLIENT_MSG_ID)
			.fetch()) {
			rows.put(row.value1() + "/" + row.value2(), row.value3());
		}
		return rows;
	}

	private static Map<String, Long> lastSeqs(DSLContext dsl) {
		Map<String, Long> seqs = new HashMap<>();
		dsl.select(CONVERSATIONS.ID, CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.fetch()
			.forEach((row) -> seqs.put(row.value1().toString(), row.value2()));
		return seqs;
	}

	/** All of {@code chat.events.v1}, read from the start with the operator's login. */
	private static EventLog eventLog() {
		Map<String, Object> config = new HashMap<>(cluster.clientConfig(KafkaCredentials.ADMIN));
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		EventLog log = new EventLog();
		JsonMapper json = JsonMapper.shared();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode envelope = json.readTree(record.value());
					JsonNode payload = envelope.path("payload");
					if (payload.has("seq")) {
						log.add(payload.path("conversationId").asString(), payload.path("seq").asLong(),
								envelope.path("eventId").asString());
					}
				}
			}
		}
		return log;
	}

	private static List<Integer> freePorts(int count) {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ports.add(Ports.findFree());
		}
		return ports;
	}

}
