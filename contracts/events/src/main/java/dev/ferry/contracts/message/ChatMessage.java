package dev.ferry.contracts.message;

import java.time.Instant;
import java.util.List;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.AddedField;

/**
 * The message object: the current state of one message, the same in events, REST answers
 * and WebSocket frames.
 *
 * @param id the message id
 * @param conversationId the conversation it belongs to
 * @param seq the conversation seq at which it was created
 * @param lastChangeSeq the conversation seq of its latest change
 * @param senderId who wrote it
 * @param receiverId who it is for; {@code null} in a group, where it is for every member
 * @param tempId the sender's client id for it
 * @param content the text, empty once deleted
 * @param status the furthest status it reached
 * @param hasAttachments whether attachments belong to it
 * @param createdAt when it was persisted
 * @param updatedAt when it last changed; equal to {@code createdAt} until a change
 * @param editedAt when it was last edited, or {@code null}
 * @param deleted whether it was deleted
 * @param attachments the files attached to it, in the order the sender gave them; none
 * once it is deleted (added in version 2 of the events that carry a message)
 */
public record ChatMessage(MessageId id, ConversationId conversationId, long seq, long lastChangeSeq, UserId senderId,
		UserId receiverId, String tempId, String content, MessageStatus status, boolean hasAttachments,
		Instant createdAt, Instant updatedAt, Instant editedAt, boolean deleted,
		@AddedField List<MessageAttachment> attachments) {

	public ChatMessage {
		attachments = (attachments != null) ? List.copyOf(attachments) : List.of();
	}

	/** A message without attachments. */
	public ChatMessage(MessageId id, ConversationId conversationId, long seq, long lastChangeSeq, UserId senderId,
			UserId receiverId, String tempId, String content, MessageStatus status, boolean hasAttachments,
			Instant createdAt, Instant updatedAt, Instant editedAt, boolean deleted) {
		this(id, conversationId, seq, lastChangeSeq, senderId, receiverId, tempId, content, status, hasAttachments,
				createdAt, updatedAt, editedAt, deleted, List.of());
	}

	/** This message with new content, changed at {@code seq}. */
	public ChatMessage edited(String newContent, long seq, Instant at) {
		return new ChatMessage(this.id, this.conversationId, this.seq, seq, this.senderId, this.receiverId, this.tempId,
				newContent, this.status, this.hasAttachments, this.createdAt, at, at, false, this.attachments);
	}

	/**
	 * This message's tombstone, deleted at {@code seq}: its content and attachments are
	 * gone.
	 */
	public ChatMessage deleted(long seq, Instant at) {
		return new ChatMessage(this.id, this.conversationId, this.seq, seq, this.senderId, this.receiverId, this.tempId,
				"", this.status, false, this.createdAt, at, this.editedAt, true, List.of());
	}

	/** This message with the files attached to it. */
	public ChatMessage withAttachments(List<MessageAttachment> files) {
		return new ChatMessage(this.id, this.conversationId, this.seq, this.lastChangeSeq, this.senderId,
				this.receiverId, this.tempId, this.content, this.status, !files.isEmpty(), this.createdAt,
				this.updatedAt, this.editedAt, this.deleted, files);
	}

	/** This message with a status a receipt at {@code seq} gave it. */
	public ChatMessage withStatus(MessageStatus newStatus, long seq, Instant at) {
		return new ChatMessage(this.id, this.conversationId, this.seq, Math.max(this.lastChangeSeq, seq), this.senderId,
				this.receiverId, this.tempId, this.content, newStatus, this.hasAttachments, this.createdAt, at,
				this.editedAt, this.deleted, this.attachments);
	}

}
