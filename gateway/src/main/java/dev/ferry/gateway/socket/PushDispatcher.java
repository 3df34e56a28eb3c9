package dev.ferry.gateway.socket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FrameCodec;
import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Sends a routed push to every local socket of its recipients, once per socket: delivery
 * is at least once, so a push id a socket already got is dropped. Writing is left to a
 * pool through each socket's {@link SocketOutbox}: the thread that reads the node's
 * pushes never waits for a socket, so one slow client cannot delay everybody else's
 * pushes.
 */
@Component
class PushDispatcher implements AutoCloseable {

	/** Push ids remembered per socket; redeliveries arrive close together. */
	private static final int REMEMBERED_PUSHES = 1024;

	private static final String SENT_PUSHES = "ferry.sentPushes";

	private static final String OUTBOX = "ferry.outbox";

	/**
	 * Writers for all sockets; a write blocks only while a client's TCP window is full.
	 */
	private static final int WRITERS = 8;

	private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, writerThreads());

	private final LocalSessions sessions;

	private final FrameCodec frames = new FrameCodec();

	private final GatewaySettings.Socket limits;

	PushDispatcher(LocalSessions sessions, GatewaySettings settings) {
		this.sessions = sessions;
		this.limits = settings.socket();
	}

	void dispatch(RoutedPush push) {
		TextMessage message = new TextMessage(this.frames.write(push.frame()));
		for (UserId recipient : push.recipients()) {
			for (WebSocketSession session : this.sessions.of(recipient)) {
				if (sentPushes(session).add(push.pushId())) {
					outbox(session).offer(message, this.writers);
				}
			}
		}
	}

	private static ThreadFactory writerThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("ferry-push-writer-");
		threads.setDaemon(true);
		return threads;
	}

	private SocketOutbox outbox(WebSocketSession session) {
		return (SocketOutbox) session.getAttributes()
			.computeIfAbsent(OUTBOX,
					(key) -> new SocketOutbox(session, this.limits.sendBufferBytes(), this.limits.sendTimeLimit()));
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

	@Override
	public void close() {
		this.writers.shutdownNow();
	}

}
