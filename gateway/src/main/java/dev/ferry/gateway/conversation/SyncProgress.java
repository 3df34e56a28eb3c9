package dev.ferry.gateway.conversation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

import org.springframework.stereotype.Component;

/**
 * Where a user's resume of each conversation began, while it goes on in several parts
 * ({@code more}). Parts are taken in the order of changes, so a message created after
 * that first position but changed again later (a receipt) comes after the part's end; the
 * next part starts from a higher position and must still send it as created, and the part
 * that completes the conversation sends the receipt marks that moved after the first
 * position. Kept per user on this node, not per socket, so a page reloaded in the middle
 * of a resume still gets every message; forgotten after a quiet while.
 */
@Component
class SyncProgress {

	private static final Duration KEPT_FOR = Duration.ofMinutes(15);

	private final Cache<UserId, Map<ConversationId, Long>> started = Caffeine.newBuilder()
		.expireAfterAccess(KEPT_FOR)
		.build();

	/** The position the user's resume of the conversation began from. */
	long startedFrom(UserId user, ConversationId conversation, long position) {
		Map<ConversationId, Long> positions = this.started.getIfPresent(user);
		Long start = (positions != null) ? positions.get(conversation) : null;
		return (start != null) ? Math.min(start, position) : position;
	}

	/** Notes that a conversation's resume from {@code start} is not complete. */
	void cut(UserId user, ConversationId conversation, long start) {
		this.started.get(user, (key) -> new ConcurrentHashMap<>()).merge(conversation, start, Math::min);
	}

	/** Forgets a conversation whose resume is complete. */
	void complete(UserId user, ConversationId conversation) {
		Map<ConversationId, Long> positions = this.started.getIfPresent(user);
		if (positions != null) {
			positions.remove(conversation);
		}
	}

}
