package dev.ferry.contracts.command;

import java.util.Arrays;
import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.AddedField;

/**
 * Write a new message. {@code (senderId, tempId)} is its idempotency key: a retry never
 * makes a second message.
 *
 * @param messageId the id the gateway proposes
 * @param conversationId the direct conversation of sender and receiver, or a group
 * @param senderId the author
 * @param receiverId the reader; {@code null} in a group
 * @param tempId the sender's client id for the message
 * @param content the text; may be empty when files are attached
 * @param attachmentIds the sender's uploads to attach, in order (added in version 2)
 */
public record SendMessage(MessageId messageId, ConversationId conversationId, UserId senderId, UserId receiverId,
		String tempId, String content, @AddedField List<AttachmentId> attachmentIds) implements InboundCommand {

	public SendMessage {
		attachmentIds = (attachmentIds != null) ? List.copyOf(attachmentIds) : List.of();
	}

	/** A send without attachments. */
	public SendMessage(MessageId messageId, ConversationId conversationId, UserId senderId, UserId receiverId,
			String tempId, String content) {
		this(messageId, conversationId, senderId, receiverId, tempId, content, List.of());
	}

	/** Whether this is a send to a group, which has no receiver. */
	public boolean toGroup() {
		return this.receiverId == null;
	}

	@Override
	public UserId actorId() {
		return this.senderId;
	}

	@Override
	public List<String> clientTexts() {
		return Arrays.asList(this.tempId, this.content);
	}

	/** The refusal of a send names its temp id: the message never got an id. */
	@Override
	public MessageRejected rejected(ErrorCode code, String reason) {
		return new MessageRejected(this.conversationId, this.senderId, this.tempId, null, code.code(), reason);
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.send(this);
	}

}
