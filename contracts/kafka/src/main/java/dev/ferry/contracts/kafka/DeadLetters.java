package dev.ferry.contracts.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.topic.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Writes a record that cannot be processed to the same partition of its topic's
 * dead-letter topic (so a replay keeps the order), with spring-kafka's
 * {@code kafka_dlt-*} headers and the reason in plain words, and waits until Kafka has
 * it. Counts them in {@code ferry.dead.letters}, by dead-letter topic and kind of reason.
 */
public final class DeadLetters {

	/**
	 * Dead-letter header with the reason in plain words, beside spring-kafka's
	 * {@code kafka_dlt-*} headers.
	 */
	public static final String REASON_HEADER = "ferry-dlt-reason";

	private final DeadLetterPublishingRecoverer recoverer;

	/** The counters by source topic and kind, each there from the start at 0. */
	private final Map<String, Map<DeadLetterKind, Counter>> written = new HashMap<>();

	/**
	 * Creates the writer.
	 * @param properties the Kafka connection
	 * @param meters where the dead letters are counted
	 * @param sources the topics whose records it may dead-letter
	 */
	public DeadLetters(KafkaProperties properties, MeterRegistry meters, Collection<TopicSpec> sources) {
		// spring-kafka's own default suffix is "-dlt"; the catalogue names them ".DLT".
		this.recoverer = new DeadLetterPublishingRecoverer(template(properties),
				(record, failure) -> new TopicPartition(record.topic() + TopicSpec.DLT_SUFFIX, record.partition()));
		this.recoverer.setHeadersFunction((record, failure) -> new RecordHeaders().add(REASON_HEADER,
				DeadLetterReason.of(failure).getBytes(StandardCharsets.UTF_8)));
		for (TopicSpec source : sources) {
			Map<DeadLetterKind, Counter> kinds = new EnumMap<>(DeadLetterKind.class);
			for (DeadLetterKind kind : DeadLetterKind.values()) {
				kinds.put(kind,
						Counter.builder("ferry.dead.letters")
							.description("Records written to a dead-letter topic, by topic and kind of reason")
							.tag("topic", source.name() + TopicSpec.DLT_SUFFIX)
							.tag("reason", kind.tag())
							.register(meters));
			}
			this.written.put(source.name(), kinds);
		}
	}

	/**
	 * Writes a record the listener's error handler gave up on, with the reason it failed.
	 * @throws UnacknowledgedSendException if Kafka did not take it; a transient failure,
	 * the record is processed again
	 */
	public void write(ConsumerRecord<?, ?> record, Exception reason) {
		write(record, reason, DeadLetterKind.of(reason));
	}

	/**
	 * Writes the record with the reason it failed.
	 * @throws UnacknowledgedSendException if Kafka did not take it; a transient failure,
	 * the record is processed again
	 */
	public void write(ConsumerRecord<?, ?> record, Exception reason, DeadLetterKind kind) {
		try {
			this.recoverer.accept(record, reason);
		}
		catch (RuntimeException ex) {
			throw new UnacknowledgedSendException("Kafka did not acknowledge the dead letter", ex);
		}
		this.written.get(record.topic()).get(kind).increment();
	}

	/**
	 * Writes dead letters as they arrived: raw bytes for unreadable records, JSON for
	 * records that were read but failed.
	 */
	private static KafkaTemplate<Object, Object> template(KafkaProperties properties) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(
				Map.of(byte[].class, new ByteArraySerializer(), Envelope.class, new EnvelopeSerializer()), true);
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<Object, Object>(config, null, values));
	}

}
