package dev.ferry.contracts.command;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;

/**
 * Write a new message. {@code (senderId, tempId)} is its idempotency key: a retry never
 * makes a second message.
 *
 * @param messageId the id the gateway proposes
 * @param conversationId the direct conversation of sender and receiver
 * @param senderId the author
 * @param receiverId the reader
 * @param tempId the sender's client id for the message
 * @param content the text
 */
public record SendMessage(MessageId messageId, ConversationId conversationId, UserId senderId, UserId receiverId,
		String tempId, String content) implements InboundCommand {

	@Override
	public UserId actorId() {
		return this.senderId;
	}

}
