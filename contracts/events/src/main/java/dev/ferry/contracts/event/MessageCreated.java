package dev.ferry.contracts.event;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.message.ChatMessage;

/**
 * A message was persisted; {@code seq} is its place in the conversation.
 *
 * @param conversationId the conversation
 * @param seq the conversation seq this change took
 * @param message the message as it is after the change
 */
public record MessageCreated(ConversationId conversationId, long seq, ChatMessage message) implements ChatEvent {

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.created(this);
	}

}
