package dev.ferry.contracts.json;

/**
 * A Kafka record value that is not a valid envelope of the expected family: a poison
 * record.
 */
public class InvalidEnvelopeException extends RuntimeException {

	public InvalidEnvelopeException(String message) {
		super(message);
	}

	public InvalidEnvelopeException(String message, Throwable cause) {
		super(message, cause);
	}

}
