package dev.ferry.infra.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.ferry.infra.devstack.DatabaseLogin;

/**
 * The database of the stack under load, where the run's users are created and its
 * messages and statements counted, with the login of its owner.
 *
 * @param jdbcUrl its JDBC URL
 * @param owner the schema's owner: the stack's {@code postgres}, with the password of its
 * data directory
 */
record BenchDatabase(String jdbcUrl, DatabaseLogin owner) {

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.owner.user(), this.owner.password());
	}

}
