package dev.ferry.infra.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets the embedded database's service roles log in, each with its password, so that each
 * service connects with the rights migration V8 granted its role, and only the schema's
 * owner migrates. A deployment creates login users that are members of the roles instead.
 */
public final class ServiceRoles {

	/** The gateway's role. */
	public static final String GATEWAY = "ferry_gateway";

	/** The persistence worker's role. */
	public static final String PERSISTENCE = "ferry_persistence";

	private ServiceRoles() {
	}

	/**
	 * Sets each role's password, at every start: the data directory's credentials file
	 * says what it is.
	 * @param jdbcUrl the database
	 * @param owner who may change the roles
	 * @param logins the roles, each with its password
	 */
	public static void allowLogin(String jdbcUrl, DatabaseLogin owner, DatabaseLogin... logins) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, owner.user(), owner.password());
				Statement statement = connection.createStatement()) {
			for (DatabaseLogin login : logins) {
				// Role names are this class's constants; a password is quoted as a
				// literal.
				statement.execute(
						"alter role " + login.user() + " login password '" + login.password().replace("'", "''") + "'");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The service roles of " + jdbcUrl + " could not be set up", ex);
		}
	}

}
