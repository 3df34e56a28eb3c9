package dev.ferry.infra.devstack;

/**
 * Where the running Kafka and PostgreSQL are, as the services are told.
 *
 * @param kafkaBootstrap the Kafka bootstrap address
 * @param jdbcUrl the JDBC URL of the Ferry database
 * @param jdbcUser its user
 * @param jdbcPassword its password
 */
record Endpoints(String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword) {
}
