package dev.ferry.gateway.socket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.system.InvalidFieldException;

import org.springframework.stereotype.Component;

/**
 * Which sockets of this node watch whose presence ({@code watch-presence}): they get the
 * {@code user-status-changed} of the users they watch besides those of their user's
 * conversation partners.
 */
@Component
class PresenceWatches {

	/** Most users one socket watches, as the protocol says. */
	static final int MAX_WATCHED = 200;

	private final Map<UserId, Set<SocketOutbox>> watchers = new ConcurrentHashMap<>();

	private final Map<SocketOutbox, Set<UserId>> watched = new ConcurrentHashMap<>();

	/**
	 * Replaces the socket's watch list.
	 * @throws InvalidFieldException if the list is missing, too long or holds what is not
	 * a user id
	 */
	void watch(SocketOutbox socket, List<String> userIds) {
		if (userIds == null) {
			throw new InvalidFieldException("userIds is required");
		}
		if (userIds.size() > MAX_WATCHED) {
			throw new InvalidFieldException("userIds holds at most " + MAX_WATCHED + " user ids");
		}
		Set<UserId> users = ConcurrentHashMap.newKeySet();
		for (String id : userIds) {
			users.add(userId(id));
		}
		replace(socket, users);
	}

	/** Forgets a closed socket. */
	void forget(SocketOutbox socket) {
		replace(socket, Set.of());
	}

	/** The sockets of this node that watch the user. */
	Set<SocketOutbox> of(UserId user) {
		return this.watchers.getOrDefault(user, Set.of());
	}

	private void replace(SocketOutbox socket, Set<UserId> users) {
		// compute() runs one change of a socket's list at a time.
		this.watched.compute(socket, (key, before) -> {
			if (before != null) {
				before.forEach((user) -> this.watchers.computeIfPresent(user, (watchedUser, sockets) -> {
					sockets.remove(socket);
					return sockets.isEmpty() ? null : sockets;
				}));
			}
			users.forEach((user) -> this.watchers.computeIfAbsent(user, (watchedUser) -> ConcurrentHashMap.newKeySet())
				.add(socket));
			return users.isEmpty() ? null : users;
		});
	}

	private static UserId userId(String id) {
		try {
			return new UserId(UUID.fromString((id != null) ? id : ""));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException("userIds must hold user ids");
		}
	}

}
