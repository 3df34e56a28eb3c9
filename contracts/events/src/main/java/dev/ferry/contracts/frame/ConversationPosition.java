package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;

/**
 * One conversation in {@code sync-complete}.
 *
 * @param id the conversation
 * @param lastSeq its latest seq
 * @param unread the peer's messages the caller has not read
 * @param more whether the sync left changes after the client's position unreplayed (cut
 * by the replay limit, or not reached): the client syncs again from the highest seq it
 * received
 */
public record ConversationPosition(ConversationId id, long lastSeq, long unread, boolean more) {

	/** The same position, marked as replayed only in part. */
	public ConversationPosition withMore() {
		return new ConversationPosition(this.id, this.lastSeq, this.unread, true);
	}

}
