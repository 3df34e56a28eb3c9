package dev.ferry.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Keeps a login in its HTTP session: the security context, and the session's owner (the
 * user and the session generation the login belongs to) in the session table's
 * {@code principal_name}, where every node's session checks compare it with the account's
 * current generation.
 */
@Component
public class LoginSessions {

	private final SecurityContextRepository contexts;

	LoginSessions(SecurityContextRepository contexts) {
		this.contexts = contexts;
	}

	/**
	 * Starts the session of a login, under a new session id: a session id planted before
	 * the login is worth nothing.
	 */
	void start(Authentication login, HttpServletRequest request, HttpServletResponse response) {
		request.getSession(true);
		request.changeSessionId();
		save(login, request, response);
	}

	/**
	 * Moves the caller's session to their account's next generation, which their other
	 * sessions are not in.
	 */
	public void renew(FerryUser next, HttpServletRequest request, HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		save(UsernamePasswordAuthenticationToken.authenticated(next, null, current.getAuthorities()), request,
				response);
	}

	private void save(Authentication login, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(login);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		request.getSession()
			.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
					((FerryUser) login.getPrincipal()).sessionOwner());
	}

}
