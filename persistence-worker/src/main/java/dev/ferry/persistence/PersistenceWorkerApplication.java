package dev.ferry.persistence;

import java.time.Clock;
import java.util.List;

import dev.ferry.contracts.kafka.TopicSafety;
import dev.ferry.contracts.kafka.TopicSafetyCheck;
import dev.ferry.contracts.observability.ServiceObservability;
import dev.ferry.contracts.settings.RequiredSettings;
import dev.ferry.contracts.topic.Topics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The persistence worker: accepted commands in, rows and authoritative events out.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(TopicSafety.class)
@Import(ServiceObservability.class)
public class PersistenceWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(PersistenceWorkerApplication.class, args);
	}

	/**
	 * The topics it reads commands from and writes events and dead letters to, checked
	 * before any of them is used.
	 */
	@Bean
	TopicSafetyCheck topicSafetyCheck(KafkaProperties kafka, TopicSafety safety) {
		return new TopicSafetyCheck(kafka.buildAdminProperties(), safety,
				List.of(Topics.INBOUND, Topics.INBOUND.deadLetterTopic(), Topics.EVENTS, Topics.CONVERSATIONS));
	}

	/** Its database login has no default: it does not start without one. */
	@Bean
	static RequiredSettings requiredSettings() {
		return new RequiredSettings("spring.datasource.username", "spring.datasource.password");
	}

	/**
	 * The clock of every time this service stamps or compares; tests may give their own.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
