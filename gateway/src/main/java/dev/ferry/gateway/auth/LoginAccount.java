package dev.ferry.gateway.auth;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * An account as a login checks it: the user and their password hash. Only the password
 * check sees it; the login's principal is the {@link FerryUser} alone.
 *
 * @param user who the account is
 * @param passwordHash the BCrypt hash
 */
record LoginAccount(FerryUser user, String passwordHash) implements UserDetails {

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.user.role()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.user.email();
	}

}
