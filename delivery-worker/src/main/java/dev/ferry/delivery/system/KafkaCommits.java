package dev.ferry.delivery.system;

import dev.ferry.contracts.kafka.ListenerCommits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Offsets are committed without waiting: a push read twice is dropped by the gateway,
 * whose de-duplication is by push id, the event's id.
 */
@Configuration(proxyBeanMethods = false)
class KafkaCommits {

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asynchronousCommits() {
		return ListenerCommits.asynchronous();
	}

}
