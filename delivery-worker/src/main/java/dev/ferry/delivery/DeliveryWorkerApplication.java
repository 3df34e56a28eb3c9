package dev.ferry.delivery;

import java.time.Clock;
import java.util.List;

import dev.ferry.contracts.kafka.TopicSafety;
import dev.ferry.contracts.kafka.TopicSafetyCheck;
import dev.ferry.contracts.observability.ServiceObservability;
import dev.ferry.contracts.topic.Topics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The delivery worker: authoritative events, typing signals and presence in, pushes
 * routed to the gateway nodes of the people concerned out.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(TopicSafety.class)
@Import(ServiceObservability.class)
public class DeliveryWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(DeliveryWorkerApplication.class, args);
	}

	/**
	 * The topics it reads events, signals and presence from and writes pushes and dead
	 * letters to, checked before any of them is used.
	 */
	@Bean
	TopicSafetyCheck topicSafetyCheck(KafkaProperties kafka, TopicSafety safety) {
		return new TopicSafetyCheck(kafka.buildAdminProperties(), safety,
				List.of(Topics.EVENTS, Topics.EVENTS.deadLetterTopic(), Topics.SIGNALS,
						Topics.SIGNALS.deadLetterTopic(), Topics.PRESENCE, Topics.DELIVERY, Topics.CONVERSATIONS));
	}

	/**
	 * The clock of every time this service stamps or compares; tests may give their own.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
