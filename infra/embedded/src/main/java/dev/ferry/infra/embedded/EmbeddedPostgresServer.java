package dev.ferry.infra.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on 127.0.0.1 with a {@code ferry}
 * database. Given a data directory it keeps its data across restarts. Whoever starts it
 * closes it, after what uses it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** The database Ferry uses. */
	public static final String DATABASE = "ferry";

	private static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts PostgreSQL.
	 * @param dataDirectory where it keeps its data, or {@code null} for a throw-away one
	 * @param port the port to listen on
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
		Ports.requireFree("PostgreSQL", port);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setPort(port)
			.setServerConfig("max_connections", "300")
			.setServerConfig("listen_addresses", "127.0.0.1")
			// Statements counted by PostgreSQL itself (calls, time, rows per statement):
			// how the benchmark and the tests count a poll's round trips.
			.setServerConfig("shared_preload_libraries", "pg_stat_statements")
			// Zonky's own shutdown hook would stop the server alongside the services that
			// use it at exit, leaving them waiting for connections.
			.setRegisterShutdownHook(false);
		if (dataDirectory != null) {
			builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
		}
		try {
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
			server.createFerryDatabase();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Embedded PostgreSQL did not start: " + ex.getMessage(), ex);
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
		try (Connection connection = this.postgres.getDatabase(USER, DATABASE).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create extension if not exists pg_stat_statements");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count statements in " + DATABASE + ": " + ex.getMessage(), ex);
		}
	}

	public String jdbcUrl() {
		return this.postgres.getJdbcUrl(USER, DATABASE);
	}

	/**
	 * The Ferry database's URL without a user, for clients that log in as someone else:
	 * pgjdbc lets a user named in the URL win over the one a client is given.
	 */
	public String jdbcUrlWithoutUser() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + DATABASE;
	}

	public String username() {
		return USER;
	}

	public String password() {
		return USER;
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
