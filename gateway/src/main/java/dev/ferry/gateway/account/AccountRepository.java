package dev.ferry.gateway.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.ferry.gateway.system.UserSearch;
import dev.ferry.schema.jooq.tables.records.UsersRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Users as the administration API reads and writes them.
 */
@Repository
class AccountRepository {

	private final DSLContext dsl;

	AccountRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * Up to {@code limit} users by email after {@code afterEmail}, whose name or email
	 * contains {@code query} ignoring case when it is given.
	 */
	List<Account> page(String query, String afterEmail, int limit) {
		return this.dsl.selectFrom(USERS)
			.where(UserSearch.matching(query))
			.and((afterEmail != null) ? USERS.EMAIL.gt(afterEmail) : DSL.noCondition())
			.orderBy(USERS.EMAIL)
			.limit(limit)
			.fetch(AccountRepository::account);
	}

	/**
	 * Locks the row of a user who is not disabled for the rest of the transaction, and
	 * reads what proves a login.
	 */
	Optional<Credentials> lockCredentials(UUID id) {
		return this.dsl.select(USERS.PASSWORD_HASH, USERS.SESSION_GENERATION)
			.from(USERS)
			.where(USERS.ID.eq(id))
			.and(USERS.DISABLED.isFalse())
			.forUpdate()
			.fetchOptional((row) -> new Credentials(row.value1(), row.value2()));
	}

	/**
	 * Inserts a user.
	 * @return the user, or empty if the email is taken
	 */
	Optional<Account> insert(UUID id, String email, String name, Role role, String passwordHash, Instant now) {
		return this.dsl.insertInto(USERS)
			.set(USERS.ID, id)
			.set(USERS.EMAIL, email)
			.set(USERS.NAME, name)
			.set(USERS.ROLE, role.name())
			.set(USERS.PASSWORD_HASH, passwordHash)
			.set(USERS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
			.onConflict(USERS.EMAIL)
			.doNothing()
			.returning()
			.fetchOptional()
			.map(AccountRepository::account);
	}

	/**
	 * Changes what {@code change} names, the password as {@code passwordHash}.
	 * @return the user after the change, or empty if there is no such user
	 */
	Optional<Account> update(UUID id, AccountChange change, String passwordHash) {
		Map<Field<?>, Object> values = new HashMap<>();
		if (change.name() != null) {
			values.put(USERS.NAME, change.name());
		}
		if (change.role() != null) {
			values.put(USERS.ROLE, change.role().name());
		}
		if (change.disabled() != null) {
			values.put(USERS.DISABLED, change.disabled());
		}
		if (passwordHash != null) {
			values.put(USERS.PASSWORD_HASH, passwordHash);
		}
		if (change.endsSessions()) {
			values.put(USERS.SESSION_GENERATION, USERS.SESSION_GENERATION.plus(1));
		}
		return this.dsl.update(USERS)
			.set(values)
			.where(USERS.ID.eq(id))
			.returning()
			.fetchOptional()
			.map(AccountRepository::account);
	}

	/** Locks the user's row for the rest of the transaction and reads it. */
	Optional<Account> lock(UUID id) {
		return this.dsl.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional(AccountRepository::account);
	}

	/**
	 * What proves a login.
	 *
	 * @param passwordHash the BCrypt hash
	 * @param sessionGeneration the account's session generation
	 */
	record Credentials(String passwordHash, long sessionGeneration) {
	}

	private static Account account(UsersRecord row) {
		return new Account(row.getId(), row.getEmail(), row.getName(), row.getRole(), row.getDisabled(),
				row.getCreatedAt().toInstant(), (row.getLastSeenAt() != null) ? row.getLastSeenAt().toInstant() : null);
	}

}
