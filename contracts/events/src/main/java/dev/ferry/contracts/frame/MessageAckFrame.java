package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.message.MessageStatus;

/**
 * {@code message-ack}: Kafka durably accepted the send.
 *
 * @param tempId the client's id of the message
 * @param conversationId its conversation
 * @param status always {@code PENDING}
 */
public record MessageAckFrame(String tempId, ConversationId conversationId,
		MessageStatus status) implements ServerFrame {
}
