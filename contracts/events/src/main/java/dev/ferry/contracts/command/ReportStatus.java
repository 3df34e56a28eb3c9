package dev.ferry.contracts.command;

import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageStatus;

/**
 * A reader's receipt: it received ({@code DELIVERED}) or read ({@code READ}) a message
 * and every earlier message from the same peer. Either {@code messageId} or
 * {@code upToSeq} names how far.
 *
 * @param conversationId the conversation
 * @param actorId the reader
 * @param messageId the message reported, or {@code null} for a read-up-to report
 * @param upToSeq the conversation seq reported up to, or {@code null} when a message is
 * named
 * @param status {@code DELIVERED} or {@code READ}
 */
public record ReportStatus(ConversationId conversationId, UserId actorId, MessageId messageId, Long upToSeq,
		MessageStatus status) implements InboundCommand {

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
		return visitor.report(this);
	}

}
