package dev.ferry.gateway.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageRules;
import dev.ferry.gateway.account.AccountRepository.Credentials;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.auth.LiveSessions;
import dev.ferry.gateway.presence.PresenceView;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.InvalidFieldException;
import dev.ferry.gateway.system.PageCursor;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration and a user's own password, as the protocol's Administration section
 * says. Only administrators administer (checked here as well as by Spring Security), and
 * only a SUPERADMIN touches a SUPERADMIN. Every change is published on
 * {@code chat.users.v1} before its transaction commits.
 */
@Service
class Accounts {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private static final int MAX_EMAIL = 320;

	private static final int MAX_NAME = 200;

	private static final int MIN_PASSWORD = 12;

	private static final int MAX_PASSWORD = 128;

	private final AccountRepository accounts;

	private final LiveSessions sessions;

	private final AccountEvents events;

	private final PasswordEncoder passwords;

	private final PresenceView presence;

	private final Clock clock;

	Accounts(AccountRepository accounts, LiveSessions sessions, AccountEvents events, PasswordEncoder passwords,
			PresenceView presence, Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.events = events;
		this.passwords = passwords;
		this.presence = presence;
		this.clock = clock;
	}

	/** One page of users by email, and the cursor of the next page, if any. */
	AccountPage page(FerryUser caller, String query, String after, int limit) {
		requireAdministrator(caller);
		List<Account> found = this.accounts.page(query, (after != null) ? PageCursor.positionOf(after) : null,
				limit + 1);
		List<Account> page = found.subList(0, Math.min(limit, found.size())).stream().map(this::seen).toList();
		String next = (found.size() > limit) ? PageCursor.of(page.get(page.size() - 1).email()) : null;
		return new AccountPage(page, next);
	}

	@Transactional
	Account create(FerryUser caller, String email, String name, String role, String password) {
		Role callerRole = requireAdministrator(caller);
		String login = email(email);
		String displayName = name(name);
		Role given = Role.named(role);
		String secret = password(password, "password");
		if (given == Role.SUPERADMIN && callerRole != Role.SUPERADMIN) {
			throw forbidden("Only a SUPERADMIN creates a SUPERADMIN");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Account created = this.accounts
			.insert(UUID.randomUUID(), login, displayName, given, this.passwords.encode(secret), now)
			.orElseThrow(() -> new ChatException(ErrorCode.EMAIL_TAKEN, HttpStatus.CONFLICT,
					"A user with this email already exists"));
		this.events.publish(created);
		return created;
	}

	@Transactional
	Account change(FerryUser caller, String id, String name, String role, Boolean disabled, String password) {
		Role callerRole = requireAdministrator(caller);
		AccountChange change = new AccountChange((name != null) ? name(name) : null,
				(role != null) ? Role.named(role) : null, disabled,
				(password != null) ? password(password, "password") : null);
		if (change.name() == null && change.role() == null && change.disabled() == null && change.password() == null) {
			throw new InvalidFieldException("Give at least one of name, role, disabled, password");
		}
		UUID userId = idOf(id);
		Account before = this.accounts.lock(userId).orElseThrow(Accounts::noSuchUser);
		boolean touchesSuperadmin = Role.valueOf(before.role()) == Role.SUPERADMIN || change.role() == Role.SUPERADMIN;
		if (touchesSuperadmin && callerRole != Role.SUPERADMIN) {
			throw forbidden("Only a SUPERADMIN changes a SUPERADMIN");
		}
		if (userId.equals(caller.id()) && (Boolean.TRUE.equals(change.disabled()) || change.role() != null)) {
			throw forbidden("You cannot disable yourself or change your own role");
		}
		if (change.password() != null && userId.equals(caller.id())) {
			throw forbidden("Change your own password with PUT /auth/password");
		}
		if (change.password() != null && callerRole != Role.SUPERADMIN) {
			throw forbidden("Only a SUPERADMIN resets passwords");
		}
		String hash = (change.password() != null) ? this.passwords.encode(change.password()) : null;
		Account after = this.accounts.update(userId, change, hash).orElseThrow(Accounts::noSuchUser);
		if (change.endsSessions()) {
			this.sessions.endAll(userId);
		}
		this.events.publish(after);
		return seen(after);
	}

	/**
	 * Changes the caller's own password once they proved they know it, ends their other
	 * sessions, and moves this one to the account's next session generation.
	 * @return the caller in that generation; empty if {@code current} was wrong
	 */
	@Transactional
	Optional<FerryUser> changeOwnPassword(FerryUser caller, String sessionId, String current, String replacement) {
		String secret = requireWellFormed(current, replacement);
		Optional<Credentials> credentials = this.accounts.lockCredentials(caller.id());
		if (credentials.isEmpty() || credentials.get().sessionGeneration() != caller.sessionGeneration()
				|| !this.passwords.matches(current, credentials.get().passwordHash())) {
			return Optional.empty();
		}
		Account changed = this.accounts
			.update(caller.id(), new AccountChange(null, null, null, secret), this.passwords.encode(secret))
			.orElseThrow(Accounts::noSuchUser);
		FerryUser next = caller.nextGeneration();
		this.sessions.endAllBut(next, sessionId);
		this.events.publish(changed);
		return Optional.of(next);
	}

	/**
	 * Checks the form of a password change, before any password is compared.
	 * @return the new password
	 * @throws InvalidFieldException naming the field that is missing or malformed
	 */
	static String requireWellFormed(String current, String replacement) {
		if (current == null) {
			throw new InvalidFieldException("current is required");
		}
		return password(replacement, "new");
	}

	private Account seen(Account account) {
		Instant seen = this.presence.lastSeenAt(new UserId(account.id()));
		return (seen != null) ? account.withLastSeenAt(seen) : account;
	}

	private static Role requireAdministrator(FerryUser caller) {
		Role role = Role.valueOf(caller.role());
		if (!role.administers()) {
			throw forbidden("Only an ADMIN or SUPERADMIN administers users");
		}
		return role;
	}

	private static String email(String email) {
		if (email == null) {
			throw new InvalidFieldException("email is required");
		}
		String login = email.strip().toLowerCase(Locale.ROOT);
		if (login.length() > MAX_EMAIL || !EMAIL.matcher(login).matches() || !MessageRules.isStorable(login)) {
			throw new InvalidFieldException("email must be an address such as name@example.com");
		}
		return login;
	}

	private static String name(String name) {
		String stripped = (name != null) ? name.strip() : "";
		if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > MAX_NAME
				|| !MessageRules.isStorable(stripped)) {
			throw new InvalidFieldException("name must be 1 to " + MAX_NAME + " characters");
		}
		return stripped;
	}

	private static String password(String password, String field) {
		int length = (password != null) ? password.codePointCount(0, password.length()) : 0;
		if (length < MIN_PASSWORD || length > MAX_PASSWORD || !MessageRules.isStorable(password)) {
			throw new InvalidFieldException(field + " must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
		}
		return password;
	}

	private static UUID idOf(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw noSuchUser();
		}
	}

	private static ChatException forbidden(String message) {
		return new ChatException(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN, message);
	}

	private static ChatException noSuchUser() {
		return new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such user");
	}

	/**
	 * A page of users.
	 *
	 * @param users the users, by email
	 * @param next the cursor of the next page, or {@code null} on the last
	 */
	record AccountPage(List<Account> users, String next) {
	}

}
