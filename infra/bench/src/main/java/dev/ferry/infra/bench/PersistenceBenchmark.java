package dev.ferry.infra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.embedded.EmbeddedKafka;
import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.SchemaMigrator;
import dev.ferry.infra.embedded.Secrets;
import dev.ferry.infra.embedded.TopicProvisioner;
import dev.ferry.persistence.PersistenceWorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * How fast the persistence worker stores messages, next to how fast the same PostgreSQL
 * takes the same rows as plain multi-row inserts, measured in one run on one machine.
 * <ol>
 * <li>Raw: {@code messages} rows in multi-row INSERTs of 500, one commit each, over
 * JDBC.</li>
 * <li>Worker: the same number of SendMessage commands are put on {@code chat.inbound.v1}
 * first; then the worker starts and drains them. Its rate is counted from the first
 * stored row to the last, so start-up is not part of it.</li>
 * </ol>
 */
public final class PersistenceBenchmark {

	private static final int RAW_BATCH = 500;

	private final int messages;

	private final int conversations;

	private PersistenceBenchmark(int messages, int conversations) {
		this.messages = messages;
		this.conversations = conversations;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchOptions.parse(args);
		new PersistenceBenchmark(Integer.parseInt(options.getOrDefault("messages", "200000")),
				Integer.parseInt(options.getOrDefault("conversations", "1000")))
			.run();
		System.exit(0);
	}

	private void run() throws Exception {
		Path data = Files.createTempDirectory("ferry-bench");
		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), Ports.findFree(),
				Secrets.generate());
				EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), Ports.findFree(), Ports.findFree())) {
			SchemaMigrator.migrate(postgres.jdbcUrl(), postgres.username(), postgres.password());
			new TopicProvisioner(kafka.bootstrapServers(), Duration.ofSeconds(30)).provision();
			System.out.printf("Persistence benchmark: %,d messages over %,d conversations, %d cores%n", this.messages,
					this.conversations, Runtime.getRuntime().availableProcessors());
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
					postgres.password())) {
				DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
				List<UserId[]> pairs = seedUsers(dsl);
				double raw = rawInsertRate(connection, pairs);
				System.out.printf("  raw multi-row INSERT (%d rows/statement):  %,10.0f rows/s%n", RAW_BATCH, raw);
				dsl.truncate(MESSAGES).cascade().execute();
				dsl.update(CONVERSATIONS).set(CONVERSATIONS.LAST_SEQ, 0L).execute();
				produceCommands(kafka.bootstrapServers(), pairs);
				WorkerRun worker = drainWithWorker(dsl, kafka.bootstrapServers(), postgres);
				print(raw, worker);
			}
		}
	}

	private List<UserId[]> seedUsers(DSLContext dsl) {
		List<UserId[]> pairs = new ArrayList<>();
		var users = dsl.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.PASSWORD_HASH, USERS.ROLE);
		var conversationRows = dsl.insertInto(CONVERSATIONS, CONVERSATIONS.ID, CONVERSATIONS.KIND);
		var members = dsl.insertInto(CONVERSATION_MEMBERS, CONVERSATION_MEMBERS.CONVERSATION_ID,
				CONVERSATION_MEMBERS.USER_ID);
		for (int i = 0; i < this.conversations; i++) {
			UserId[] pair = { new UserId(UUID.randomUUID()), new UserId(UUID.randomUUID()) };
			pairs.add(pair);
			ConversationId conversation = ConversationId.direct(pair[0], pair[1]);
			conversationRows = conversationRows.values(conversation.value(), "DIRECT");
			for (UserId user : pair) {
				users = users.values(user.value(), user + "@bench.example", "Bench user", "unused", "OWNER");
				members = members.values(conversation.value(), user.value());
			}
		}
		users.execute();
		conversationRows.execute();
		members.execute();
		return pairs;
	}

	/**
	 * Plain JDBC: one prepared multi-row INSERT of the same rows the worker writes, 500
	 * rows a statement, committed per statement. The ceiling for rows arriving in
	 * batches.
	 */
	private double rawInsertRate(Connection connection, List<UserId[]> pairs) throws SQLException {
		String columns = "(id, conversation_id, seq, last_change_seq, sender_id, receiver_id, client_msg_id, "
				+ "content, status, has_attachments, created_at, updated_at, edited_at, deleted_at)";
		String row = "(?, ?, ?, ?, ?, ?, ?, ?, 'SENT', false, ?, ?, null, null)";
		String sql = "insert into messages " + columns + " values "
				+ String.join(", ", Collections.nCopies(RAW_BATCH, row)) + " on conflict do nothing";
		long[] seqs = new long[pairs.size()];
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int rows = this.messages / RAW_BATCH * RAW_BATCH;
		long started = System.nanoTime();
		try (PreparedStatement insert = connection.prepareStatement(sql)) {
			for (int from = 0; from < rows; from += RAW_BATCH) {
				int parameter = 1;
				for (int i = from; i < from + RAW_BATCH; i++) {
					int pair = i % pairs.size();
					UserId[] users = pairs.get(pair);
					long seq = ++seqs[pair];
					insert.setObject(parameter++, MessageId.newTimeOrdered().value());
					insert.setObject(parameter++, ConversationId.direct(users[0], users[1]).value());
					insert.setLong(parameter++, seq);
					insert.setLong(parameter++, seq);
					insert.setObject(parameter++, users[0].value());
					insert.setObject(parameter++, users[1].value());
					insert.setString(parameter++, "raw-" + i);
					insert.setString(parameter++, content(i));
					insert.setObject(parameter++, now);
					insert.setObject(parameter++, now);
				}
				insert.executeUpdate();
			}
		}
		return rows / seconds(started);
	}

	private void produceCommands(String bootstrapServers, List<UserId[]> pairs) {
		long started = System.nanoTime();
		try (KafkaProducer<String, Envelope<? extends Payload>> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
						ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new EnvelopeSerializer())) {
			for (int i = 0; i < this.messages; i++) {
				UserId[] users = pairs.get(i % pairs.size());
				SendMessage send = new SendMessage(MessageId.newTimeOrdered(),
						ConversationId.direct(users[0], users[1]), users[0], users[1], "t-" + i, content(i));
				producer.send(new ProducerRecord<>(Topics.INBOUND.name(), Topics.keyOf(send),
						Envelope.of(send, Instant.now())));
			}
			producer.flush();
		}
		System.out.printf("  %,d commands put on %s in %.1f s%n", this.messages, Topics.INBOUND.name(),
				seconds(started));
	}

	private WorkerRun drainWithWorker(DSLContext dsl, String bootstrapServers, EmbeddedPostgresServer postgres)
			throws InterruptedException {
		try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(PersistenceWorkerApplication.class)
			.web(WebApplicationType.NONE)
			// Command-line arguments, because default properties would lose to the
			// worker's application.yaml.
			.run("--spring.kafka.bootstrap-servers=" + bootstrapServers,
					"--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(), "--spring.main.banner-mode=off")) {
			long firstRowAt = 0;
			int rowsAtFirst = 0;
			int rows = 0;
			while (rows < this.messages) {
				Thread.sleep(100);
				rows = dsl.fetchCount(MESSAGES);
				if (firstRowAt == 0 && rows > 0) {
					firstRowAt = System.nanoTime();
					rowsAtFirst = rows;
				}
			}
			double rate = (rows - rowsAtFirst) / seconds(firstRowAt);
			MeterRegistry meters = worker.getBean(MeterRegistry.class);
			while (meters.counter("ferry.persistence.events.published").count() < this.messages) {
				Thread.sleep(100);
			}
			return new WorkerRun(rate, meters.summary("ferry.persistence.batch.size").mean(),
					meters.timer("ferry.persistence.transaction").mean(TimeUnit.MILLISECONDS),
					(long) meters.counter("ferry.persistence.events.published").count());
		}
	}

	private void print(double raw, WorkerRun worker) {
		System.out.printf("""
				  persistence worker (Kafka -> DB -> events): %,10.0f rows/s   (%.0f %% of raw)
				    mean batch %.0f commands, mean transaction %.1f ms, %,d events published
				""", worker.rowsPerSecond(), 100 * worker.rowsPerSecond() / raw, worker.meanBatch(),
				worker.meanTransactionMillis(), worker.eventsPublished());
	}

	private static String content(int i) {
		return "Benchmark message number " + i + ": the quick brown fox jumps over the lazy dog.";
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

	private record WorkerRun(double rowsPerSecond, double meanBatch, double meanTransactionMillis,
			long eventsPublished) {
	}

}
