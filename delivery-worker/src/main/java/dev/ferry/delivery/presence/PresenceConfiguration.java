package dev.ferry.delivery.presence;

import dev.ferry.contracts.presence.PresenceTable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The presence table, one per worker: the tracker folds {@code chat.presence.v1} into it,
 * routing reads who is where, and the push publisher reads which partition each node
 * reads.
 */
@Configuration(proxyBeanMethods = false)
class PresenceConfiguration {

	@Bean
	PresenceTable presenceTable() {
		return new PresenceTable();
	}

}
