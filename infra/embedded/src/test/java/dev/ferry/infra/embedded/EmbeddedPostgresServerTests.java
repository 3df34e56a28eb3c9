package dev.ferry.infra.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Embedded PostgreSQL lets nobody in without the password: not a wrong one, not none,
 * from its first moment, across restarts, and from the first start of a data directory
 * made when it trusted everyone.
 */
@Timeout(120)
class EmbeddedPostgresServerTests {

	private static final String INVALID_PASSWORD = "28P01";

	@TempDir
	Path data;

	@Test
	void aLoginIsRefusedWithAWrongOrNoPasswordAndAcceptedWithTheGivenOne() throws Exception {
		String password = Secrets.generate();
		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.data, Ports.findFree(), password)) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> currentUser(postgres, EmbeddedPostgresServer.SUPERUSER, "wrong"))
				.satisfies((refused) -> assertThat(refused.getSQLState()).isEqualTo(INVALID_PASSWORD));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> currentUser(postgres, EmbeddedPostgresServer.SUPERUSER, null))
				.withMessage("The server requested SCRAM-based authentication, but no password was provided.");
			assertThat(currentUser(postgres, EmbeddedPostgresServer.SUPERUSER, password)).isEqualTo("postgres");
		}
		assertThat(Files.readAllLines(this.data.resolve("pg_hba.conf")))
			.filteredOn((rule) -> !rule.isBlank() && !rule.startsWith("#"))
			.allMatch((rule) -> rule.endsWith("scram-sha-256"));
	}

	@Test
	void aSecondStartKeepsThePasswordAndAnotherOneStopsItWithoutAServerLeftBehind() throws Exception {
		String password = Secrets.generate();
		int port = Ports.findFree();
		EmbeddedPostgresServer.start(this.data, port, password).close();

		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.data, port, password)) {
			assertThat(currentUser(postgres, EmbeddedPostgresServer.SUPERUSER, password)).isEqualTo("postgres");
		}
		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedPostgresServer.start(this.data, port, Secrets.generate()))
			.withMessage("PostgreSQL in " + this.data
					+ " refused the password given for postgres: the data directory was created with another one");
		assertThat(Ports.isFree(port)).isTrue();
	}

	@Test
	void aDataDirectoryMadeWhenEveryoneWasTrustedRequiresPasswordsFromItsNextStart() throws Exception {
		int port = Ports.findFree();
		EmbeddedPostgres.builder()
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start()
			.close();
		String password = Secrets.generate();

		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.data, port, password)) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> currentUser(postgres, EmbeddedPostgresServer.SUPERUSER, "wrong"))
				.satisfies((refused) -> assertThat(refused.getSQLState()).isEqualTo(INVALID_PASSWORD));
			assertThat(currentUser(postgres, EmbeddedPostgresServer.SUPERUSER, password)).isEqualTo("postgres");
		}
	}

	private static String currentUser(EmbeddedPostgresServer postgres, String user, String password)
			throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrlWithoutUser(), user, password);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select current_user")) {
			result.next();
			return result.getString(1);
		}
	}

}
