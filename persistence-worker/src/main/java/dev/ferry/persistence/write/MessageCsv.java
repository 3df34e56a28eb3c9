package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.message.ChatMessage;

/**
 * New message rows in the CSV form of PostgreSQL's COPY: every text quoted (so an empty
 * string stays empty), an unquoted empty field for NULL, times in ISO-8601 UTC.
 */
final class MessageCsv {

	static final String COPY_SQL = "copy messages (id, conversation_id, seq, last_change_seq, sender_id, receiver_id, "
			+ "client_msg_id, content, status, has_attachments, created_at, updated_at, edited_at, deleted_at) "
			+ "from stdin with (format csv)";

	private MessageCsv() {
	}

	static String of(List<ChatMessage> messages) {
		StringBuilder csv = new StringBuilder(messages.size() * 320);
		for (ChatMessage message : messages) {
			csv.append(message.id()).append(',').append(message.conversationId()).append(',');
			csv.append(message.seq()).append(',').append(message.lastChangeSeq()).append(',');
			csv.append(message.senderId()).append(',').append(message.receiverId()).append(',');
			quoted(csv, message.tempId()).append(',');
			quoted(csv, message.content()).append(',');
			csv.append(message.status().name()).append(',').append(message.hasAttachments()).append(',');
			time(csv, message.createdAt()).append(',');
			time(csv, message.updatedAt()).append(',');
			time(csv, message.editedAt()).append(',');
			time(csv, message.deleted() ? message.updatedAt() : null).append('\n');
		}
		return csv.toString();
	}

	private static StringBuilder quoted(StringBuilder csv, String text) {
		return csv.append('"').append(text.replace("\"", "\"\"")).append('"');
	}

	private static StringBuilder time(StringBuilder csv, Instant time) {
		return (time != null) ? csv.append(time) : csv;
	}

}
