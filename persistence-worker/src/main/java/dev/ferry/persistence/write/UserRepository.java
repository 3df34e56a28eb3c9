package dev.ferry.persistence.write;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.ferry.contracts.id.UserId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Which users exist.
 */
@Repository
class UserRepository {

	private final DSLContext dsl;

	UserRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	Set<UserId> existing(Collection<UserId> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return this.dsl.select(USERS.ID)
			.from(USERS)
			.where(USERS.ID.eq(DSL.any(ids.stream().map(UserId::value).toArray(UUID[]::new))))
			.fetch(USERS.ID)
			.stream()
			.map(UserId::new)
			.collect(Collectors.toSet());
	}

}
