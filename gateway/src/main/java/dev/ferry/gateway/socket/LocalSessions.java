package dev.ferry.gateway.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import dev.ferry.contracts.id.UserId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The open sockets of this node, by user, each as the outbox that writes to it.
 */
@Component
class LocalSessions {

	private final Map<UserId, Set<SocketOutbox>> byUser = new ConcurrentHashMap<>();

	private final AtomicLong opened = new AtomicLong();

	private final AtomicInteger open = new AtomicInteger();

	LocalSessions(MeterRegistry meters) {
		Gauge.builder("ferry.gateway.sockets", this.open, AtomicInteger::get)
			.description("Sockets open on this node")
			.register(meters);
		Gauge.builder("ferry.gateway.users.connected", this.byUser, Map::size)
			.description("Users with a socket open on this node")
			.register(meters);
	}

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
			if (updated.add(socket)) {
				this.open.incrementAndGet();
			}
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
			if (sockets.remove(socket)) {
				this.open.decrementAndGet();
			}
			reportCount.accept(sockets.size());
			return sockets.isEmpty() ? null : sockets;
		});
	}

}
