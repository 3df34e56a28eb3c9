package dev.ferry.gateway.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.id.UserId;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open sockets of this node, by user.
 */
@Component
class LocalSessions {

	private final Map<UserId, Set<WebSocketSession>> byUser = new ConcurrentHashMap<>();

	/**
	 * Adds a socket.
	 * @return how many the user now has on this node
	 */
	int add(UserId user, WebSocketSession session) {
		Set<WebSocketSession> sessions = this.byUser.computeIfAbsent(user, (key) -> ConcurrentHashMap.newKeySet());
		sessions.add(session);
		return sessions.size();
	}

	/** The open sockets of a user on this node. */
	Set<WebSocketSession> of(UserId user) {
		return this.byUser.getOrDefault(user, Set.of());
	}

	/**
	 * Removes a socket.
	 * @return how many the user still has on this node
	 */
	int remove(UserId user, WebSocketSession session) {
		int[] left = { 0 };
		this.byUser.computeIfPresent(user, (key, sessions) -> {
			sessions.remove(session);
			left[0] = sessions.size();
			return sessions.isEmpty() ? null : sessions;
		});
		return left[0];
	}

}
