package dev.ferry.contracts.conversation;

import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * A conversation exists, with its members, on the compacted
 * {@code chat.conversations.v1}: who shares a conversation with whom, readable in full
 * without the database.
 *
 * @param conversationId the conversation; the record key
 * @param members its members
 * @param startedAt when its first message was persisted
 */
public record ConversationStarted(ConversationId conversationId, List<UserId> members,
		Instant startedAt) implements Payload {

	@Override
	public String recordKey() {
		return this.conversationId.toString();
	}

}
