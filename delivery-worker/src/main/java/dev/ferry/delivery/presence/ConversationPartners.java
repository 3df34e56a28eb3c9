package dev.ferry.delivery.presence;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.conversation.ConversationRecord;
import dev.ferry.contracts.conversation.ConversationStarted;
import dev.ferry.contracts.conversation.GroupMembership;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.kafka.CompactedTopicFollower;
import dev.ferry.contracts.topic.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Who shares a conversation with whom, folded from the whole compacted
 * {@code chat.conversations.v1}, read from the start and then followed: presence goes to
 * a user's conversation partners without a database query per change.
 */
@Component
public class ConversationPartners extends CompactedTopicFollower<ConversationRecord> {

	private final Map<UserId, Set<UserId>> partners = new ConcurrentHashMap<>();

	ConversationPartners(KafkaProperties kafka, MeterRegistry meters) {
		super(kafka.buildConsumerProperties(), "ferry-delivery-partners", Topics.CONVERSATIONS,
				ConversationRecord.class);
		Gauge.builder("ferry.delivery.partners.users", this.partners, Map::size)
			.description("Users with at least one conversation partner known")
			.register(meters);
	}

	/** The user's conversation partners known so far. */
	public Set<UserId> of(UserId user) {
		return this.partners.getOrDefault(user, Set.of());
	}

	/** Whether every conversation the topic held at start has been read. */
	boolean isComplete() {
		return isCaughtUp();
	}

	@Override
	protected void apply(Envelope<ConversationRecord> record) {
		record.payload().accept(new ConversationRecord.Visitor<Void>() {

			@Override
			public Void started(ConversationStarted started) {
				// Presence goes to direct partners only: a group would tell each member
				// about every other.
				if (started.group() == null) {
					partners(started.members());
				}
				return null;
			}

			@Override
			public Void membership(GroupMembership membership) {
				return null;
			}

		});
	}

	private void partners(List<UserId> members) {
		for (UserId member : members) {
			Set<UserId> others = this.partners.computeIfAbsent(member, (key) -> ConcurrentHashMap.newKeySet());
			members.stream().filter((other) -> !other.equals(member)).forEach(others::add);
		}
	}

}
