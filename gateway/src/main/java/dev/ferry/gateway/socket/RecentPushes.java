package dev.ferry.gateway.socket;

import java.util.HashSet;
import java.util.Set;

/**
 * The ids of the pushes this node sent most recently. Delivery is at least once: the
 * delivery worker publishes a push again when it routes an event again, and that copy
 * comes soon after the first. One window for the whole node rather than one per socket,
 * so a socket holds none of it however busy it once was; a socket opened between the two
 * copies misses the second, and resumes with {@code sync} as every new socket does.
 */
final class RecentPushes {

	private final String[] order;

	private final Set<String> ids;

	private int next;

	/**
	 * @param capacity how many ids are remembered, the oldest forgotten first
	 */
	RecentPushes(int capacity) {
		this.order = new String[capacity];
		this.ids = new HashSet<>(capacity * 4 / 3 + 1);
	}

	/** Remembers the id; whether it is new. */
	synchronized boolean firstTime(String pushId) {
		if (!this.ids.add(pushId)) {
			return false;
		}
		String oldest = this.order[this.next];
		if (oldest != null) {
			this.ids.remove(oldest);
		}
		this.order[this.next] = pushId;
		this.next = (this.next + 1) % this.order.length;
		return true;
	}

}
