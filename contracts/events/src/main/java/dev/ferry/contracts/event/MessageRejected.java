package dev.ferry.contracts.event;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;

/**
 * The pipeline refused a command the gateway had accepted; nothing changed and no seq was
 * taken. A refused send leaves its message FAILED.
 *
 * @param conversationId the conversation
 * @param actorId who issued the command
 * @param tempId the client id of a refused send, else {@code null}
 * @param messageId the message concerned, or {@code null} for a send that never got one
 * @param code an error code of the client protocol, such as {@code forbidden}
 * @param reason a human-readable explanation
 */
public record MessageRejected(ConversationId conversationId, UserId actorId, String tempId, MessageId messageId,
		String code, String reason) implements ChatEvent {

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.rejected(this);
	}

}
