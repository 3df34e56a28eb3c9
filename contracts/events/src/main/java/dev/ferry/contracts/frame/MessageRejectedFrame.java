package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;

/**
 * {@code message-rejected}: the pipeline refused a command the gateway had accepted.
 *
 * @param tempId the client id of a refused send, else {@code null}
 * @param id the message concerned, or {@code null}
 * @param conversationId the conversation
 * @param code the error code
 * @param message a human-readable explanation
 */
public record MessageRejectedFrame(String tempId, MessageId id, ConversationId conversationId, String code,
		String message) implements ServerFrame {
}
