package dev.ferry.gateway.auth;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What anyone may call without a session: the chat page and its files, the CSRF token,
 * login, the health probe, and logout (which answers before any session is asked for).
 * Every other path answers 401 {@code unauthenticated} without one.
 */
public final class OpenPaths {

	/** The paths served without a session. */
	static final List<String> PATTERNS = List.of("/", "/index.html", "/app/**", "/favicon.svg", "/auth/csrf",
			"/auth/login", "/actuator/health", "/error");

	/** Ends the session, if there is one: 204 either way. */
	public static final String LOGOUT = "/auth/logout";

	private OpenPaths() {
	}

	/** Whether a call on this path is answered without a session. */
	public static boolean isOpen(String path) {
		return path.equals(LOGOUT) || PATTERNS.stream()
			.anyMatch((pattern) -> PathPatternParser.defaultInstance.parse(pattern)
				.matches(PathContainer.parsePath(path)));
	}

}
