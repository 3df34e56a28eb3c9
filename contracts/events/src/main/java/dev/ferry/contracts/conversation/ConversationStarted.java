package dev.ferry.contracts.conversation;

import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.AddedField;

/**
 * A conversation exists, with its members, on the compacted
 * {@code chat.conversations.v1}: who shares a conversation with whom, readable in full
 * without the database. A group's record is published again after each of its changes, so
 * the latest one per key is the group as it is.
 *
 * @param conversationId the conversation; the record key
 * @param members its members (a group's as of its latest change)
 * @param startedAt when its first message was persisted, or the group created
 * @param group the group as of its latest change; {@code null} for a direct conversation
 * (added in version 2)
 */
public record ConversationStarted(ConversationId conversationId, List<UserId> members, Instant startedAt,
		@AddedField Group group) implements Payload {

	/** A direct conversation. */
	public ConversationStarted(ConversationId conversationId, List<UserId> members, Instant startedAt) {
		this(conversationId, members, startedAt, null);
	}

	@Override
	public String recordKey() {
		return this.conversationId.toString();
	}

}
