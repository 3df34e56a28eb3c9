package dev.ferry.gateway.auth;

import java.util.Locale;

import org.jooq.DSLContext;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Login accounts, read from the {@code users} table. A disabled account is not found, so
 * its login fails as a wrong password does, in as long (Spring Security checks a dummy
 * password for an unknown account).
 */
@Repository
class UserAccounts implements UserDetailsService {

	private final DSLContext dsl;

	UserAccounts(DSLContext dsl) {
		this.dsl = dsl;
	}

	@Override
	public LoginAccount loadUserByUsername(String email) {
		return this.dsl.selectFrom(USERS)
			.where(USERS.EMAIL.eq(email.trim().toLowerCase(Locale.ROOT)))
			.and(USERS.DISABLED.isFalse())
			.fetchOptional((row) -> new LoginAccount(new FerryUser(row.getId(), row.getEmail(), row.getName(),
					row.getRole(), row.getSessionGeneration()), row.getPasswordHash()))
			.orElseThrow(() -> new UsernameNotFoundException("No account for " + email));
	}

}
