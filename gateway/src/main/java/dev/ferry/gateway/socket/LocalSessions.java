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

	void add(UserId user, WebSocketSession session) {
		this.byUser.computeIfAbsent(user, (key) -> ConcurrentHashMap.newKeySet()).add(session);
	}

	/** The open sockets of a user on this node. */
	Set<WebSocketSession> of(UserId user) {
		return this.byUser.getOrDefault(user, Set.of());
	}

	/**
	 * Removes a socket.
	 * @return whether it was the user's last socket on this node
	 */
	boolean remove(UserId user, WebSocketSession session) {
		boolean[] last = { false };
		this.byUser.computeIfPresent(user, (key, sessions) -> {
			sessions.remove(session);
			last[0] = sessions.isEmpty();
			return last[0] ? null : sessions;
		});
		return last[0];
	}

}
