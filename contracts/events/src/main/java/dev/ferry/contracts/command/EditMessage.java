package dev.ferry.contracts.command;

import java.util.Arrays;
import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.MessageRejected;
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

	@Override
	public List<String> clientTexts() {
		return Arrays.asList(this.content);
	}

	@Override
	public MessageRejected rejected(ErrorCode code, String reason) {
		return new MessageRejected(this.conversationId, this.actorId, null, this.messageId, code.code(), reason);
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.edit(this);
	}

}
