package dev.ferry.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.SchemaMigrator;
import dev.ferry.infra.embedded.Secrets;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops for 20 seconds while 10,000 sends stream in: the worker waits and
 * retries, and when the database returns every message is stored exactly once, in order,
 * with nothing dead-lettered and no restart.
 */
@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class DatabaseOutageIntegrationTests {

	private static final int PORT = Ports.findFree();

	/** The superuser's password, the same at both starts of the data directory. */
	private static final String PASSWORD = Secrets.generate();

	private static final Duration ROUND_PACE = Duration.ofMillis(800);

	private static Path dataDirectory;

	private static EmbeddedPostgresServer postgres;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) throws Exception {
		dataDirectory = Files.createTempDirectory("ferry-outage-pg");
		postgres = EmbeddedPostgresServer.start(dataDirectory, PORT, PASSWORD);
		SchemaMigrator.migrate(postgres.jdbcUrl(), postgres.username(), postgres.password());
		registry.add("spring.kafka.bootstrap-servers", () -> FerryInfrastructure.get().kafkaBootstrapServers());
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Test
	void everySendIsStoredExactlyOnceAfterTheDatabaseComesBack(FerryInfrastructure infrastructure) throws Exception {
		ChatFixture chat = new ChatFixture(infrastructure.kafkaBootstrapServers(), dataSource());
		List<UserId[]> pairs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			pairs.add(new UserId[] { chat.user("a" + i), chat.user("b" + i) });
		}
		Set<UUID> conversations = pairs.stream()
			.map((pair) -> ConversationId.direct(pair[0], pair[1]).value())
			.collect(Collectors.toSet());
		CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> produce(chat, pairs));

		await().atMost(Duration.ofSeconds(60)).until(() -> chat.dsl().fetchCount(MESSAGES) >= 1_000);
		postgres.close();
		assertThat(stream).as("sends still arriving when the database stops").isNotDone();
		// The outage itself: the database stays away this long while sends keep arriving.
		Thread.sleep(Duration.ofSeconds(20).toMillis());
		assertThat(stream).as("sends still arriving when the database returns").isNotDone();
		postgres = EmbeddedPostgresServer.start(dataDirectory, PORT, PASSWORD);
		stream.get();

		await().atMost(Duration.ofSeconds(120)).until(() -> chat.dsl().fetchCount(MESSAGES) == 10_000);
		assertThat(chat.dsl()
			.select(MESSAGES.CONVERSATION_ID)
			.from(MESSAGES)
			.groupBy(MESSAGES.CONVERSATION_ID)
			.having(DSL.count().eq(50), DSL.min(MESSAGES.SEQ).eq(1L), DSL.max(MESSAGES.SEQ).eq(50L),
					DSL.countDistinct(MESSAGES.SEQ).eq(50))
			.fetch(MESSAGES.CONVERSATION_ID)).containsExactlyInAnyOrderElementsOf(conversations);
		assertThat(deadLetteredKeys(infrastructure))
			.doesNotContainAnyElementsOf(conversations.stream().map(UUID::toString).toList());
		chat.close();
	}

	/** About 250 sends a second for 40 seconds, so the stream spans the whole outage. */
	private static void produce(ChatFixture chat, List<UserId[]> pairs) {
		try (KafkaProducer<String, Envelope<? extends Payload>> producer = ChatFixture
			.producer(chat.bootstrapServers())) {
			for (int round = 0; round < 50; round++) {
				for (UserId[] pair : pairs) {
					Envelope<InboundCommand> send = ChatFixture.send(pair[0], pair[1], "t-" + round, "m" + round);
					producer.send(new ProducerRecord<>(Topics.INBOUND.name(), Topics.keyOf(send.payload()), send));
				}
				producer.flush();
				Thread.sleep(ROUND_PACE.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> deadLetteredKeys(FerryInfrastructure infrastructure) {
		List<String> keys = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, FerryInfrastructure.uniqueGroupId("outage-dlt"),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.INBOUND.deadLetterTopic().name()));
			long emptyPolls = 0;
			while (emptyPolls < 5) {
				var records = consumer.poll(Duration.ofMillis(500));
				emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
				records.forEach((record) -> keys.add(record.key()));
			}
		}
		return keys;
	}

	private static PGSimpleDataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(postgres.jdbcUrl());
		dataSource.setUser(postgres.username());
		dataSource.setPassword(postgres.password());
		return dataSource;
	}

}
