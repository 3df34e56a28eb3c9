package dev.ferry.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageAttachment;
import org.jooq.DSLContext;
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
		Map<MessageId, List<MessageAttachment>> byMessage = new HashMap<>();
		dsl.select(MESSAGE_ATTACHMENTS.MESSAGE_ID, MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.FILE_NAME,
				MESSAGE_ATTACHMENTS.SIZE_BYTES, MESSAGE_ATTACHMENTS.CONTENT_TYPE)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.MESSAGE_ID.eq(DSL.any(ids)))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(ATTACHED))
			.orderBy(MESSAGE_ATTACHMENTS.MESSAGE_ID, MESSAGE_ATTACHMENTS.ORDINAL)
			.fetch()
			.forEach((row) -> byMessage.computeIfAbsent(new MessageId(row.value1()), (key) -> new ArrayList<>())
				.add(new MessageAttachment(new AttachmentId(row.value2()), row.value3(), row.value4(), row.value5())));
		return messages.stream()
			.map((message) -> byMessage.containsKey(message.id()) ? message.withAttachments(byMessage.get(message.id()))
					: message)
			.toList();
	}

}
