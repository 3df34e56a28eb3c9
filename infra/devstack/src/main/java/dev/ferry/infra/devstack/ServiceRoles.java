package dev.ferry.infra.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets the embedded database's service roles log in, so that each service connects with
 * the rights migration V8 granted its role, and only the schema's owner migrates. A
 * deployment creates login users that are members of the roles instead.
 */
public final class ServiceRoles {

	public static final DatabaseLogin GATEWAY = new DatabaseLogin("ferry_gateway", "ferry_gateway");

	public static final DatabaseLogin PERSISTENCE = new DatabaseLogin("ferry_persistence", "ferry_persistence");

	private ServiceRoles() {
	}

	public static void allowLogin(String jdbcUrl, DatabaseLogin owner) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, owner.user(), owner.password());
				Statement statement = connection.createStatement()) {
			for (DatabaseLogin role : new DatabaseLogin[] { GATEWAY, PERSISTENCE }) {
				// Names and passwords are constants of this class, not input.
				statement.execute("alter role " + role.user() + " login password '" + role.password() + "'");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The service roles of " + jdbcUrl + " could not be set up", ex);
		}
	}

}
