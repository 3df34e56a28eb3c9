package dev.ferry.persistence.system;

import dev.ferry.contracts.kafka.ListenerCommits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Offsets are committed without waiting: a command applied twice is recognised by its id
 * or its send key and only publishes its events again.
 */
@Configuration(proxyBeanMethods = false)
class KafkaCommits {

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asynchronousCommits() {
		return ListenerCommits.asynchronous();
	}

}
