package dev.ferry.contracts.envelope;

/**
 * What an {@link Envelope} carries on a Kafka topic. Every implementation is listed in
 * {@link PayloadType}.
 */
public interface Payload {

}
