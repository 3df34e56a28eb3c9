package dev.ferry.infra.test;

/**
 * A PostgreSQL database a test run uses.
 *
 * @param jdbcUrl its JDBC URL
 * @param username the user
 * @param password the password
 * @param source where it came from
 * @param stopper stops it at the end of the run (nothing for an external one)
 */
record RunningDatabase(String jdbcUrl, String username, String password, InfrastructureSource source,
		AutoCloseable stopper) {
}
