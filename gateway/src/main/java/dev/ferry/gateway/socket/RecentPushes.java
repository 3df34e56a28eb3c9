package dev.ferry.gateway.socket;

import java.util.HashMap;
import java.util.Map;

/**
 * The ids of the pushes this node sent most recently, each with how many sockets the node
 * had opened when it last sent it. Delivery is at least once: the delivery worker
 * publishes a push again when it routes an event again, and a retried send announces its
 * message again under the same id. A socket that was open for a copy has it; only the
 * sockets opened since are due the repeat (a client that reconnected and retried its send
 * gets the message it retried). One window for the whole node rather than one per socket,
 * so a socket holds none of it however busy it once was.
 */
final class RecentPushes {

	private final String[] order;

	private final Map<String, Long> openedWhenSent;

	private int next;

	/**
	 * @param capacity how many ids are remembered, the oldest forgotten first
	 */
	RecentPushes(int capacity) {
		this.order = new String[capacity];
		this.openedWhenSent = new HashMap<>(capacity * 4 / 3 + 1);
	}

	/**
	 * Remembers that the push goes out now, when {@code opened} sockets have been opened.
	 * @return how many sockets had been opened when it last went out: the sockets opened
	 * after that are due it; {@code 0} (every socket) for a push not sent recently
	 */
	synchronized long dueAfter(String pushId, long opened) {
		Long before = this.openedWhenSent.put(pushId, opened);
		if (before != null) {
			return before;
		}
		String oldest = this.order[this.next];
		if (oldest != null) {
			this.openedWhenSent.remove(oldest);
		}
		this.order[this.next] = pushId;
		this.next = (this.next + 1) % this.order.length;
		return 0;
	}

}
