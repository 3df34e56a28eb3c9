package dev.ferry.contracts.event;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;

/**
 * A persisted change, published by the persistence worker after its transaction
 * committed.
 */
public sealed interface ChatEvent extends Payload
		permits MessageCreated, MessageEdited, MessageDeleted, MessageStatusChanged, MessageRejected {

	/** The conversation that changed; the record key. */
	ConversationId conversationId();

	@Override
	default String recordKey() {
		return conversationId().toString();
	}

}
