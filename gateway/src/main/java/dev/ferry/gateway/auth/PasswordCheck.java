package dev.ferry.gateway.auth;

import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Security's password check, whose successful login holds the {@link FerryUser}
 * and not the account it was checked against: the session that keeps the login, stored in
 * the database, never holds the password hash.
 */
final class PasswordCheck extends DaoAuthenticationProvider {

	PasswordCheck(UserAccounts accounts, PasswordEncoder passwords) {
		super(accounts);
		setPasswordEncoder(passwords);
	}

	@Override
	protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
			UserDetails account) {
		return super.createSuccessAuthentication(((LoginAccount) account).user(), authentication, account);
	}

}
