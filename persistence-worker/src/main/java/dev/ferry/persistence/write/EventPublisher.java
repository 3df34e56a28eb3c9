package dev.ferry.persistence.write;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.kafka.Acknowledgements;
import dev.ferry.contracts.topic.Topics;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the authoritative events of a committed batch to {@code chat.events.v1} and
 * waits until Kafka acknowledged every one, so offsets are committed only after that.
 */
@Component
class EventPublisher {

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	EventPublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka) {
		this.kafka = kafka;
	}

	void publish(List<Envelope<ChatEvent>> events) {
		List<CompletableFuture<?>> sends = events.stream()
			.<CompletableFuture<?>>map(
					(event) -> this.kafka.send(Topics.EVENTS.name(), Topics.keyOf(event.payload()), event))
			.toList();
		// The events linger in the producer until all are sent, then go in one request.
		this.kafka.flush();
		Acknowledgements.await(sends, ACK_TIMEOUT, "the events of a committed batch");
	}

}
