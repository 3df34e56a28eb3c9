package dev.ferry.gateway.socket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.conversation.MessageDirectory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends a routed push to every local socket of its recipients, once per socket: delivery
 * is at least once, so a push id a socket already got is dropped. The push is encoded
 * once and queued on each socket's {@link SocketOutbox}: the thread that reads the node's
 * pushes never waits for a socket, so one slow client cannot delay everybody else's
 * pushes.
 */
@Component
class PushDispatcher {

	/** Push ids remembered per socket; redeliveries arrive close together. */
	private static final int REMEMBERED_PUSHES = 1024;

	private static final String SENT_PUSHES = "ferry.sentPushes";

	private final LocalSessions sessions;

	private final MessageDirectory directory;

	PushDispatcher(LocalSessions sessions, MessageDirectory directory) {
		this.sessions = sessions;
		this.directory = directory;
	}

	void dispatch(PushReader.Push push) {
		PushReader.Created created = push.created();
		if (created != null) {
			// Its receiver reports it DELIVERED next: known here, the receipt needs no
			// query.
			this.directory.remember(created.messageId(), created.conversationId(), created.senderId(),
					created.receiverId());
		}
		TextMessage message = new TextMessage(push.frame());
		for (UserId recipient : push.recipients()) {
			for (SocketOutbox socket : this.sessions.of(recipient)) {
				if (sentPushes(socket.session()).add(push.pushId())) {
					socket.offer(message);
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Set<String> sentPushes(WebSocketSession session) {
		return (Set<String>) session.getAttributes()
			.computeIfAbsent(SENT_PUSHES, (key) -> Collections
				.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
					@Override
					protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
						return size() > REMEMBERED_PUSHES;
					}
				})));
	}

}
