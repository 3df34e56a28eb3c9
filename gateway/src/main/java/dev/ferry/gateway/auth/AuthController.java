package dev.ferry.gateway.auth;

import java.time.Duration;
import java.util.Optional;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.ApiError;
import dev.ferry.gateway.system.InvalidFieldException;
import dev.ferry.gateway.system.Refusal;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /auth}: the CSRF token, login, and who is logged in. Logout is Spring Security's
 * ({@code POST /auth/logout}, 204).
 */
@RestController
@RequestMapping("/auth")
class AuthController {

	private final AuthenticationManager authentication;

	private final LoginSessions sessions;

	private final LoginThrottle throttle;

	AuthController(AuthenticationManager authentication, LoginSessions sessions, LoginThrottle throttle) {
		this.authentication = authentication;
		this.sessions = sessions;
		this.throttle = throttle;
	}

	/**
	 * The raw token, as it is in the {@code XSRF-TOKEN} cookie; the request attribute
	 * holds a masked copy that a header must not carry.
	 */
	@GetMapping("/csrf")
	CsrfToken csrf(HttpServletRequest request) {
		DeferredCsrfToken token = (DeferredCsrfToken) request.getAttribute(DeferredCsrfToken.class.getName());
		return new CsrfToken(token.get().getToken());
	}

	@PostMapping("/login")
	@ApiResponse(responseCode = "200", description = "Logged in, in a new session",
			content = @Content(schema = @Schema(implementation = SignedIn.class)))
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
	@Refusal(status = HttpStatus.UNAUTHORIZED, codes = ErrorCode.INVALID_CREDENTIALS)
	@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
	ResponseEntity<?> login(@RequestBody LoginRequest login, HttpServletRequest request, HttpServletResponse response) {
		if (login.email() == null || login.email().isBlank() || login.password() == null) {
			throw new InvalidFieldException("email and password are required");
		}
		String address = request.getRemoteAddr();
		Optional<Duration> wait = this.throttle.attempt(login.email(), address);
		if (wait.isPresent()) {
			throw LoginThrottle.refusal(wait.get(), "Too many failed logins");
		}
		Authentication authenticated;
		try {
			authenticated = this.authentication
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(login.email(), login.password()));
		}
		catch (AuthenticationException ex) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(new ApiError(ErrorCode.INVALID_CREDENTIALS, "Wrong email or password"));
		}
		this.throttle.succeeded(login.email(), address);
		this.sessions.start(authenticated, request, response);
		return ResponseEntity.ok(new SignedIn(((FerryUser) authenticated.getPrincipal()).view()));
	}

	@GetMapping("/me")
	SignedIn me(@AuthenticationPrincipal FerryUser user) {
		return new SignedIn(user.view());
	}

	/**
	 * The body of {@code POST /auth/login}.
	 *
	 * @param email the login
	 * @param password the password
	 */
	record LoginRequest(String email, String password) {
	}

	/**
	 * The answer to {@code GET /auth/csrf}.
	 *
	 * @param token the raw token a state-changing request carries in {@code X-XSRF-TOKEN}
	 */
	record CsrfToken(String token) {
	}

	/**
	 * The answer to a login and to {@code GET /auth/me}.
	 *
	 * @param user who is signed in
	 */
	record SignedIn(FerryUser.UserView user) {
	}

}
