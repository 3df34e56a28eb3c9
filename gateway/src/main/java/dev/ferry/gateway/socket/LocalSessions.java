package dev.ferry.gateway.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import dev.ferry.contracts.id.UserId;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open sockets of this node, by user.
 */
@Component
class LocalSessions {

	private final Map<UserId, Set<WebSocketSession>> byUser = new ConcurrentHashMap<>();

	/** The open sockets of a user on this node. */
	Set<WebSocketSession> of(UserId user) {
		return this.byUser.getOrDefault(user, Set.of());
	}

	/**
	 * Adds a socket and reports the user's new count on this node. The report runs inside
	 * the user's critical section, so counts are reported in the order they happened: on
	 * a compacted topic the last report wins.
	 */
	void add(UserId user, WebSocketSession session, IntConsumer reportCount) {
		this.byUser.compute(user, (key, sessions) -> {
			Set<WebSocketSession> updated = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
			updated.add(session);
			reportCount.accept(updated.size());
			return updated;
		});
	}

	/**
	 * Removes a socket and reports how many the user still has on this node, in order as
	 * {@link #add} does.
	 */
	void remove(UserId user, WebSocketSession session, IntConsumer reportCount) {
		this.byUser.compute(user, (key, sessions) -> {
			if (sessions == null) {
				return null;
			}
			sessions.remove(session);
			reportCount.accept(sessions.size());
			return sessions.isEmpty() ? null : sessions;
		});
	}

}
