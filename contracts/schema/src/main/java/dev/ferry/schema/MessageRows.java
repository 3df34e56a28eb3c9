package dev.ferry.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.schema.jooq.tables.records.MessagesRecord;

/**
 * The one mapping between a {@code messages} row and the protocol's message object; its
 * attachments, in another table, are {@link AttachmentRows}'.
 */
public final class MessageRows {

	private MessageRows() {
	}

	public static ChatMessage toChatMessage(MessagesRecord row) {
		return new ChatMessage(new MessageId(row.getId()), new ConversationId(row.getConversationId()), row.getSeq(),
				row.getLastChangeSeq(), new UserId(row.getSenderId()),
				(row.getReceiverId() != null) ? new UserId(row.getReceiverId()) : null, row.getClientMsgId(),
				row.getContent(), MessageStatus.valueOf(row.getStatus()),
				// A deleted message shows no attachments: they are orphaned with it.
				row.getHasAttachments() && row.getDeletedAt() == null, instant(row.getCreatedAt()),
				instant(row.getUpdatedAt()), instant(row.getEditedAt()), row.getDeletedAt() != null);
	}

	/** A time for a {@code timestamptz} column. */
	public static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
