package dev.ferry.delivery.group;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.kafka.CompactedTopicFollower;
import dev.ferry.contracts.topic.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Every group's members, without the database: folded from the compacted
 * {@code chat.conversations.v1} (each group's latest record), read from the start and
 * then followed, and from the {@link GroupChanged} events the router meets, which come in
 * the group's own order with its messages. Whichever source is newer, by the seq of the
 * change, wins: a member removed is gone before the router meets the group's next
 * message.
 */
@Component
public class GroupRoster extends CompactedTopicFollower<ConversationStarted> {

	private final Map<ConversationId, Group> groups = new ConcurrentHashMap<>();

	GroupRoster(KafkaProperties kafka, MeterRegistry meters) {
		super(kafka.buildConsumerProperties(), "ferry-delivery-groups", Topics.CONVERSATIONS,
				ConversationStarted.class);
		Gauge.builder("ferry.delivery.groups", this.groups, Map::size)
			.description("Groups whose members are known")
			.register(meters);
	}

	/** The group as its latest change known here left it. */
	public Optional<Group> group(ConversationId id) {
		return Optional.ofNullable(this.groups.get(id));
	}

	/** Takes the group as a change left it, unless a later change is known already. */
	public void changed(GroupChanged event) {
		update(event.conversationId(), event.group());
	}

	/** Whether every group the topic held at start has been read. */
	public boolean isComplete() {
		return isCaughtUp();
	}

	@Override
	protected void apply(Envelope<ConversationStarted> record) {
		if (record.payload().group() != null) {
			update(record.payload().conversationId(), record.payload().group());
		}
	}

	private void update(ConversationId id, Group group) {
		this.groups.merge(id, group, (known, offered) -> (offered.changedSeq() > known.changedSeq()) ? offered : known);
	}

}
