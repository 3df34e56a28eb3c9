package dev.ferry.contracts.event;

import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.AddedField;
import dev.ferry.contracts.message.MessageStatus;

/**
 * A reader's receipt mark advanced: in a direct conversation, every message of
 * {@code senderId} with {@code seq <= upToSeq} now has at least {@code status}; in a
 * group, the reader received or read every message up to {@code upToSeq}, the seq of the
 * message reported (a group's message keeps its own status: {@code counts} says how far
 * it got).
 *
 * @param conversationId the conversation
 * @param seq the conversation seq this change took
 * @param messageId the message the reader reported, or {@code null} for a read-up-to
 * report
 * @param readerId who received or read
 * @param senderId whose messages the mark covers
 * @param status {@code DELIVERED} or {@code READ}
 * @param upToSeq the new mark
 * @param counts in a group, how many members received and read the message reported;
 * {@code null} in a direct conversation (added in version 2)
 */
public record MessageStatusChanged(ConversationId conversationId, long seq, MessageId messageId, UserId readerId,
		UserId senderId, MessageStatus status, long upToSeq, @AddedField ReceiptCounts counts) implements ChatEvent {

	/** A receipt in a direct conversation. */
	public MessageStatusChanged(ConversationId conversationId, long seq, MessageId messageId, UserId readerId,
			UserId senderId, MessageStatus status, long upToSeq) {
		this(conversationId, seq, messageId, readerId, senderId, status, upToSeq, null);
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.statusChanged(this);
	}

}
