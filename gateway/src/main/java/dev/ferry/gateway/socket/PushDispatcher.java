package dev.ferry.gateway.socket;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FrameCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends a routed push to every local socket of its recipients, once per socket: delivery
 * is at least once, so a push id a socket already got is dropped.
 */
@Component
class PushDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(PushDispatcher.class);

	/** Push ids remembered per socket; redeliveries arrive close together. */
	private static final int REMEMBERED_PUSHES = 1024;

	private static final String SENT_PUSHES = "ferry.sentPushes";

	private final LocalSessions sessions;

	private final FrameCodec frames = new FrameCodec();

	PushDispatcher(LocalSessions sessions) {
		this.sessions = sessions;
	}

	void dispatch(RoutedPush push) {
		TextMessage message = new TextMessage(this.frames.write(push.frame()));
		for (UserId recipient : push.recipients()) {
			for (WebSocketSession session : this.sessions.of(recipient)) {
				if (sentPushes(session).add(push.pushId())) {
					send(session, message);
				}
			}
		}
	}

	private static void send(WebSocketSession session, TextMessage message) {
		try {
			session.sendMessage(message);
		}
		catch (IOException | RuntimeException ex) {
			// The bounded output buffer closes a socket that cannot keep up; it resumes
			// with sync.
			logger.debug("Push not sent to socket {}: {}", session.getId(), ex.getMessage());
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
