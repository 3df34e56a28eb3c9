package dev.ferry.gateway.conversation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts accepted commands on {@code chat.inbound.v1}, keyed by conversation. A command is
 * accepted once Kafka acknowledged it: that is what "accepted" means to a client. Nothing
 * waits for that here; the caller answers when the returned future completes.
 */
@Component
class CommandPublisher {

	private static final Logger logger = LoggerFactory.getLogger(CommandPublisher.class);

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final GatewaySettings settings;

	CommandPublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, GatewaySettings settings) {
		this.kafka = kafka;
		this.settings = settings;
	}

	/**
	 * Publishes a command.
	 * @return completes when Kafka acknowledged it, or fails with {@code unavailable} if
	 * it did not within the publish timeout
	 */
	CompletableFuture<Void> publish(Envelope<? extends InboundCommand> command) {
		try {
			return this.kafka.send(Topics.INBOUND.name(), Topics.keyOf(command.payload()), command)
				.orTimeout(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.handle((result, failure) -> {
					if (failure != null) {
						logger.warn("Command {} not accepted by Kafka", command.eventId(), failure);
						throw ChatException.unavailable();
					}
					return null;
				});
		}
		catch (RuntimeException ex) {
			logger.warn("Command {} not accepted by Kafka", command.eventId(), ex);
			return CompletableFuture.failedFuture(ChatException.unavailable());
		}
	}

	/**
	 * Sends an ephemeral signal without waiting: a lost typing indicator costs nothing.
	 */
	void signal(Envelope<TypingSignal> signal) {
		this.kafka.send(Topics.SIGNALS.name(), Topics.keyOf(signal.payload()), signal);
	}

}
