package dev.ferry.infra.test;

/**
 * A Kafka cluster a test run uses.
 *
 * @param bootstrapServers its bootstrap address
 * @param source where it came from
 * @param stopper stops it at the end of the run (nothing for an external one)
 */
record RunningKafka(String bootstrapServers, InfrastructureSource source, AutoCloseable stopper) {
}
