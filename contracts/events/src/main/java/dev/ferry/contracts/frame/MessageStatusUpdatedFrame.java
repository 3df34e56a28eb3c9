package dev.ferry.contracts.frame;

import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.json.AddedField;
import dev.ferry.contracts.message.MessageStatus;

/**
 * {@code message-status-updated}: a reader's mark advanced.
 *
 * @param conversationId the conversation
 * @param seq the conversation seq of the receipt
 * @param id the message the reader reported
 * @param status {@code DELIVERED} or {@code READ}
 * @param upToSeq every message of that sender with {@code seq <= upToSeq} has at least
 * {@code status} (in a group: the reader's mark)
 * @param counts in a group, how many members received and read the message {@code id};
 * {@code null} in a direct conversation
 */
public record MessageStatusUpdatedFrame(ConversationId conversationId, long seq, MessageId id, MessageStatus status,
		long upToSeq, @AddedField ReceiptCounts counts) implements ServerFrame {

	/** A receipt in a direct conversation. */
	public MessageStatusUpdatedFrame(ConversationId conversationId, long seq, MessageId id, MessageStatus status,
			long upToSeq) {
		this(conversationId, seq, id, status, upToSeq, null);
	}

}
