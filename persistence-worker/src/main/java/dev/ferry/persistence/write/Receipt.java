package dev.ferry.persistence.write;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageStatus;

/**
 * One advanced receipt mark.
 *
 * @param conversationId the conversation
 * @param senderId whose messages it covers
 * @param fromSeq the reader's mark before it: the covered messages up to there have its
 * status already
 * @param upToSeq the mark
 * @param status the status the covered messages reach
 * @param seq the conversation seq of the change
 */
record Receipt(ConversationId conversationId, UserId senderId, long fromSeq, long upToSeq, MessageStatus status,
		long seq) {
}
