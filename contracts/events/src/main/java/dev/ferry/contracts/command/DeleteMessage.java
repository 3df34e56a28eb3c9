package dev.ferry.contracts.command;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;

/**
 * Delete a message, leaving a tombstone with its id and seq; only its sender may.
 *
 * @param messageId the message
 * @param conversationId its conversation
 * @param actorId who asks
 */
public record DeleteMessage(MessageId messageId, ConversationId conversationId,
		UserId actorId) implements InboundCommand {
}
