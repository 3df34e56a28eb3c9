package dev.ferry.gateway.presence;

import java.time.Clock;
import java.time.Instant;

import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.kafka.PresenceFollower;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Who is online on any gateway, for {@code GET /users}.
 */
@Component
public class PresenceView extends PresenceFollower {

	private final Clock clock;

	PresenceView(KafkaProperties kafka, Clock clock) {
		super(kafka.buildConsumerProperties(), "ferry-presence-view");
		this.clock = clock;
	}

	public boolean isOnline(UserId user) {
		return table().isOnline(user, this.clock.instant());
	}

	public Instant lastSeenAt(UserId user) {
		return table().lastSeenAt(user);
	}

}
