package dev.ferry.gateway.command;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.signal.TypingSignal;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts accepted commands on {@code chat.inbound.v1}, keyed by conversation, and returns
 * only once Kafka acknowledged them: that is what "accepted" means to a client.
 */
@Component
class CommandPublisher {

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final GatewaySettings settings;

	CommandPublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, GatewaySettings settings) {
		this.kafka = kafka;
		this.settings = settings;
	}

	void publish(Envelope<? extends InboundCommand> command) {
		try {
			this.kafka.send(Topics.INBOUND.name(), Topics.keyOf(command.payload()), command)
				.get(this.settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw unavailable();
		}
	}

	/**
	 * Sends an ephemeral signal without waiting: a lost typing indicator costs nothing.
	 */
	void signal(Envelope<TypingSignal> signal) {
		this.kafka.send(Topics.SIGNALS.name(), Topics.keyOf(signal.payload()), signal);
	}

	private static ChatException unavailable() {
		return new ChatException("unavailable", HttpStatus.SERVICE_UNAVAILABLE,
				"The command was not accepted; nothing was stored. Retry.");
	}

}
