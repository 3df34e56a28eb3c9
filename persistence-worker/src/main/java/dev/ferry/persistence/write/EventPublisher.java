package dev.ferry.persistence.write;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.ferry.contracts.conversation.ConversationRecord;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.kafka.Acknowledgements;
import dev.ferry.contracts.observability.RecordTraces;
import dev.ferry.contracts.topic.Topics;
import io.micrometer.tracing.Span;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the authoritative events of a committed batch to {@code chat.events.v1}, and
 * each new conversation and change of a group's members to {@code chat.conversations.v1},
 * and waits until Kafka acknowledged every one, so offsets are committed only after that.
 * Each event is sent in the trace of the command that caused it.
 */
@Component
class EventPublisher {

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTemplate<String, Envelope<? extends Payload>> kafka;

	private final RecordTraces traces;

	EventPublisher(KafkaTemplate<String, Envelope<? extends Payload>> kafka, RecordTraces traces) {
		this.kafka = kafka;
		this.traces = traces;
	}

	/**
	 * Publishes the events.
	 * @param causes the span of the command that caused each event
	 */
	void publish(List<Envelope<ChatEvent>> events, Function<Envelope<ChatEvent>, Span> causes) {
		List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
		for (Envelope<ChatEvent> event : events) {
			this.traces.within(causes.apply(event), () -> {
				sends.add(this.kafka.send(Topics.EVENTS.name(), Topics.keyOf(event.payload()), event));
				if (event.payload() instanceof MessageCreated created && created.seq() == 1
						&& created.message().receiverId() != null) {
					sends.add(started(created, event));
				}
				if (event.payload() instanceof GroupChanged changed) {
					// A group's creation publishes it with its members, each later change
					// of its
					// members that member's membership alone: nothing there grows with
					// the
					// group.
					ConversationRecord.ofGroupChange(changed)
						.ifPresent((record) -> sends.add(published(record, event)));
				}
				return null;
			});
		}
		// The events linger in the producer until all are sent, then go in one request.
		this.kafka.flush();
		Acknowledgements.await(sends, ACK_TIMEOUT, "the events of a committed batch");
	}

	/**
	 * A conversation's first message says it exists: published with it, again whenever
	 * that event is, so the compacted topic has it even if the batch is applied again.
	 */
	private CompletableFuture<?> started(MessageCreated created, Envelope<ChatEvent> event) {
		ChatMessage message = created.message();
		return published(new ConversationStarted(created.conversationId(),
				List.of(message.senderId(), message.receiverId()), message.createdAt()), event);
	}

	private CompletableFuture<?> published(ConversationRecord record, Envelope<ChatEvent> event) {
		return this.kafka.send(Topics.CONVERSATIONS.name(), Topics.keyOf(record),
				Envelope.of(
						UUID.nameUUIDFromBytes(
								("conversation-started:" + event.eventId()).getBytes(StandardCharsets.UTF_8)),
						record, event.occurredAt()));
	}

}
