package dev.ferry.contracts.event;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;

/**
 * A persisted change, published by the persistence worker after its transaction
 * committed.
 */
public sealed interface ChatEvent extends Payload
		permits MessageCreated, MessageEdited, MessageDeleted, MessageStatusChanged, MessageRejected, GroupChanged {

	/** The conversation that changed; the record key. */
	ConversationId conversationId();

	@Override
	default String recordKey() {
		return conversationId().toString();
	}

	/**
	 * Hands this event to the visitor's method for its type. Every event type implements
	 * it, so a new type does not compile until every visitor handles it.
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * What to do with each type of event.
	 *
	 * @param <R> what each method returns
	 */
	interface Visitor<R> {

		R created(MessageCreated event);

		R edited(MessageEdited event);

		R deleted(MessageDeleted event);

		R statusChanged(MessageStatusChanged event);

		R rejected(MessageRejected event);

		R groupChanged(GroupChanged event);

	}

}
