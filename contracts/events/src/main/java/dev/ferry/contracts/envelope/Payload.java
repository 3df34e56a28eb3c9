package dev.ferry.contracts.envelope;

/**
 * What an {@link Envelope} carries on a Kafka topic. Every implementation is listed in
 * {@link PayloadType}.
 */
public interface Payload {

	/**
	 * The key of its Kafka record: the conversation for commands, events and signals (one
	 * conversation, one partition, one order), the node for pushes, user and node for
	 * presence. Each payload type states its own, so a new type does not compile without
	 * one.
	 */
	String recordKey();

}
