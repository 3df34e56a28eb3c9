package dev.ferry.contracts.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.topic.TopicSpec;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handling of every Ferry listener: unreadable records go to the dead-letter
 * topic at once; transient failures are retried without limit with a capped exponential
 * back-off while the partition waits; any other failure of a record is retried a few
 * times, then dead-lettered. Order within a partition is kept in every case.
 */
public final class DeadLetterErrorHandler {

	/**
	 * Dead-letter header with the reason in plain words, beside spring-kafka's
	 * {@code kafka_dlt-*} headers.
	 */
	public static final String REASON_HEADER = "ferry-dlt-reason";

	private DeadLetterErrorHandler() {
	}

	/**
	 * Creates the handler.
	 * @param properties where the dead letters are written
	 * @param retry how often and how long to retry
	 * @param deadLettered counts the records dead-lettered
	 * @param isTransient failures that go away by themselves
	 */
	public static DefaultErrorHandler create(KafkaProperties properties, RetryPolicy retry, Counter deadLettered,
			Predicate<Throwable> isTransient) {
		// Same partition of the catalogue's dead-letter topic, so a replay keeps the
		// order (spring-kafka's own default suffix is "-dlt").
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate(properties),
				(record, failure) -> new TopicPartition(record.topic() + TopicSpec.DLT_SUFFIX, record.partition()));
		deadLetters.setHeadersFunction((record, failure) -> new RecordHeaders().add(REASON_HEADER,
				DeadLetterReason.of(failure).getBytes(StandardCharsets.UTF_8)));
		DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
			deadLettered.increment();
			deadLetters.accept(record, failure);
		}, new FixedBackOff(retry.initialInterval().toMillis(), retry.otherFailureAttempts() - 1L));
		ExponentialBackOff transientBackOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
		transientBackOff.setMaxInterval(retry.maxInterval().toMillis());
		handler.setBackOffFunction((record, failure) -> isTransient.test(failure) ? transientBackOff : null);
		handler.addNotRetryableExceptions(InvalidEnvelopeException.class);
		handler.setCommitRecovered(true);
		return handler;
	}

	/**
	 * Writes dead letters as they arrived: raw bytes for unreadable records, JSON for
	 * records that were read but failed.
	 */
	private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties properties) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(
				Map.of(byte[].class, new ByteArraySerializer(), Envelope.class, new EnvelopeSerializer()), true);
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<Object, Object>(config, null, values));
	}

}
