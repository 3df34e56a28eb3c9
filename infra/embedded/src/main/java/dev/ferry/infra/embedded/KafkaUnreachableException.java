package dev.ferry.infra.embedded;

/**
 * A Kafka cluster did not answer in time.
 */
public class KafkaUnreachableException extends IllegalStateException {

	public KafkaUnreachableException(String message, Throwable cause) {
		super(message, cause);
	}

}
