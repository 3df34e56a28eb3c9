package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.FerryJson;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ApiError;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a handshake with HTTP 429 {@code rate_limited} when the user already has the
 * most sockets allowed on this node: each costs memory for its whole life. Handshakes
 * that race may pass the cap by the number racing.
 */
final class SocketCap implements HandshakeInterceptor {

	private final LocalSessions sessions;

	private final int maxSocketsPerUser;

	SocketCap(LocalSessions sessions, int maxSocketsPerUser) {
		this.sessions = sessions;
		this.maxSocketsPerUser = maxSocketsPerUser;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws Exception {
		if (!(request.getPrincipal() instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof FerryUser user)) {
			return true;
		}
		if (this.sessions.of(new UserId(user.id())).size() < this.maxSocketsPerUser) {
			return true;
		}
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getBody()
			.write(FerryJson.mapper()
				.writeValueAsString(new ApiError(ErrorCode.RATE_LIMITED,
						"At most " + this.maxSocketsPerUser + " sockets per user; close one first"))
				.getBytes(StandardCharsets.UTF_8));
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception failure) {
	}

}
