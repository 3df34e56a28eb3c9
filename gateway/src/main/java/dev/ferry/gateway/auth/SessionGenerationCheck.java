package dev.ferry.gateway.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account moved on since its login (disabled, new role, new
 * password) before the request is authorised, so it goes on unauthenticated: a login that
 * read the account just before an administrator changed it may have saved its session
 * after the change ended the others.
 */
final class SessionGenerationCheck extends OncePerRequestFilter {

	private final LiveSessions sessions;

	SessionGenerationCheck(LiveSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication login = SecurityContextHolder.getContext().getAuthentication();
		if (login != null && login.getPrincipal() instanceof FerryUser user && !this.sessions.isCurrent(user)) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}

}
