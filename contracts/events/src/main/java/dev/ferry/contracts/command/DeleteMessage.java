package dev.ferry.contracts.command;

import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.MessageRejected;
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

	@Override
	public List<String> clientTexts() {
		return List.of();
	}

	@Override
	public MessageRejected rejected(ErrorCode code, String reason) {
		return new MessageRejected(this.conversationId, this.actorId, null, this.messageId, code.code(), reason);
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.delete(this);
	}

}
