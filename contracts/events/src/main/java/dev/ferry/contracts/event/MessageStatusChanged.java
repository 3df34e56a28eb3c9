package dev.ferry.contracts.event;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageStatus;

/**
 * A reader's receipt mark advanced: every message of {@code senderId} in the conversation
 * with {@code seq <= upToSeq} now has at least {@code status}.
 *
 * @param conversationId the conversation
 * @param seq the conversation seq this change took
 * @param messageId the message the reader reported, or {@code null} for a read-up-to
 * report
 * @param readerId who received or read
 * @param senderId whose messages the mark covers
 * @param status {@code DELIVERED} or {@code READ}
 * @param upToSeq the new mark
 */
public record MessageStatusChanged(ConversationId conversationId, long seq, MessageId messageId, UserId readerId,
		UserId senderId, MessageStatus status, long upToSeq) implements ChatEvent {

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.statusChanged(this);
	}

}
