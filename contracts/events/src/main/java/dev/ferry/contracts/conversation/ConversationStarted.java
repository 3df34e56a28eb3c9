package dev.ferry.contracts.conversation;

import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.AddedField;

/**
 * A conversation exists, with its members, on the compacted
 * {@code chat.conversations.v1}: who shares a conversation with whom, readable in full
 * without the database. A group's is published when it is created, with the members it
 * was created with; each later change of its members is a {@link GroupMembership} of its
 * own (an older version published the whole group again after each change: such a record
 * says which members it had as of {@code group.changedSeq()}).
 *
 * @param conversationId the conversation; the record key
 * @param members its members (a group's as of {@code group.changedSeq()})
 * @param startedAt when its first message was persisted, or the group created
 * @param group the group with its members as of its creation (or as the database held it
 * when a backfill announced it); {@code null} for a direct conversation (added in version
 * 2)
 */
public record ConversationStarted(ConversationId conversationId, List<UserId> members, Instant startedAt,
		@AddedField Group group) implements ConversationRecord {

	/** A direct conversation. */
	public ConversationStarted(ConversationId conversationId, List<UserId> members, Instant startedAt) {
		this(conversationId, members, startedAt, null);
	}

	@Override
	public String recordKey() {
		return this.conversationId.toString();
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.started(this);
	}

}
