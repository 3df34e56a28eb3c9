package dev.ferry.gateway.auth;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A person who logged in: the principal of every authenticated request and socket. It
 * holds no password hash: it is kept in the HTTP session, which is stored in the
 * database.
 *
 * @param id the user id
 * @param email the login, lower-case
 * @param name the display name
 * @param role SUPERADMIN, ADMIN or OWNER
 * @param sessionGeneration the generation of the account the login belongs to: the
 * session is refused once the account's has moved on (disabled, new role, new password)
 */
public record FerryUser(UUID id, String email, String name, String role,
		long sessionGeneration) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return this.email;
	}

	/** The same person in the account's next session generation. */
	public FerryUser nextGeneration() {
		return new FerryUser(this.id, this.email, this.name, this.role, this.sessionGeneration + 1);
	}

	/**
	 * Who owns a session, as {@code spring_session.principal_name} holds it: the user and
	 * the generation the session belongs to.
	 */
	String sessionOwner() {
		return this.id + ":" + this.sessionGeneration;
	}

	/** What clients see of a user. */
	UserView view() {
		return new UserView(this.id, this.email, this.name, this.role);
	}

	/**
	 * A user as the protocol shows them.
	 *
	 * @param id the user id
	 * @param email the email
	 * @param name the display name
	 * @param role the role
	 */
	record UserView(UUID id, String email, String name, String role) {
	}

}
