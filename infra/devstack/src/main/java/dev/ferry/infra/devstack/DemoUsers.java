package dev.ferry.infra.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import dev.ferry.schema.jooq.tables.Users;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The demo accounts of the embedded stack, all with password {@code test123}. Seeding is
 * idempotent: an existing account keeps its id and password.
 */
public final class DemoUsers {

	public static final String PASSWORD = "test123";

	private static final Users USERS_TABLE = Users.USERS;

	static final List<DemoUser> USERS = List.of(new DemoUser("superadmin@maritime.com", "Super Admin", "SUPERADMIN"),
			new DemoUser("admin@maritime.com", "Ada Admin", "ADMIN"),
			new DemoUser("owner@maritime.com", "Otto Owner", "OWNER"),
			new DemoUser("captain@maritime.com", "Carla Captain", "OWNER"),
			new DemoUser("harbour@maritime.com", "Hugo Harbour", "OWNER"),
			new DemoUser("pilot@maritime.com", "Petra Pilot", "OWNER"));

	private DemoUsers() {
	}

	/**
	 * Inserts the demo accounts that are missing.
	 * @return how many were inserted
	 */
	public static int seed(String jdbcUrl, String user, String password) {
		String hash = new BCryptPasswordEncoder().encode(PASSWORD);
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
			DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
			int inserted = 0;
			for (DemoUser demo : USERS) {
				inserted += dsl.insertInto(USERS_TABLE)
					.set(USERS_TABLE.ID, UUID.randomUUID())
					.set(USERS_TABLE.EMAIL, demo.email())
					.set(USERS_TABLE.NAME, demo.name())
					.set(USERS_TABLE.PASSWORD_HASH, hash)
					.set(USERS_TABLE.ROLE, demo.role())
					.onConflict(USERS_TABLE.EMAIL)
					.doNothing()
					.execute();
			}
			return inserted;
		}
		catch (SQLException | DataAccessException ex) {
			throw new IllegalStateException("Cannot seed demo users: " + ex.getMessage(), ex);
		}
	}

	record DemoUser(String email, String name, String role) {
	}

}
