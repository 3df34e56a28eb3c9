package dev.ferry.contracts.message;

import java.time.Instant;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;

/**
 * The message object: the current state of one message, the same in events, REST answers
 * and WebSocket frames.
 *
 * @param id the message id
 * @param conversationId the conversation it belongs to
 * @param seq the conversation seq at which it was created
 * @param lastChangeSeq the conversation seq of its latest change
 * @param senderId who wrote it
 * @param receiverId who it is for
 * @param tempId the sender's client id for it
 * @param content the text, empty once deleted
 * @param status the furthest status it reached
 * @param hasAttachments whether attachments belong to it
 * @param createdAt when it was persisted
 * @param updatedAt when it last changed; equal to {@code createdAt} until a change
 * @param editedAt when it was last edited, or {@code null}
 * @param deleted whether it was deleted
 */
public record ChatMessage(MessageId id, ConversationId conversationId, long seq, long lastChangeSeq, UserId senderId,
		UserId receiverId, String tempId, String content, MessageStatus status, boolean hasAttachments,
		Instant createdAt, Instant updatedAt, Instant editedAt, boolean deleted) {
}
