package dev.ferry.gateway.presence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.presence.NodeHeartbeat;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.embedded.EmbeddedKafka;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.TopicProvisioner;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import dev.ferry.infra.test.client.Browser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence survives a Kafka outage: on a broker of its own that stops and comes back, a
 * gateway's heartbeats go on afterwards, and a session count that could not be published
 * while the broker was away is published once it is back.
 */
@FerryIntegrationTest
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ferry.gateway.node-id=gateway-outage", "ferry.gateway.heartbeat-interval=500ms",
				"ferry.metrics.scrape-token=${random.uuid}" })
class PresenceOutageIntegrationTests {

	private static final int KAFKA_PORT = Ports.findFree();

	private static final int CONTROLLER_PORT = Ports.findFree();

	/** Longer than the gateway's delivery timeout (10 s): the sends meanwhile fail. */
	private static final Duration OUTAGE = Duration.ofSeconds(15);

	private static Path logDir;

	private static EmbeddedKafka kafka;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void ownKafka(DynamicPropertyRegistry registry) throws Exception {
		logDir = Files.createTempDirectory("ferry-outage-kafka");
		kafka = EmbeddedKafka.start(logDir, KAFKA_PORT, CONTROLLER_PORT);
		new TopicProvisioner(kafka.bootstrapServers(), Duration.ofSeconds(30)).provision();
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
	}

	/**
	 * Stops the broker with the gateway's context, once its consumers stopped, so the
	 * gateway does not spend its shutdown reconnecting.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OwnKafka {

		@Bean
		DisposableBean ownKafkaStop() {
			return () -> kafka.close();
		}

	}

	@Test
	void countsChangedWhileKafkaWasAwayArePublishedWhenItIsBackAndHeartbeatsGoOn(FerryInfrastructure infrastructure)
			throws Exception {
		UserId bob = new Seed(infrastructure.dataSource()).user("Bob");
		Browser browser = new Browser(this.port);
		assertThat(browser.login(Seed.emailOf(bob), "test123").statusCode()).isEqualTo(200);
		browser.openSocket(null);
		await().atMost(Duration.ofSeconds(20)).until(() -> sessionsOf(bob).contains(1));

		kafka.close();
		browser.openSocket(null);
		// The broker stays away while the gateway's send of the new count times out.
		Thread.sleep(OUTAGE.toMillis());
		Instant back = Instant.now();
		kafka = EmbeddedKafka.start(logDir, KAFKA_PORT, CONTROLLER_PORT);

		await().atMost(Duration.ofSeconds(30)).until(() -> sessionsOf(bob).contains(2));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> records().stream()
				.anyMatch((record) -> record instanceof NodeHeartbeat heartbeat && heartbeat.sentAt().isAfter(back)));
	}

	private List<Integer> sessionsOf(UserId user) {
		return records().stream()
			.filter((record) -> record instanceof SessionsChanged changed && changed.userId().equals(user))
			.map((record) -> ((SessionsChanged) record).sessions())
			.toList();
	}

	/** Everything on the presence topic of the gateway's broker. */
	private static List<PresenceRecord> records() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, FerryInfrastructure.uniqueGroupId("outage"),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<PresenceRecord> records = new ArrayList<>();
		try (KafkaConsumer<String, Envelope<PresenceRecord>> consumer = new KafkaConsumer<>(config,
				new StringDeserializer(), new EnvelopeDeserializer<>(PresenceRecord.class))) {
			consumer.subscribe(List.of(Topics.PRESENCE.name()));
			for (int poll = 0; poll < 10; poll++) {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> records.add(record.value().payload()));
			}
		}
		return records;
	}

}
