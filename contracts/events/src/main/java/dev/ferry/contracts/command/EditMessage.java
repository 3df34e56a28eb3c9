package dev.ferry.contracts.command;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;

/**
 * Replace a message's content; only its sender may.
 *
 * @param messageId the message
 * @param conversationId its conversation
 * @param actorId who asks
 * @param content the new text
 */
public record EditMessage(MessageId messageId, ConversationId conversationId, UserId actorId,
		String content) implements InboundCommand {
}
