package dev.ferry.gateway.account;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.auth.LoginSessions;
import dev.ferry.gateway.auth.LoginThrottle;
import dev.ferry.gateway.system.ApiError;
import dev.ferry.gateway.system.Refusal;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /auth/password}: a user changes their own password. A wrong current password
 * counts as a failed login, so the login throttle also bounds guessing here.
 */
@RestController
class PasswordController {

	private final Accounts accounts;

	private final LoginThrottle throttle;

	private final LoginSessions sessions;

	PasswordController(Accounts accounts, LoginThrottle throttle, LoginSessions sessions) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.sessions = sessions;
	}

	@PutMapping("/auth/password")
	@ApiResponse(responseCode = "204", description = "Changed: this session stays, every other one ends",
			content = @Content)
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
	@Refusal(status = HttpStatus.UNAUTHORIZED, codes = ErrorCode.INVALID_CREDENTIALS)
	@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	ResponseEntity<?> change(@AuthenticationPrincipal FerryUser caller, @RequestBody PasswordChange body,
			HttpServletRequest request, HttpServletResponse response) {
		// A malformed request checks no password, so it takes no allowance.
		Accounts.requireWellFormed(body.current(), body.next());
		String address = request.getRemoteAddr();
		Optional<Duration> wait = this.throttle.attempt(caller.email(), address);
		if (wait.isPresent()) {
			throw LoginThrottle.refusal(wait.get(), "Too many wrong passwords");
		}
		Optional<FerryUser> changed = this.accounts.changeOwnPassword(caller, request.getSession().getId(),
				body.current(), body.next());
		if (changed.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(new ApiError(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong"));
		}
		this.throttle.succeeded(caller.email(), address);
		this.sessions.renew(changed.get(), request, response);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The body of {@code PUT /auth/password}.
	 *
	 * @param current the password now
	 * @param next the new password ({@code new} in JSON)
	 */
	record PasswordChange(String current, @JsonProperty("new") String next) {
	}

}
