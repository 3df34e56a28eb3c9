package dev.ferry.gateway.socket;

import java.util.List;
import java.util.Set;

import dev.ferry.gateway.auth.LiveSessions;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * Closes the sockets whose login ended (logout or expiry, on any node) with 4401, so the
 * client shows its login instead of reconnecting: a socket holds the user it was opened
 * with, and would otherwise outlive the session.
 */
@Component
class SessionWatch {

	/** The close code of an ended login. */
	static final CloseStatus SESSION_ENDED = new CloseStatus(4401, "Session ended; log in again");

	private final LocalSessions sockets;

	private final LiveSessions sessions;

	SessionWatch(LocalSessions sockets, LiveSessions sessions) {
		this.sockets = sockets;
		this.sessions = sessions;
	}

	@Scheduled(fixedDelayString = "${ferry.gateway.session.socket-check-interval}")
	void closeEnded() {
		List<SocketOutbox> open = this.sockets.all().toList();
		if (open.isEmpty()) {
			return;
		}
		Set<String> alive = this.sessions.alive(open.stream().map(SessionWatch::sessionId).distinct().toList());
		open.stream()
			.filter((socket) -> !alive.contains(sessionId(socket)))
			.forEach((socket) -> socket.close(SESSION_ENDED));
	}

	private static String sessionId(SocketOutbox socket) {
		return String
			.valueOf(socket.session().getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME));
	}

}
