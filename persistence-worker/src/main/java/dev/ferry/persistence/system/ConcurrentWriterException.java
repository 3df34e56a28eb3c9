package dev.ferry.persistence.system;

/**
 * Another writer changed a conversation this batch was writing; applying the batch again
 * on fresh numbers resolves it.
 */
public class ConcurrentWriterException extends RuntimeException {

	public ConcurrentWriterException(String message) {
		super(message);
	}

}
