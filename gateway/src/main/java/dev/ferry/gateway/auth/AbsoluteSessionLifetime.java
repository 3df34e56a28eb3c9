package dev.ferry.gateway.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session older than the absolute lifetime before its login is read, so the
 * request goes on unauthenticated: an active session is not kept alive for ever.
 */
final class AbsoluteSessionLifetime extends OncePerRequestFilter {

	private final Duration absoluteTimeout;

	private final Clock clock;

	AbsoluteSessionLifetime(Duration absoluteTimeout, Clock clock) {
		this.clock = clock;
		this.absoluteTimeout = absoluteTimeout;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && this.clock.millis() - session.getCreationTime() > this.absoluteTimeout.toMillis()) {
			session.invalidate();
		}
		chain.doFilter(request, response);
	}

}
