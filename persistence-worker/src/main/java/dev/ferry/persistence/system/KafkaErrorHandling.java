package dev.ferry.persistence.system;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.json.EnvelopeSerializer;
import dev.ferry.contracts.json.InvalidEnvelopeException;
import dev.ferry.contracts.topic.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One error handler for the listener: unreadable records go to the dead-letter topic at
 * once; transient failures are retried without limit with a capped exponential back-off
 * while the partition waits; any other failure of a record is retried a few times, then
 * dead-lettered. Order within a partition is kept in every case.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

	/**
	 * Dead-letter header with the reason in plain words, beside spring-kafka's
	 * {@code kafka_dlt-*} headers.
	 */
	static final String REASON_HEADER = "ferry-dlt-reason";

	@Bean
	DefaultErrorHandler errorHandler(KafkaProperties properties, PersistenceSettings settings, MeterRegistry meters) {
		Counter deadLettered = Counter.builder("ferry.persistence.dlt")
			.description("Records sent to chat.inbound.v1.DLT")
			.register(meters);
		// Same partition of the catalogue's dead-letter topic, so a replay keeps the
		// order.
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate(properties),
				(record, failure) -> new TopicPartition(record.topic() + TopicSpec.DLT_SUFFIX, record.partition()));
		deadLetters.setHeadersFunction((record, failure) -> new RecordHeaders().add(REASON_HEADER,
				DeadLetterReason.of(failure).getBytes(StandardCharsets.UTF_8)));
		DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
			deadLettered.increment();
			deadLetters.accept(record, failure);
		}, new FixedBackOff(settings.initialRetryInterval().toMillis(), settings.otherFailureAttempts() - 1L));
		ExponentialBackOff transientBackOff = new ExponentialBackOff(settings.initialRetryInterval().toMillis(), 2.0);
		transientBackOff.setMaxInterval(settings.maxRetryInterval().toMillis());
		handler
			.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? transientBackOff : null);
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
