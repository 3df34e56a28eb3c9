package dev.ferry.persistence.write;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.ferry.contracts.conversation.ConversationRecord;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.event.MessageCreated;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupSummary;
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
					membersOf(changed).ifPresent((record) -> sends.add(published(record, event)));
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

	/**
	 * A group's creation publishes it with its members; each later change of its members
	 * publishes that member's membership alone, so the compacted topic tells every
	 * group's members in records that do not grow with the group. A rename publishes
	 * nothing there.
	 */
	private static Optional<ConversationRecord> membersOf(GroupChanged changed) {
		GroupSummary summary = changed.group();
		if (changed.members().isEmpty()) {
			// A rename: the members stay as they are.
			return Optional.empty();
		}
		if (changed.change() == GroupChange.CREATED) {
			return Optional.of(new ConversationStarted(changed.conversationId(),
					changed.members().stream().map(GroupMember::userId).toList(), summary.createdAt(),
					new Group(summary.title(), summary.history(), changed.members(), summary.createdAt(),
							changed.seq())));
		}
		boolean gone = changed.change() == GroupChange.MEMBER_REMOVED || changed.change() == GroupChange.MEMBER_LEFT;
		GroupMember member = changed.members().get(0);
		return Optional.of(new GroupMembership(changed.conversationId(), member.userId(), member.role(),
				member.joinedAtSeq(), gone ? changed.seq() : null, changed.seq()));
	}

	private CompletableFuture<?> published(ConversationRecord record, Envelope<ChatEvent> event) {
		return this.kafka.send(Topics.CONVERSATIONS.name(), Topics.keyOf(record),
				Envelope.of(
						UUID.nameUUIDFromBytes(
								("conversation-started:" + event.eventId()).getBytes(StandardCharsets.UTF_8)),
						record, event.occurredAt()));
	}

}
