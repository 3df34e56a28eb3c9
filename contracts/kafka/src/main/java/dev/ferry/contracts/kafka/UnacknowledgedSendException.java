package dev.ferry.contracts.kafka;

/**
 * Kafka did not acknowledge what a listener produced; the input is consumed again.
 */
public class UnacknowledgedSendException extends RuntimeException {

	UnacknowledgedSendException(String message, Throwable cause) {
		super(message, cause);
	}

}
