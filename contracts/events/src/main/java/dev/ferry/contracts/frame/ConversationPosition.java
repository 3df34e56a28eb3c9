package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;

/**
 * One conversation in {@code sync-complete}.
 *
 * @param id the conversation
 * @param lastSeq its latest seq
 * @param unread the peer's messages the caller has not read
 */
public record ConversationPosition(ConversationId id, long lastSeq, long unread) {
}
