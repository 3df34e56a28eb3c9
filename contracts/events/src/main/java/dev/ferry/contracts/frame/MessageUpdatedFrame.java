package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.message.ChatMessage;

/**
 * {@code message-updated}: a message was edited.
 *
 * @param conversationId the conversation
 * @param seq the conversation seq of this change
 * @param message the message after the change
 */
public record MessageUpdatedFrame(ConversationId conversationId, long seq, ChatMessage message) implements ServerFrame {
}
