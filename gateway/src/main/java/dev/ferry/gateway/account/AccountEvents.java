package dev.ferry.gateway.account;

import java.time.Clock;
import java.util.List;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.kafka.Acknowledgements;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.contracts.user.UserChanged;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each change of a user on the compacted {@code chat.users.v1} and waits until
 * Kafka has it: the change's transaction commits only then, so a change Kafka did not
 * take is not made ({@code unavailable}).
 */
@Component
class AccountEvents {

	private static final Logger logger = LoggerFactory.getLogger(AccountEvents.class);

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final GatewaySettings settings;

	private final Clock clock;

	AccountEvents(KafkaTemplate<String, Envelope<? extends Payload>> kafka, GatewaySettings settings, Clock clock) {
		this.kafka = kafka;
		this.settings = settings;
		this.clock = clock;
	}

	void publish(Account account) {
		UserChanged changed = account.changed(this.clock.instant());
		try {
			Acknowledgements.await(
					List.of(this.kafka.send(Topics.USERS.name(), Topics.keyOf(changed),
							Envelope.of(changed, changed.changedAt()))),
					this.settings.publishTimeout(), "a change of a user");
		}
		catch (RuntimeException ex) {
			logger.warn("Change of user {} not accepted by Kafka", account.id(), ex);
			throw ChatException.unavailable();
		}
	}

}
