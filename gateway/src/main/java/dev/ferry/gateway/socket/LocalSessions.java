package dev.ferry.gateway.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import dev.ferry.contracts.id.UserId;

import org.springframework.stereotype.Component;

/**
 * The open sockets of this node, by user, each as the outbox that writes to it.
 */
@Component
class LocalSessions {

	private final Map<UserId, Set<SocketOutbox>> byUser = new ConcurrentHashMap<>();

	private final AtomicLong opened = new AtomicLong();

	/** The open sockets of a user on this node. */
	Set<SocketOutbox> of(UserId user) {
		return this.byUser.getOrDefault(user, Set.of());
	}

	/** Every open socket of this node. */
	Stream<SocketOutbox> all() {
		return this.byUser.values().stream().flatMap(Set::stream);
	}

	/**
	 * How many sockets this node has opened; a socket numbered up to it was among the
	 * open sockets from then on.
	 */
	long opened() {
		return this.opened.get();
	}

	/**
	 * Adds a socket and reports the user's new count on this node. The report runs inside
	 * the user's critical section, so counts are reported in the order they happened: on
	 * a compacted topic the last report wins. The socket is numbered once it is among the
	 * open sockets, so whoever reads {@link #opened()} at or above its number finds it.
	 */
	void add(SocketOutbox socket, IntConsumer reportCount) {
		this.byUser.compute(socket.user(), (key, sockets) -> {
			Set<SocketOutbox> updated = (sockets != null) ? sockets : ConcurrentHashMap.newKeySet();
			updated.add(socket);
			reportCount.accept(updated.size());
			return updated;
		});
		socket.numbered(this.opened.incrementAndGet());
	}

	/**
	 * Removes a socket and reports how many the user still has on this node, in order as
	 * {@link #add} does.
	 */
	void remove(SocketOutbox socket, IntConsumer reportCount) {
		this.byUser.compute(socket.user(), (key, sockets) -> {
			if (sockets == null) {
				return null;
			}
			sockets.remove(socket);
			reportCount.accept(sockets.size());
			return sockets.isEmpty() ? null : sockets;
		});
	}

}
