package dev.ferry.gateway.conversation;

import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import org.jooq.DSLContext;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * What the gateway needs to know to authorise a command: who a message is between, and
 * whether a user exists. What never changes is kept in memory, so the commands of a chat
 * in full flow (sends to the same people, receipts for messages just pushed) cost no
 * database round trip: users are never deleted, and a message's conversation and people
 * are fixed when it is created.
 */
@Repository
public class MessageDirectory {

	private static final int KNOWN_USERS = 100_000;

	private static final int KNOWN_MESSAGES = 200_000;

	private final DSLContext dsl;

	private final Cache<UUID, Boolean> knownUsers = Caffeine.newBuilder().maximumSize(KNOWN_USERS).build();

	private final Cache<MessageId, MessageParties> knownMessages = Caffeine.newBuilder()
		.maximumSize(KNOWN_MESSAGES)
		.build();

	MessageDirectory(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** Remembers a persisted message's people, e.g. as it is pushed to its receiver. */
	public void remember(MessageId id, ConversationId conversationId, UserId senderId, UserId receiverId) {
		this.knownMessages.put(id, new MessageParties(id, conversationId, senderId, receiverId, false));
	}

	/**
	 * A message's people as stored now, {@code deleted} included: for the commands that
	 * depend on it.
	 */
	Optional<MessageParties> parties(MessageId id) {
		Optional<MessageParties> parties = this.dsl
			.select(MESSAGES.CONVERSATION_ID, MESSAGES.SENDER_ID, MESSAGES.RECEIVER_ID, MESSAGES.DELETED_AT)
			.from(MESSAGES)
			.where(MESSAGES.ID.eq(id.value()))
			.fetchOptional((row) -> new MessageParties(id, new ConversationId(row.value1()), new UserId(row.value2()),
					(row.value3() != null) ? new UserId(row.value3()) : null, row.value4() != null));
		parties.ifPresent((found) -> this.knownMessages.put(id, found));
		return parties;
	}

	/**
	 * A message's people, from memory when known; its {@code deleted} flag may be out of
	 * date, so only for commands that do not depend on it (receipts).
	 */
	Optional<MessageParties> knownParties(MessageId id) {
		MessageParties known = this.knownMessages.getIfPresent(id);
		return (known != null) ? Optional.of(known) : parties(id);
	}

	boolean userExists(UUID id) {
		if (this.knownUsers.getIfPresent(id) != null) {
			return true;
		}
		boolean exists = this.dsl.fetchExists(USERS, USERS.ID.eq(id));
		if (exists) {
			this.knownUsers.put(id, Boolean.TRUE);
		}
		return exists;
	}

	/**
	 * A message's place and people.
	 *
	 * @param id the message
	 * @param conversationId its conversation
	 * @param senderId who wrote it
	 * @param receiverId who it is for; {@code null} in a group
	 * @param deleted whether it was deleted
	 */
	record MessageParties(MessageId id, ConversationId conversationId, UserId senderId, UserId receiverId,
			boolean deleted) {

		boolean includes(UserId user) {
			return this.senderId.equals(user) || user.equals(this.receiverId);
		}

	}

}
