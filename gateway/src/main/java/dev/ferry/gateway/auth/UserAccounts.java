package dev.ferry.gateway.auth;

import java.util.Locale;

import org.jooq.DSLContext;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Login accounts, read from the {@code users} table.
 */
@Repository
class UserAccounts implements UserDetailsService {

	private final DSLContext dsl;

	UserAccounts(DSLContext dsl) {
		this.dsl = dsl;
	}

	@Override
	public FerryUser loadUserByUsername(String email) {
		return this.dsl.selectFrom(USERS)
			.where(USERS.EMAIL.eq(email.trim().toLowerCase(Locale.ROOT)))
			.fetchOptional((row) -> new FerryUser(row.getId(), row.getEmail(), row.getName(), row.getRole(),
					row.getPasswordHash()))
			.orElseThrow(() -> new UsernameNotFoundException("No account for " + email));
	}

}
