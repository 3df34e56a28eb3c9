package dev.ferry.delivery.system;

import java.util.List;

import dev.ferry.contracts.kafka.DeadLetterErrorHandler;
import dev.ferry.contracts.kafka.DeadLetters;
import dev.ferry.contracts.kafka.UnacknowledgedSendException;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.delivery.group.UnknownGroupException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The listeners' error handling: Ferry's dead-letter handling, where the failures that go
 * away by themselves are Kafka not taking the pushes and a group the roster has not read
 * yet.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

	@Bean
	DefaultErrorHandler errorHandler(KafkaProperties properties, DeliverySettings settings, MeterRegistry meters) {
		DeadLetters deadLetters = new DeadLetters(properties, meters, List.of(Topics.EVENTS, Topics.SIGNALS));
		return DeadLetterErrorHandler.create(deadLetters, settings.retryPolicy(), KafkaErrorHandling::isTransient);
	}

	static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnacknowledgedSendException || cause instanceof RetriableException
					|| cause instanceof UnknownGroupException) {
				return true;
			}
		}
		return false;
	}

}
