package dev.ferry.persistence.write;

/**
 * Another writer changed a conversation this batch was writing; applying the batch again
 * on fresh numbers resolves it.
 */
public class ConcurrentWriterException extends RuntimeException {

	ConcurrentWriterException(String message) {
		super(message);
	}

}
