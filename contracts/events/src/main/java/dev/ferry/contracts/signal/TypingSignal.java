package dev.ferry.contracts.signal;

import java.time.Instant;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * A user started or stopped typing in a conversation; meaningless after
 * {@code expiresAt}.
 *
 * @param conversationId the conversation; the record key
 * @param userId who types
 * @param peerId who should see it; {@code null} in a group, where every other member does
 * @param typing whether typing started (or continues) or stopped
 * @param expiresAt when the signal stops being true by itself
 */
public record TypingSignal(ConversationId conversationId, UserId userId, UserId peerId, boolean typing,
		Instant expiresAt) implements Payload {

	@Override
	public String recordKey() {
		return this.conversationId.toString();
	}

}
