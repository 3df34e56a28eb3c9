package dev.ferry.infra.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.SchemaMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A stack's data directory makes up its passwords, keys and scrape token at its first
 * start and keeps them for its owner alone; its database lets a service in with the
 * generated password only, start after start.
 */
@Timeout(120)
class StackCredentialsTests {

	private static final String INVALID_PASSWORD = "28P01";

	private final int port = Ports.findFree();

	@TempDir
	Path data;

	@Test
	void aServiceRoleIsRefusedWithAWrongOrNoPasswordAndLogsInWithTheGeneratedOne() throws Exception {
		StackCredentials credentials = StackCredentials.keep(this.data);

		try (EmbeddedPostgresServer postgres = startDatabase(credentials)) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> currentUser(postgres, ServiceRoles.GATEWAY, "wrong"))
				.satisfies((refused) -> assertThat(refused.getSQLState()).isEqualTo(INVALID_PASSWORD));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> currentUser(postgres, ServiceRoles.PERSISTENCE, credentials.gateway().password()))
				.satisfies((refused) -> assertThat(refused.getSQLState()).isEqualTo(INVALID_PASSWORD));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> currentUser(postgres, ServiceRoles.GATEWAY, null))
				.withMessage("The server requested SCRAM-based authentication, but no password was provided.");
			assertThat(currentUser(postgres, ServiceRoles.GATEWAY, credentials.gateway().password()))
				.isEqualTo("ferry_gateway");
			assertThat(currentUser(postgres, ServiceRoles.PERSISTENCE, credentials.persistence().password()))
				.isEqualTo("ferry_persistence");
		}
	}

	@Test
	void aSecondStartOfTheDataDirectoryReusesItsCredentials() throws Exception {
		StackCredentials first = StackCredentials.keep(this.data);
		startDatabase(first).close();

		StackCredentials second = StackCredentials.keep(this.data);

		assertThat(second).isEqualTo(first);
		try (EmbeddedPostgresServer postgres = startDatabase(second)) {
			assertThat(currentUser(postgres, ServiceRoles.GATEWAY, second.gateway().password()))
				.isEqualTo("ferry_gateway");
		}
		assertThat(Files.readString(this.data.resolve("scrape-token"))).isEqualTo(first.scrapeToken());
		for (String file : List.of("credentials.properties", "scrape-token")) {
			assertThat(Files.getPosixFilePermissions(this.data.resolve(file)))
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		}
	}

	@Test
	void noTwoSecretsAreAlikeWithinADataDirectoryOrAcrossTwo() {
		StackCredentials one = StackCredentials.keep(this.data.resolve("one"));
		StackCredentials other = StackCredentials.keep(this.data.resolve("other"));

		assertThat(List.of(one, other).stream().flatMap(StackCredentialsTests::secrets).distinct()).hasSize(12)
			.allMatch((secret) -> secret.matches("[A-Za-z0-9]{24}"));
	}

	/**
	 * Its database as the stack starts it: the owner's password, the migrations, the
	 * roles' logins.
	 */
	private EmbeddedPostgresServer startDatabase(StackCredentials credentials) {
		EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(this.data.resolve("postgres"), this.port,
				credentials.owner().password());
		SchemaMigrator.migrate(postgres.jdbcUrlWithoutUser(), credentials.owner().user(),
				credentials.owner().password());
		ServiceRoles.allowLogin(postgres.jdbcUrlWithoutUser(), credentials.owner(), credentials.gateway(),
				credentials.persistence());
		return postgres;
	}

	private static Stream<String> secrets(StackCredentials credentials) {
		return Stream.of(credentials.owner().password(), credentials.gateway().password(),
				credentials.persistence().password(), credentials.s3().accessKey(), credentials.s3().secretKey(),
				credentials.scrapeToken());
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
