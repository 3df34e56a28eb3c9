package dev.ferry.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Lets Prometheus scrape the gateway without a login: a request with the configured
 * bearer token, or a SUPERADMIN's session, as for every other actuator endpoint.
 */
final class ScrapeAccess implements AuthorizationManager<RequestAuthorizationContext> {

	private static final String BEARER = "Bearer ";

	private static final String SUPERADMIN = "ROLE_SUPERADMIN";

	private final byte[] token;

	ScrapeAccess(ScrapeSettings settings) {
		this.token = settings.hasToken() ? settings.scrapeToken().getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(hasToken(context.getRequest().getHeader(HttpHeaders.AUTHORIZATION))
				|| isSuperadmin(authentication.get()));
	}

	private boolean hasToken(String authorization) {
		if (this.token == null || authorization == null || !authorization.startsWith(BEARER)) {
			return false;
		}
		// Compared in constant time: the time taken tells nothing of the token.
		return MessageDigest.isEqual(this.token,
				authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isSuperadmin(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& authentication.getAuthorities()
					.stream()
					.anyMatch((granted) -> SUPERADMIN.equals(granted.getAuthority()));
	}

}
