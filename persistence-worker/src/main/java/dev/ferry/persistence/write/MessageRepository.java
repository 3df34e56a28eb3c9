package dev.ferry.persistence.write;

import java.io.StringReader;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.MessageRows;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.MESSAGES;

/**
 * Messages: reads by id and by idempotency key, multi-row inserts, and the updates of
 * edits, deletes and receipts.
 */
@Repository
class MessageRepository {

	private final DSLContext dsl;

	MessageRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	Map<MessageId, ChatMessage> findByIds(Collection<MessageId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return AttachmentRows
			.withAttachments(this.dsl,
					this.dsl.selectFrom(MESSAGES)
						.where(MESSAGES.ID.eq(DSL.any(ids.stream().map(MessageId::value).toArray(UUID[]::new))))
						.fetch(MessageRows::toChatMessage))
			.stream()
			.collect(Collectors.toMap(ChatMessage::id, Function.identity()));
	}

	/**
	 * The messages already stored under these idempotency keys. Two {@code = any} filters
	 * make one scan of the unique index; a list of row values would make one probe per
	 * key. The few rows that match a sender and someone else's temp id are dropped here.
	 */
	Map<SendKey, ChatMessage> findBySendKeys(Collection<SendKey> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		UUID[] senders = keys.stream().map((key) -> key.senderId().value()).distinct().toArray(UUID[]::new);
		String[] tempIds = keys.stream().map(SendKey::tempId).distinct().toArray(String[]::new);
		return AttachmentRows
			.withAttachments(this.dsl,
					this.dsl.selectFrom(MESSAGES)
						.where(MESSAGES.SENDER_ID.eq(DSL.any(senders)))
						.and(MESSAGES.CLIENT_MSG_ID.eq(DSL.any(tempIds)))
						.fetch(MessageRows::toChatMessage))
			.stream()
			.filter((message) -> keys.contains(SendKey.of(message)))
			.collect(Collectors.toMap(SendKey::of, Function.identity()));
	}

	/**
	 * Stores new messages with PostgreSQL's COPY, its fastest way in, inside the batch's
	 * transaction: a row that breaks a constraint fails the whole batch as an INSERT
	 * would.
	 */
	void insert(List<ChatMessage> messages) {
		if (messages.isEmpty()) {
			return;
		}
		this.dsl.connection((connection) -> connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn(MessageCsv.COPY_SQL, new StringReader(MessageCsv.of(messages))));
	}

	/** Stores the content side of edits and deletes; status is left to receipts. */
	void updateContent(Collection<ChatMessage> messages) {
		if (messages.isEmpty()) {
			return;
		}
		List<Query> updates = messages.stream()
			.map((message) -> (Query) this.dsl.update(MESSAGES)
				.set(MESSAGES.CONTENT, message.content())
				.set(MESSAGES.EDITED_AT, MessageRows.time(message.editedAt()))
				.set(MESSAGES.DELETED_AT, message.deleted() ? MessageRows.time(message.updatedAt()) : null)
				.set(MESSAGES.UPDATED_AT,
						DSL.greatest(MESSAGES.UPDATED_AT, DSL.val(MessageRows.time(message.updatedAt()))))
				.set(MESSAGES.LAST_CHANGE_SEQ, DSL.greatest(MESSAGES.LAST_CHANGE_SEQ, DSL.val(message.lastChangeSeq())))
				.where(MESSAGES.ID.eq(message.id().value())))
			.toList();
		this.dsl.batch(updates).execute();
	}

	/**
	 * Raises the status of every message of each receipt's sender up to its
	 * {@code upToSeq} that is below its status; never lowers one. Applied in order, as
	 * one prepared statement in one round trip: receipts are half of all commands, and a
	 * statement each cost a round trip and a planning each.
	 */
	void applyReceipts(List<Receipt> receipts, Instant now) {
		if (receipts.isEmpty()) {
			return;
		}
		BatchBindStep batch = this.dsl.batch(this.dsl.update(MESSAGES)
			.set(MESSAGES.STATUS, DSL.param("status", String.class))
			.set(MESSAGES.LAST_CHANGE_SEQ, DSL.greatest(MESSAGES.LAST_CHANGE_SEQ, DSL.param("seq", Long.class)))
			.set(MESSAGES.UPDATED_AT,
					DSL.greatest(MESSAGES.UPDATED_AT, DSL.param("now", MESSAGES.UPDATED_AT.getType())))
			.where(MESSAGES.CONVERSATION_ID.eq(DSL.param("conversation", UUID.class)))
			.and(MESSAGES.SENDER_ID.eq(DSL.param("sender", UUID.class)))
			.and(MESSAGES.SEQ.le(DSL.param("upTo", Long.class)))
			.and(MESSAGES.STATUS.in(DSL.param("below1", String.class), DSL.param("below2", String.class)))
			.and(MESSAGES.DELETED_AT.isNull()));
		for (Receipt receipt : receipts) {
			// READ raises SENT and DELIVERED; DELIVERED raises SENT only.
			String below = (receipt.status() == MessageStatus.READ) ? MessageStatus.DELIVERED.name()
					: MessageStatus.SENT.name();
			batch = batch
				.bind(Map.of("status", receipt.status().name(), "seq", receipt.seq(), "now", MessageRows.time(now),
						"conversation", receipt.conversationId().value(), "sender", receipt.senderId().value(), "upTo",
						receipt.upToSeq(), "below1", MessageStatus.SENT.name(), "below2", below));
		}
		batch.execute();
	}

	/** The idempotency key of a send. */
	record SendKey(UserId senderId, String tempId) {

		static SendKey of(ChatMessage message) {
			return new SendKey(message.senderId(), message.tempId());
		}

	}

	/**
	 * One advanced receipt mark.
	 *
	 * @param conversationId the conversation
	 * @param senderId whose messages it covers
	 * @param upToSeq the mark
	 * @param status the status the covered messages reach
	 * @param seq the conversation seq of the change
	 */
	record Receipt(ConversationId conversationId, UserId senderId, long upToSeq, MessageStatus status, long seq) {
	}

}
