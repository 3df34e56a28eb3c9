package dev.ferry.contracts.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.topic.TopicSpec;
import io.micrometer.core.instrument.Counter;
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
 * it.
 */
public final class DeadLetters {

	/**
	 * Dead-letter header with the reason in plain words, beside spring-kafka's
	 * {@code kafka_dlt-*} headers.
	 */
	public static final String REASON_HEADER = "ferry-dlt-reason";

	private final DeadLetterPublishingRecoverer recoverer;

	private final Counter written;

	/**
	 * Creates the writer.
	 * @param properties the Kafka connection
	 * @param written counts the records dead-lettered
	 */
	public DeadLetters(KafkaProperties properties, Counter written) {
		// spring-kafka's own default suffix is "-dlt"; the catalogue names them ".DLT".
		this.recoverer = new DeadLetterPublishingRecoverer(template(properties),
				(record, failure) -> new TopicPartition(record.topic() + TopicSpec.DLT_SUFFIX, record.partition()));
		this.recoverer.setHeadersFunction((record, failure) -> new RecordHeaders().add(REASON_HEADER,
				DeadLetterReason.of(failure).getBytes(StandardCharsets.UTF_8)));
		this.written = written;
	}

	/**
	 * Writes the record with the reason it failed.
	 * @throws UnacknowledgedSendException if Kafka did not take it; a transient failure,
	 * the record is processed again
	 */
	public void write(ConsumerRecord<?, ?> record, Exception reason) {
		try {
			this.recoverer.accept(record, reason);
		}
		catch (RuntimeException ex) {
			throw new UnacknowledgedSendException("Kafka did not acknowledge the dead letter", ex);
		}
		this.written.increment();
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
