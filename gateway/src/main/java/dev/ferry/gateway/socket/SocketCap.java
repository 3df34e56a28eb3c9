package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FerryJson;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ApiError;
import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a handshake with HTTP 429 {@code rate_limited} and {@code Retry-After} when the
 * user already has the most sockets allowed on this node: each costs memory for its whole
 * life. Exact for handshakes that race: one admitted holds its place from then until its
 * socket opens or the handshake fails (or {@link #ADMITTED_FOR} passes, should neither be
 * seen), so handshakes sent at once cannot all pass while none of their sockets is open
 * yet.
 */
@Component
class SocketCap implements HandshakeInterceptor {

	/** Longest a place is held for a handshake admitted whose socket has not opened. */
	static final Duration ADMITTED_FOR = Duration.ofSeconds(10);

	/**
	 * When to try again: a place frees when one of the user's sockets closes, or a
	 * handshake in progress fails, which nobody can foretell.
	 */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final LocalSessions sessions;

	private final int maxSocketsPerUser;

	/**
	 * The times at which each user's handshakes were admitted, for those not open yet.
	 */
	private final Map<UserId, Deque<Long>> admitted = new ConcurrentHashMap<>();

	SocketCap(LocalSessions sessions, GatewaySettings settings) {
		this.sessions = sessions;
		this.maxSocketsPerUser = settings.socket().maxSocketsPerUser();
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws Exception {
		UserId user = userOf(request);
		if (user == null || admit(user)) {
			return true;
		}
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getBody()
			.write(FerryJson.mapper()
				.writeValueAsString(new ApiError(ErrorCode.RATE_LIMITED,
						"At most " + this.maxSocketsPerUser + " sockets per user; close one first"))
				.getBytes(StandardCharsets.UTF_8));
		return false;
	}

	/**
	 * Called after the upgrade, or after a later check refused the handshake: a handshake
	 * that did not switch protocols gives its place back.
	 */
	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception failure) {
		UserId user = userOf(request);
		if (user != null && (failure != null || !switchedProtocols(response))) {
			release(user);
		}
	}

	/** The socket of an admitted handshake is open and counted: its place is free. */
	void opened(UserId user) {
		release(user);
	}

	private boolean admit(UserId user) {
		boolean[] admittedNow = { false };
		this.admitted.compute(user, (key, times) -> {
			Deque<Long> waiting = (times != null) ? times : new ArrayDeque<>();
			long now = System.nanoTime();
			while (!waiting.isEmpty() && now - waiting.peekFirst() > ADMITTED_FOR.toNanos()) {
				waiting.pollFirst();
			}
			// A socket that opened counts here before it gives its place back: never
			// less.
			if (this.sessions.of(user).size() + waiting.size() < this.maxSocketsPerUser) {
				waiting.addLast(now);
				admittedNow[0] = true;
			}
			return waiting.isEmpty() ? null : waiting;
		});
		return admittedNow[0];
	}

	private void release(UserId user) {
		this.admitted.computeIfPresent(user, (key, waiting) -> {
			waiting.pollFirst();
			return waiting.isEmpty() ? null : waiting;
		});
	}

	private static boolean switchedProtocols(ServerHttpResponse response) {
		return response instanceof ServletServerHttpResponse servlet
				&& servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
	}

	private static UserId userOf(ServerHttpRequest request) {
		return (request.getPrincipal() instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof FerryUser user) ? new UserId(user.id()) : null;
	}

}
