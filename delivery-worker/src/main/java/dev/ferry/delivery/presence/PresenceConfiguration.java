package dev.ferry.delivery.presence;

import dev.ferry.contracts.presence.PresenceTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The presence table, one per worker: the tracker folds {@code chat.presence.v1} into it,
 * routing reads who is where, and the push publisher reads which partition each node
 * reads. Spring's task scheduler runs the tracker's sweeps.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PresenceConfiguration {

	@Bean
	PresenceTable presenceTable() {
		return new PresenceTable();
	}

}
