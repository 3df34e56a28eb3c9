package dev.ferry.gateway.account;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.PageSize;
import dev.ferry.gateway.system.Refusal;
import dev.ferry.gateway.system.UserRateLimiter;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/users}: list, create and change users, for ADMIN and SUPERADMIN callers.
 */
@RestController
@RequestMapping("/admin/users")
@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
@Refusal(status = HttpStatus.FORBIDDEN, codes = ErrorCode.FORBIDDEN)
@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
class AdminUsersController {

	private static final int DEFAULT_LIMIT = 50;

	private static final int MAX_LIMIT = 200;

	private final Accounts accounts;

	private final UserRateLimiter rateLimiter;

	AdminUsersController(Accounts accounts, UserRateLimiter rateLimiter) {
		this.accounts = accounts;
		this.rateLimiter = rateLimiter;
	}

	@GetMapping
	Accounts.AccountPage list(@AuthenticationPrincipal FerryUser caller, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
		this.rateLimiter.acquire(new UserId(caller.id()));
		return this.accounts.page(caller, q, after, PageSize.of(limit, DEFAULT_LIMIT, MAX_LIMIT));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Refusal(status = HttpStatus.CONFLICT, codes = ErrorCode.EMAIL_TAKEN)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	OneUser create(@AuthenticationPrincipal FerryUser caller, @RequestBody NewUser body) {
		this.rateLimiter.acquire(new UserId(caller.id()));
		return new OneUser(this.accounts.create(caller, body.email(), body.name(), body.role(), body.password()));
	}

	@PatchMapping("/{id}")
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	OneUser change(@AuthenticationPrincipal FerryUser caller, @PathVariable String id, @RequestBody UserChange body) {
		this.rateLimiter.acquire(new UserId(caller.id()));
		return new OneUser(
				this.accounts.change(caller, id, body.name(), body.role(), body.disabled(), body.password()));
	}

	/**
	 * The body of {@code POST /admin/users}.
	 *
	 * @param email the login
	 * @param name the display name
	 * @param role SUPERADMIN, ADMIN or OWNER
	 * @param password the first password
	 */
	record NewUser(String email, String name, String role, String password) {
	}

	/**
	 * The body of {@code PATCH /admin/users/:id}; absent fields stay as they are.
	 *
	 * @param name a new display name
	 * @param role a new role
	 * @param disabled disable or enable
	 * @param password a new password
	 */
	record UserChange(String name, String role, Boolean disabled, String password) {
	}

	/**
	 * The answer about one user.
	 *
	 * @param user the user after the call
	 */
	record OneUser(Account user) {
	}

}
