package dev.ferry.gateway;

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
 * The gateway: what every chat client talks to.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(TopicSafety.class)
@Import(ServiceObservability.class)
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

	/**
	 * The topics it writes commands, signals and presence to, and reads its pushes from,
	 * checked before any of them is used.
	 */
	@Bean
	TopicSafetyCheck topicSafetyCheck(KafkaProperties kafka, TopicSafety safety) {
		return new TopicSafetyCheck(kafka.buildAdminProperties(), safety,
				List.of(Topics.INBOUND, Topics.SIGNALS, Topics.PRESENCE, Topics.DELIVERY, Topics.USERS));
	}

	/**
	 * Its database login and the token Prometheus scrapes it with have no default: it
	 * does not start without them.
	 */
	@Bean
	static RequiredSettings requiredSettings() {
		return new RequiredSettings("spring.datasource.username", "spring.datasource.password",
				"ferry.metrics.scrape-token");
	}

	/**
	 * The clock of every time this service stamps or compares; tests may give their own.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
