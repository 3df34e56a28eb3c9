package dev.ferry.persistence.system;

import java.util.List;

import dev.ferry.contracts.kafka.DeadLetterErrorHandler;
import dev.ferry.contracts.kafka.DeadLetters;
import dev.ferry.contracts.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The listener's error handling: Ferry's dead-letter handling with the worker's retry
 * settings and its own idea of transient failures (database down, a writer that lost its
 * partition, Kafka not acknowledging).
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

	@Bean
	DeadLetters deadLetters(KafkaProperties properties, MeterRegistry meters) {
		return new DeadLetters(properties, meters, List.of(Topics.INBOUND));
	}

	@Bean
	DefaultErrorHandler errorHandler(DeadLetters deadLetters, PersistenceSettings settings) {
		return DeadLetterErrorHandler.create(deadLetters, settings.retryPolicy(), TransientFailures::isTransient);
	}

}
