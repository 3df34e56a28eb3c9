package dev.ferry.persistence.write;

/**
 * Kafka did not acknowledge the events of a committed batch. The batch is applied again,
 * which changes nothing and re-publishes the same events.
 */
public class EventPublishException extends RuntimeException {

	EventPublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
