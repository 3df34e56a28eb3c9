package dev.ferry.infra.embedded;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies Ferry's Flyway migrations (from {@code contracts/schema}) to a database.
 */
public final class SchemaMigrator {

	/** Where {@code contracts/schema} keeps the migrations on the class path. */
	public static final String LOCATION = "classpath:db/migration";

	private SchemaMigrator() {
	}

	/**
	 * Migrates the database to the latest version.
	 * @return how many migrations this call applied
	 */
	public static int migrate(String jdbcUrl, String user, String password) {
		MigrateResult result = Flyway.configure()
			.dataSource(jdbcUrl, user, password)
			.locations(LOCATION)
			.connectRetries(0)
			.load()
			.migrate();
		return result.migrationsExecuted;
	}

}
