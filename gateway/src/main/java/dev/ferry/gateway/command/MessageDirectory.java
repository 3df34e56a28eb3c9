package dev.ferry.gateway.command;

import java.util.Optional;
import java.util.UUID;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import org.jooq.DSLContext;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * What the gateway needs to know to authorise a command: who a message is between, and
 * whether a user exists.
 */
@Repository
class MessageDirectory {

	private final DSLContext dsl;

	MessageDirectory(DSLContext dsl) {
		this.dsl = dsl;
	}

	Optional<MessageParties> parties(MessageId id) {
		return this.dsl.select(MESSAGES.CONVERSATION_ID, MESSAGES.SENDER_ID, MESSAGES.RECEIVER_ID, MESSAGES.DELETED_AT)
			.from(MESSAGES)
			.where(MESSAGES.ID.eq(id.value()))
			.fetchOptional((row) -> new MessageParties(id, new ConversationId(row.value1()), new UserId(row.value2()),
					new UserId(row.value3()), row.value4() != null));
	}

	boolean userExists(UUID id) {
		return this.dsl.fetchExists(USERS, USERS.ID.eq(id));
	}

	/**
	 * A message's place and people.
	 *
	 * @param id the message
	 * @param conversationId its conversation
	 * @param senderId who wrote it
	 * @param receiverId who it is for
	 * @param deleted whether it was deleted
	 */
	record MessageParties(MessageId id, ConversationId conversationId, UserId senderId, UserId receiverId,
			boolean deleted) {

		boolean includes(UserId user) {
			return this.senderId.equals(user) || this.receiverId.equals(user);
		}

	}

}
