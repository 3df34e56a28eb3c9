package dev.ferry.delivery.group;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.conversation.ConversationRecord;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
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
 * {@code chat.conversations.v1} (each group as created, and each later change of a
 * member), read from the start and then followed, and from the {@link GroupChanged}
 * events the router meets, which come in the group's own order with its messages. For
 * each member, whichever source is newer, by the seq of the change, wins: a member
 * removed is gone before the router meets the group's next message.
 * <p>
 * No group is told until the whole topic as it stood at start has been read: until then a
 * member removed before a restart could still be listed from an older record.
 */
@Component
public class GroupRoster extends CompactedTopicFollower<ConversationRecord> {

	private final Map<ConversationId, RosterEntry> groups = new ConcurrentHashMap<>();

	GroupRoster(KafkaProperties kafka, MeterRegistry meters) {
		super(kafka.buildConsumerProperties(), "ferry-delivery-groups", Topics.CONVERSATIONS, ConversationRecord.class);
		Gauge.builder("ferry.delivery.groups", this.groups, Map::size)
			.description("Groups whose members are known")
			.register(meters);
	}

	/**
	 * The group's members and former members; nothing for a group not known, or for any
	 * group while the topic is still being read after a start.
	 */
	public Optional<GroupMembers> group(ConversationId id) {
		RosterEntry entry = this.groups.get(id);
		return (entry != null && isComplete()) ? Optional.ofNullable(entry.members()) : Optional.empty();
	}

	/**
	 * Takes what a change did to the group's members, as the topic keeps it, unless a
	 * later change is known.
	 */
	public void changed(GroupChanged event) {
		ConversationRecord.ofGroupChange(event).ifPresent(this::fold);
	}

	/** Whether every group the topic held at start has been read. */
	public boolean isComplete() {
		return isCaughtUp();
	}

	@Override
	protected void apply(Envelope<ConversationRecord> record) {
		fold(record.payload());
	}

	private void fold(ConversationRecord record) {
		record.accept(new ConversationRecord.Visitor<Void>() {

			@Override
			public Void started(ConversationStarted started) {
				Group group = started.group();
				if (group != null) {
					entry(started.conversationId()).whole(group.history(), group.members(), group.changedSeq());
				}
				return null;
			}

			@Override
			public Void membership(GroupMembership membership) {
				entry(membership.conversationId()).seat(membership.userId(), membership.joinedAtSeq(),
						membership.leftAtSeq(), membership.changedSeq());
				return null;
			}

		});
	}

	private RosterEntry entry(ConversationId id) {
		return this.groups.computeIfAbsent(id, (key) -> new RosterEntry());
	}

}
