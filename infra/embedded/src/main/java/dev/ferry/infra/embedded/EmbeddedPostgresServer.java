package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on 127.0.0.1 with a {@code ferry}
 * database, where every connection logs in with a password (SCRAM-SHA-256): the roles'
 * passwords are what stands between them and anyone else on this machine. Given a data
 * directory it keeps its data, and its superuser's password, across restarts. Whoever
 * starts it closes it, after what uses it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** The database Ferry uses. */
	public static final String DATABASE = "ferry";

	/** The superuser, who owns the schema and migrates it. */
	public static final String SUPERUSER = "postgres";

	/** What {@code pg_hba.conf} allows: password logins only, on this machine only. */
	private static final String PASSWORD_LOGINS_ONLY = """
			# Every login with a password (SCRAM-SHA-256), over the socket or loopback only.
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final EmbeddedPostgres postgres;

	private final String password;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
		this.postgres = postgres;
		this.password = password;
	}

	/**
	 * Starts PostgreSQL.
	 * @param dataDirectory where it keeps its data, or {@code null} for a throw-away one
	 * @param port the port to listen on
	 * @param superuserPassword the password of {@link #SUPERUSER}: set when the data
	 * directory is created, and the one it must have at every later start
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, int port, String superuserPassword) {
		Ports.requireFree("PostgreSQL", port);
		Path passwordFile = null;
		try {
			passwordFile = Files.createTempFile("ferry-postgres", ".password",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(passwordFile, superuserPassword);
			boolean trusting = dataDirectory != null && trustsEveryone(dataDirectory);
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(
					builder(dataDirectory, port, superuserPassword, passwordFile).start(), superuserPassword);
			if (trusting) {
				server.requirePasswords(dataDirectory);
			}
			server.createFerryDatabase();
			return server;
		}
		catch (IOException ex) {
			if (dataDirectory != null) {
				stopLeftBehind(dataDirectory);
			}
			throw new IllegalStateException(failure(dataDirectory, ex), ex);
		}
		finally {
			deleteIfThere(passwordFile);
		}
	}

	private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, String superuserPassword,
			Path passwordFile) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setPort(port)
			.setServerConfig("max_connections", "300")
			.setServerConfig("listen_addresses", "127.0.0.1")
			// Statements counted by PostgreSQL itself (calls, time, rows per statement):
			// how the benchmark and the tests count a poll's round trips.
			.setServerConfig("shared_preload_libraries", "pg_stat_statements")
			// initdb's own options, through the only initdb arguments zonky takes (after
			// its "-A trust", so these win): a new data directory never trusts anyone,
			// not even for a moment, and its superuser has the password from the start.
			.setLocaleConfig("auth", "scram-sha-256")
			.setLocaleConfig("pwfile", passwordFile.toString())
			// How zonky itself logs in to see that the server is up and to make
			// databases.
			.setConnectConfig("password", superuserPassword)
			// Zonky's own shutdown hook would stop the server alongside the services that
			// use it at exit, leaving them waiting for connections.
			.setRegisterShutdownHook(false);
		if (dataDirectory != null) {
			builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
		}
		return builder;
	}

	/**
	 * Whether the data directory was created before the stack required passwords: its
	 * {@code pg_hba.conf} trusts every local connection.
	 */
	private static boolean trustsEveryone(Path dataDirectory) throws IOException {
		Path rules = dataDirectory.resolve("pg_hba.conf");
		return Files.exists(rules) && Files.readAllLines(rules)
			.stream()
			.map(String::strip)
			.anyMatch((rule) -> !rule.startsWith("#") && rule.endsWith("trust"));
	}

	/**
	 * Gives the superuser its password and requires passwords from then on, for a data
	 * directory created when everyone was trusted; once, at its first start since.
	 */
	private void requirePasswords(Path dataDirectory) throws IOException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter role " + SUPERUSER + " password '" + this.password.replace("'", "''") + "'");
			Files.writeString(dataDirectory.resolve("pg_hba.conf"), PASSWORD_LOGINS_ONLY);
			statement.execute("select pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot require passwords in " + dataDirectory + ": " + ex.getMessage(),
					ex);
		}
	}

	private void createFerryDatabase() {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				if (!exists.next()) {
					statement.execute("create database " + DATABASE);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + DATABASE + ": " + ex.getMessage(), ex);
		}
		try (Connection connection = this.postgres.getDatabase(SUPERUSER, DATABASE).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create extension if not exists pg_stat_statements");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count statements in " + DATABASE + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Why it did not start. Zonky waits for a login that never succeeds when the data
	 * directory's superuser has another password than the one given.
	 */
	private static String failure(Path dataDirectory, IOException ex) {
		Optional<SQLException> refused = Optional.ofNullable(ex.getCause())
			.filter(SQLException.class::isInstance)
			.map(SQLException.class::cast)
			.filter((login) -> "28P01".equals(login.getSQLState()));
		if (refused.isPresent()) {
			return "PostgreSQL in " + dataDirectory + " refused the password given for " + SUPERUSER
					+ ": the data directory was created with another one";
		}
		return "Embedded PostgreSQL did not start: " + ex.getMessage();
	}

	/**
	 * Stops the server zonky started but gave up on (it leaves it running, holding its
	 * port), found by the pid it wrote in its data directory.
	 */
	private static void stopLeftBehind(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		try {
			if (!Files.exists(pidFile)) {
				return;
			}
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
			ProcessHandle.of(pid).ifPresent((server) -> {
				server.destroy();
				server.onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot stop the PostgreSQL server of " + dataDirectory, ex);
		}
	}

	/** initdb has read it: the password is kept nowhere else on disk. */
	private static void deleteIfThere(Path passwordFile) {
		try {
			if (passwordFile != null) {
				Files.deleteIfExists(passwordFile);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + passwordFile, ex);
		}
	}

	public String jdbcUrl() {
		return this.postgres.getJdbcUrl(SUPERUSER, DATABASE);
	}

	/**
	 * The Ferry database's URL without a user, for clients that log in as someone else:
	 * pgjdbc lets a user named in the URL win over the one a client is given.
	 */
	public String jdbcUrlWithoutUser() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + DATABASE;
	}

	public String username() {
		return SUPERUSER;
	}

	public String password() {
		return this.password;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}

}
