package dev.ferry.persistence.write;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.topic.Topics;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the authoritative events of a committed batch to {@code chat.events.v1} and
 * waits until Kafka acknowledged every one, so offsets are committed only after that.
 */
@Component
class EventPublisher {

	private static final long ACK_TIMEOUT_SECONDS = 30;

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	EventPublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka) {
		this.kafka = kafka;
	}

	void publish(List<Envelope<ChatEvent>> events) {
		CompletableFuture<?>[] sends = events.stream()
			.map((event) -> this.kafka.send(Topics.EVENTS.name(), Topics.keyOf(event.payload()), event))
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(sends).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EventPublishException("Interrupted while publishing events", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new EventPublishException("Kafka did not acknowledge the events of a committed batch", ex);
		}
	}

}
