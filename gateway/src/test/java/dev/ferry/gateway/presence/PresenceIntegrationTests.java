package dev.ferry.gateway.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.Browser;
import dev.ferry.gateway.SocketClient;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ferry.gateway.node-id=" + PresenceIntegrationTests.NODE)
class PresenceIntegrationTests {

	static final String NODE = "gateway-presence-test";

	@LocalServerPort
	private int port;

	@Autowired
	private PresenceView presence;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void firstSocketMakesTheUserOnlineAndClosingTheLastMakesThemOffline(FerryInfrastructure infrastructure) {
		UserId bob = new UserId(UUID.randomUUID());
		DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES)
			.insertInto(USERS)
			.set(USERS.ID, bob.value())
			.set(USERS.EMAIL, bob + "@maritime.com")
			.set(USERS.NAME, "Bob")
			.set(USERS.PASSWORD_HASH, new BCryptPasswordEncoder().encode("test123"))
			.set(USERS.ROLE, "OWNER")
			.execute();
		Browser browser = new Browser(this.port);
		browser.login(bob + "@maritime.com", "test123");
		assertThat(this.presence.isOnline(bob)).isFalse();

		SocketClient first = browser.openSocket(null);
		SocketClient second = browser.openSocket(null);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.presence.isOnline(bob));
		first.close();
		second.close();

		await().atMost(Duration.ofSeconds(20)).until(() -> !this.presence.isOnline(bob));
		assertThat(this.presence.lastSeenAt(bob)).isNotNull();
		assertThat(sessionCounts(infrastructure, bob)).containsExactly(1, 2, 1, 0);
	}

	private static List<Integer> sessionCounts(FerryInfrastructure infrastructure, UserId user) {
		String key = Topics.presenceKey(user, new NodeId(NODE));
		List<Integer> counts = new ArrayList<>();
		try (KafkaConsumer<String, Envelope<PresenceRecord>> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, FerryInfrastructure.uniqueGroupId("presence-reader"),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new EnvelopeDeserializer<>(PresenceRecord.class))) {
			consumer.subscribe(List.of(Topics.PRESENCE.name()));
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (ConsumerRecord<String, Envelope<PresenceRecord>> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						counts.add(((SessionsChanged) record.value().payload()).sessions());
					}
				}
				return counts.size() >= 4;
			});
		}
		return counts;
	}

}
