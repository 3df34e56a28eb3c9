package dev.ferry.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.ImageSize;
import dev.ferry.contracts.message.MessageAttachment;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.Select;
import org.jooq.impl.DSL;

import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;

/**
 * The attachments of messages as every reader sees them, read in one query for the
 * messages that have some.
 */
public final class AttachmentRows {

	/** The state of an upload a message names, until that message is deleted. */
	public static final String ATTACHED = "ATTACHED";

	private AttachmentRows() {
	}

	/** The messages, each with its attachments in the order its sender gave them. */
	public static List<ChatMessage> withAttachments(DSLContext dsl, List<ChatMessage> messages) {
		UUID[] ids = messages.stream()
			.filter(ChatMessage::hasAttachments)
			.map((message) -> message.id().value())
			.toArray(UUID[]::new);
		if (ids.length == 0) {
			return messages;
		}
		return withAttachments(messages, dsl.fetch(of(MESSAGE_ATTACHMENTS.MESSAGE_ID.eq(DSL.any(ids)))));
	}

	/**
	 * The attached files of the messages a condition on
	 * {@code message_attachments.message_id} selects, each message's in order: a query to
	 * run alone or nested in a larger one.
	 */
	public static Select<Record7<UUID, UUID, String, Long, String, Integer, Integer>> of(Condition messages) {
		return DSL
			.select(MESSAGE_ATTACHMENTS.MESSAGE_ID, MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.FILE_NAME,
					MESSAGE_ATTACHMENTS.SIZE_BYTES, MESSAGE_ATTACHMENTS.CONTENT_TYPE, MESSAGE_ATTACHMENTS.WIDTH,
					MESSAGE_ATTACHMENTS.HEIGHT)
			.from(MESSAGE_ATTACHMENTS)
			.where(messages)
			.and(MESSAGE_ATTACHMENTS.STATE.eq(ATTACHED))
			.orderBy(MESSAGE_ATTACHMENTS.MESSAGE_ID, MESSAGE_ATTACHMENTS.ORDINAL);
	}

	/**
	 * The messages, each with its attachments among {@code rows} (as {@link #of} reads
	 * them).
	 */
	public static List<ChatMessage> withAttachments(List<ChatMessage> messages,
			List<? extends Record7<UUID, UUID, String, Long, String, Integer, Integer>> rows) {
		Map<MessageId, List<MessageAttachment>> byMessage = new HashMap<>();
		rows.forEach((row) -> byMessage.computeIfAbsent(new MessageId(row.value1()), (key) -> new ArrayList<>())
			.add(new MessageAttachment(new AttachmentId(row.value2()), row.value3(), row.value4(), row.value5(),
					ImageSize.ofNullable(row.value6(), row.value7()))));
		if (byMessage.isEmpty()) {
			return messages;
		}
		return messages.stream()
			.map((message) -> byMessage.containsKey(message.id()) ? message.withAttachments(byMessage.get(message.id()))
					: message)
			.toList();
	}

}
