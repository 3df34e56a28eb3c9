package dev.ferry.gateway.socket;

import java.util.HashSet;
import java.util.Set;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.conversation.MessageDirectory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * Sends a routed push to every local socket of its recipients (and a presence change to
 * the sockets watching that user), once: delivery is at least once, so a copy of a push
 * the node sent recently goes only to the sockets opened since. The push is encoded once
 * and queued on each socket's {@link SocketOutbox}: the thread that reads the node's
 * pushes never waits for a socket, so one slow client cannot delay everybody else's
 * pushes.
 */
@Component
class PushDispatcher {

	/**
	 * Push ids remembered, about 8 MiB: some twenty seconds of a node's pushes at 1,000
	 * messages a second (about three pushes each). A poll the delivery worker routes
	 * again (after a restart or a rebalance) repeats pushes from seconds before.
	 */
	private static final int REMEMBERED_PUSHES = 65_536;

	private final RecentPushes sent = new RecentPushes(REMEMBERED_PUSHES);

	private final LocalSessions sessions;

	private final MessageDirectory directory;

	private final PresenceWatches watches;

	PushDispatcher(LocalSessions sessions, PresenceWatches watches, MessageDirectory directory) {
		this.sessions = sessions;
		this.watches = watches;
		this.directory = directory;
	}

	void dispatch(PushReader.Push push, PushWrites.PushWrite write) {
		// Read before the sockets are: every socket numbered up to it is among them.
		long opened = this.sessions.opened();
		long dueAfter = this.sent.dueAfter(push.pushId(), opened);
		if (dueAfter == opened) {
			return;
		}
		PushReader.Created created = push.created();
		if (created != null && dueAfter == 0) {
			// Its receiver reports it DELIVERED next: known here, the receipt needs no
			// query.
			this.directory.remember(created.messageId(), created.conversationId(), created.senderId(),
					created.receiverId());
		}
		TextMessage message = new TextMessage(push.frame());
		if (push.statusOf() != null) {
			// A socket of a partner that also watches the user gets it once.
			Set<SocketOutbox> sockets = new HashSet<>(this.watches.of(push.statusOf()));
			push.recipients().forEach((recipient) -> sockets.addAll(this.sessions.of(recipient)));
			sockets.forEach((socket) -> offer(socket, message, dueAfter, write));
			return;
		}
		for (UserId recipient : push.recipients()) {
			for (SocketOutbox socket : this.sessions.of(recipient)) {
				offer(socket, message, dueAfter, write);
			}
		}
	}

	private static void offer(SocketOutbox socket, TextMessage message, long dueAfter, PushWrites.PushWrite write) {
		if (socket.ordinal() > dueAfter) {
			socket.offer(message, write.toSocket());
		}
	}

}
