package dev.ferry.contracts.conversation;

import dev.ferry.contracts.envelope.Payload;

/**
 * What the compacted {@code chat.conversations.v1} holds: who shares which conversation,
 * readable in full without the database.
 */
public sealed interface ConversationRecord extends Payload permits ConversationStarted, GroupMembership {

	/**
	 * Hands this record to the visitor's method for its type, so a new type does not
	 * compile until every reader handles it.
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * What to do with each type of record.
	 *
	 * @param <R> what each method returns
	 */
	interface Visitor<R> {

		R started(ConversationStarted started);

		R membership(GroupMembership membership);

	}

}
