package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;

/**
 * {@code message-deleted}: a message was deleted.
 *
 * @param conversationId the conversation
 * @param seq the conversation seq of the deletion
 * @param id the deleted message
 */
public record MessageDeletedFrame(ConversationId conversationId, long seq, MessageId id) implements ServerFrame {
}
