package dev.ferry.infra.devstack;

import dev.ferry.infra.embedded.S3Credentials;

/**
 * Where the running Kafka, PostgreSQL and S3 server are, and how each service logs in, as
 * the services are told.
 *
 * @param kafkaBootstrap the Kafka bootstrap address
 * @param jdbcUrl the JDBC URL of the Ferry database
 * @param owner the schema's owner, who migrates it
 * @param gateway the gateway's login
 * @param persistence the persistence worker's login
 * @param s3 the endpoint of the S3 server whose bucket {@link DevStack#BUCKET} keeps
 * attachments
 * @param s3Credentials the keys the gateway signs its S3 requests with
 * @param scrapeToken what Prometheus sends the gateway to scrape it
 */
record Endpoints(String kafkaBootstrap, String jdbcUrl, DatabaseLogin owner, DatabaseLogin gateway,
		DatabaseLogin persistence, String s3, S3Credentials s3Credentials, String scrapeToken) {
}
