package dev.ferry.gateway.system;

import java.util.Locale;

import org.jooq.Condition;
import org.jooq.impl.DSL;

import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * The {@code q} of {@code GET /users} and {@code GET /admin/users}: users whose name or
 * email contains the text, ignoring case.
 */
public final class UserSearch {

	private UserSearch() {
	}

	/** The condition for {@code query}; no condition when it is absent or blank. */
	public static Condition matching(String query) {
		if (query == null || query.isBlank()) {
			return DSL.noCondition();
		}
		// position(), not like: nothing in the query is a wildcard. Emails are stored
		// lower-case.
		String needle = query.strip().toLowerCase(Locale.ROOT);
		return DSL.position(DSL.lower(USERS.NAME), needle).gt(0).or(DSL.position(USERS.EMAIL, needle).gt(0));
	}

}
