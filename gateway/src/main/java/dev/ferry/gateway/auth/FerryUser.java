package dev.ferry.gateway.auth;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person who logged in: the principal of every authenticated request and socket.
 *
 * @param id the user id
 * @param email the login, lower-case
 * @param name the display name
 * @param role SUPERADMIN, ADMIN or OWNER
 * @param passwordHash the BCrypt hash (never leaves the gateway)
 */
public record FerryUser(UUID id, String email, String name, String role,
		String passwordHash) implements UserDetails, Serializable {

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.role));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
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
