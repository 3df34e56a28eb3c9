package dev.ferry.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.ChatEventDeserializer;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.FerryInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import static dev.ferry.schema.jooq.Tables.USERS;
import static org.awaitility.Awaitility.await;

/**
 * What a test needs to drive the worker from outside: users in the database, commands on
 * {@code chat.inbound.v1}, and the events that come out on {@code chat.events.v1}.
 */
public final class ChatFixture implements AutoCloseable {

	private final String bootstrapServers;

	private final DSLContext dsl;

	private final KafkaProducer<String, Envelope<? extends Payload>> producer;

	private final KafkaConsumer<String, Envelope<ChatEvent>> events;

	private final List<Envelope<ChatEvent>> received = new ArrayList<>();

	ChatFixture(String bootstrapServers, DataSource dataSource) {
		this.bootstrapServers = bootstrapServers;
		this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
		this.producer = producer(bootstrapServers);
		this.events = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						FerryInfrastructure.uniqueGroupId("events-reader")),
				new StringDeserializer(), new ChatEventDeserializer());
		List<TopicPartition> partitions = this.events.partitionsFor(Topics.EVENTS.name())
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.events.assign(partitions);
		this.events.seekToEnd(partitions);
		partitions.forEach(this.events::position);
	}

	static KafkaProducer<String, Envelope<? extends Payload>> producer(String bootstrapServers) {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new EnvelopeSerializer());
	}

	DSLContext dsl() {
		return this.dsl;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	UserId user(String name) {
		return user(this.dsl, name);
	}

	/** Stores a user named so, with a unique address, and returns its id. */
	public static UserId user(DSLContext dsl, String name) {
		UserId id = new UserId(UUID.randomUUID());
		dsl.insertInto(USERS)
			.set(USERS.ID, id.value())
			.set(USERS.EMAIL, name + "-" + id + "@example.com")
			.set(USERS.NAME, name)
			.set(USERS.PASSWORD_HASH, "unused")
			.set(USERS.ROLE, "OWNER")
			.execute();
		return id;
	}

	static Envelope<InboundCommand> send(UserId from, UserId to, String tempId, String content) {
		return Envelope.of(
				new SendMessage(MessageId.newTimeOrdered(), ConversationId.direct(from, to), from, to, tempId, content),
				Instant.now());
	}

	void publish(Envelope<? extends InboundCommand> command) {
		try {
			this.producer.send(new ProducerRecord<>(Topics.INBOUND.name(), Topics.keyOf(command.payload()), command))
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not take the command", ex);
		}
	}

	/**
	 * Waits until the events received since this fixture started satisfy {@code done}.
	 */
	List<Envelope<ChatEvent>> awaitEvents(Predicate<List<Envelope<ChatEvent>>> done) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.events.poll(Duration.ofMillis(100)).forEach((record) -> this.received.add(record.value()));
			return done.test(this.received);
		});
		return List.copyOf(this.received);
	}

	/**
	 * The events of one conversation received so far, after waiting for {@code count}.
	 */
	List<Envelope<ChatEvent>> awaitEvents(ConversationId conversation, int count) {
		return awaitEvents((all) -> of(all, conversation).size() >= count).stream()
			.filter((event) -> event.payload().conversationId().equals(conversation))
			.toList();
	}

	static List<Envelope<ChatEvent>> of(List<Envelope<ChatEvent>> events, ConversationId conversation) {
		return events.stream().filter((event) -> event.payload().conversationId().equals(conversation)).toList();
	}

	@Override
	public void close() {
		this.producer.close();
		this.events.close();
	}

}
